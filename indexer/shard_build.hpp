// A fresh index built by several Xapian writers at once, then merged.
//
// Xapian's writer is single-threaded and most of indexing time is spent inside it,
// so a new index is written by one thread per core and merged with
// Xapian::Compactor at the end. Only for fresh builds: updating an existing index
// stays one writer.
//
// Each thread writes its documents as a series of databases ("parts") of up to
// part_documents documents, committing every commit_every. A commit has to find and
// rewrite the tail of every posting and position list it touches, all over the
// database's B-tree, and that costs more the bigger the tree: in one database per
// thread, commits took 40% of the CPU time of a 1,000,000-article build and the
// build slowed down as it grew. Bounded parts keep every commit as cheap as in a
// small index. Parts are merged with the compactor, which streams: whenever a
// thread holds fan_in databases of one level it merges them into one of the next
// level (as a log-structured merge tree does), so there are never more than
// fan_in - 1 databases per level, and at the end all that remain are merged into
// the index. A build of up to part_documents per thread is one part per thread and
// a single merge.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/bounded_queue.hpp"

namespace ainews {

class ShardedBuild {
public:
    // Starts `threads` writers working under folder (which must not exist).
    ShardedBuild(const std::string& folder, unsigned threads, std::size_t commit_every,
                 std::size_t part_documents = kPartDocuments, std::size_t fan_in = kFanIn);

    static constexpr std::size_t kPartDocuments = 8192;
    static constexpr std::size_t kFanIn = 16;
    ~ShardedBuild();  // stops the threads; the caller removes the folder
    ShardedBuild(const ShardedBuild&) = delete;
    ShardedBuild& operator=(const ShardedBuild&) = delete;

    // Adds a document; an id seen before in this build replaces its document.
    // Returns true for a new id. Rethrows a writer thread's failure.
    bool add(const std::string& id, const std::string& id_term, Xapian::Document&& document);

    // Waits for every writer to store and commit what it was given.
    void flush();

    // Flushes, then merges everything into a new database at `target` (which must
    // not exist), carrying over `metadata` (key -> value).
    void merge_into(const std::string& target, const std::vector<std::pair<std::string, std::string>>& metadata);

    std::size_t document_count() const { return ids_.size(); }

    // Databases merged so far by the writers (not counting the final merge).
    std::size_t merges() const;

private:
    struct Job {
        bool flush = false;
        Xapian::Document document;
    };
    struct Writer;
    void check_failures();

    std::string folder_;
    std::vector<std::unique_ptr<Writer>> writers_;
    // id -> the writer that has it. A repeated id goes to the same writer, so its
    // last version is the one with the highest docid after merging.
    std::unordered_map<std::string, unsigned> ids_;
    // Id terms of ids added more than once: older versions are deleted after merging.
    std::vector<std::string> repeated_;
    std::size_t added_ = 0;
    static constexpr std::size_t kRun = 64;  // consecutive documents per writer, for locality
};

}  // namespace ainews
