// IndexWriter's state, visible to the indexing pipeline, which prepares documents
// on worker threads and hands them to the writer.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "ainews/index_writer.hpp"
#include "indexer/document_builder.hpp"

namespace ainews {

struct IndexWriter::Impl {
    Impl(const std::string& path, WriterOptions options);

    // The docid holding this id with this content hash when the run started, else 0.
    // Reads only `known`, which no one changes during a run: safe from any thread.
    Xapian::docid unchanged(const std::string& id, const std::string& hash) const;
    // Writer thread only.
    void mark_seen(Xapian::docid did) { seen.insert(did); }
    Outcome store(PreparedDocument&& prepared);

    struct Known {
        Xapian::docid docid;
        std::string hash;
    };
    std::string path;
    WriterOptions options;
    Xapian::WritableDatabase db;
    bool started_empty = false;
    std::unordered_map<std::string, Known> known;           // as at the start of the run
    std::unordered_map<std::string, Xapian::docid> added;  // ids first added in this run
    std::unordered_set<Xapian::docid> seen;
    std::size_t pending = 0;
};

}  // namespace ainews
