// Writes articles into a Xapian index following the schema table.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "ainews/article.hpp"
#include "ainews/gazetteer.hpp"

namespace ainews {

struct WriterOptions {
    // Commit after this many changed documents (never per document): a run that is
    // killed leaves the last commit searchable and loses at most one batch of work.
    std::size_t batch_size = 500;
    // Build a fresh index beside the current one. Readers keep seeing the old index
    // until finish() switches them to the new one in a single step; a rebuild that
    // is not finished (error, interrupt, kill) is discarded and the old index stays.
    bool rebuild = false;
    // For a fresh index (first build or rebuild): write this many shards in parallel,
    // one thread each, and merge them when finish() is called. Until then nothing new
    // is visible; a run that stops before finish() leaves the index as it was.
    unsigned shards = 1;
    // Another writer holds the index: wait for it (telling on_wait once), or throw
    // Error(Busy) at once.
    bool wait_if_busy = false;
    std::function<void(const std::string&)> on_wait;
    std::function<bool()> cancelled;  // polled while waiting; true gives up with Error(Busy)
};

class IndexWriter {
public:
    enum class Outcome { Added, Updated, Unchanged };

    // Creates or opens the index folder at path (see common/database.hpp for its
    // layout). Throws Error(Busy) when another writer holds it, Error(Schema) when
    // it was built by an incompatible version, Error(Io) when path is not an index.
    IndexWriter(const std::string& path, WriterOptions options = {});
    // Commits what is pending (call commit() or finish() first to see errors); an
    // unfinished rebuild is thrown away.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    Outcome write(const Article& article);

    // Remembers the aliases of every gazetteer entry in the index metadata so a
    // searcher can resolve "TML" without the gazetteer files.
    void store_aliases(const Gazetteer& gazetteer);

    // Deletes every article not written (or found unchanged) since this writer was
    // opened; returns how many were deleted.
    std::size_t prune_unseen();

    // Makes what was written so far durable and visible (for a rebuild: durable only).
    void commit();
    // Commits; for a rebuild, also switches readers to the new index and removes the
    // old one. The writer stays usable, now on the new index.
    void finish();

    std::size_t document_count() const;

    struct Impl;
    Impl& impl();  // for the indexing pipeline inside the library

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ainews
