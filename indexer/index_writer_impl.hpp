// IndexWriter's state, visible to the indexing pipeline, which prepares documents
// on worker threads and hands them to the writer.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ainews/index_writer.hpp"
#include "common/database.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/shard_build.hpp"

namespace ainews {

struct IndexWriter::Impl {
    Impl(const std::string& path, WriterOptions options);
    ~Impl();  // throws away an unfinished rebuild

    // The docid holding this id with this content hash when the run started, else 0.
    // Reads only `known`, which no one changes during a run: safe from any thread.
    Xapian::docid unchanged(const std::string& id, const std::string& hash) const;
    // Writer thread only.
    void mark_seen(Xapian::docid did) { seen.insert(did); }
    Outcome store(PreparedDocument&& prepared);
    // Marks as seen every article whose file term is one of `file_terms` or starts
    // with one of `folder_prefixes`: files and folders that exist but could not be
    // read this run, whose articles prune_unseen() must keep.
    void keep_files(const std::vector<std::string>& file_terms, const std::vector<std::string>& folder_prefixes);
    void commit_if_due();
    // finish() for a sharded build: merge, switch readers to the result.
    void finish_sharded();

    struct Known {
        Xapian::docid docid;
        std::string hash;
    };
    std::string path;
    WriterOptions options;
    std::unique_ptr<WriterLock> lock;  // held for the writer's whole life
    std::string generation;            // "gen-N" being written
    bool rebuilding = false;           // generation is not yet the one readers open
    Xapian::WritableDatabase db;
    bool started_empty = false;
    std::unordered_map<std::string, Known> known;           // as at the start of the run
    std::unordered_map<std::string, Xapian::docid> added;  // ids first added in this run
    std::unordered_set<Xapian::docid> seen;
    std::size_t pending = 0;
    // Set for a fresh build spread over several writer threads (shard_build.hpp).
    std::unique_ptr<ShardedBuild> sharded;
    std::string shard_folder;
};

}  // namespace ainews
