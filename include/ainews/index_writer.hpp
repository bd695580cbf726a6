// Writes articles into a Xapian index following the schema table.
#pragma once

#include <memory>
#include <string>

#include "ainews/article.hpp"
#include "ainews/gazetteer.hpp"

namespace ainews {

struct WriterOptions {
    // Commit after this many changed documents (never per document).
    std::size_t batch_size = 5000;
    // The index is new and will be switched in atomically: skip fsync.
    bool fresh_build = false;
};

class IndexWriter {
public:
    enum class Outcome { Added, Updated, Unchanged };

    // Creates or opens the index at path. Throws Error(Busy) when another writer
    // holds it, Error(Schema) when it was built by an incompatible version.
    IndexWriter(const std::string& path, WriterOptions options = {});
    ~IndexWriter();  // commits what is pending; call commit() to see errors
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    Outcome write(const Article& article);

    // Remembers the aliases of every gazetteer entry in the index metadata so a
    // searcher can resolve "TML" without the gazetteer files.
    void store_aliases(const Gazetteer& gazetteer);

    // Deletes every article not written (or found unchanged) since this writer was
    // opened; returns how many were deleted.
    std::size_t prune_unseen();

    void commit();
    std::size_t document_count() const;

    struct Impl;
    Impl& impl();  // for the indexing pipeline inside the library

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ainews
