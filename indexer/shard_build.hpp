// A fresh index built by several Xapian writers at once, then merged.
//
// Xapian's writer is single-threaded and most of indexing time is spent inside it
// (its in-memory change buffer and B-tree updates), so a new index is written as
// one shard per core, each by its own thread, and merged with Xapian::Compactor at
// the end. Only for fresh builds: updating an existing index stays one writer.
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
    // Creates `shards` empty shard databases under folder (which must not exist).
    ShardedBuild(const std::string& folder, unsigned shards, std::size_t commit_every);
    ~ShardedBuild();  // stops the threads; the caller removes the folder
    ShardedBuild(const ShardedBuild&) = delete;
    ShardedBuild& operator=(const ShardedBuild&) = delete;

    // Adds a document; an id seen before in this build replaces its document.
    // Returns true for a new id. Rethrows a shard thread's failure.
    bool add(const std::string& id, Xapian::Document&& document);

    // Waits for every shard to store and commit what it was given.
    void flush();

    // Flushes, then merges all shards into a new database at `target` (which must
    // not exist), carrying over `metadata` (key -> value).
    void merge_into(const std::string& target, const std::vector<std::pair<std::string, std::string>>& metadata);

    std::size_t document_count() const { return ids_.size(); }

private:
    struct Job {
        Xapian::docid docid = 0;  // 0: flush marker
        Xapian::Document document;
    };
    struct Shard;
    void check_failures();

    std::string folder_;
    std::vector<std::unique_ptr<Shard>> shards_;
    // id -> shard and docid within it, for repeated ids.
    std::unordered_map<std::string, std::pair<unsigned, Xapian::docid>> ids_;
    std::size_t added_ = 0;
    static constexpr std::size_t kRun = 64;  // consecutive documents per shard, for locality
};

}  // namespace ainews
