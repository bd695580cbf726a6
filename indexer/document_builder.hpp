// Article -> Xapian document, following the schema table. Thread-safe: workers
// build documents in parallel and the single writer only stores them.
#pragma once

#include <xapian.h>

#include <string>

#include "ainews/article.hpp"

namespace ainews {

// Bumped whenever build_document() would store an article differently; part of the
// content hash, so a reindex rewrites every article after such a change.
inline constexpr const char* kDocumentLayoutVersion = "layout-4";

struct PreparedDocument {
    std::string id_term;
    std::string id;
    Xapian::Document document;
};

// Hash of everything that decides the stored document (input fields and the
// extraction configuration), so an unchanged article is skipped before extraction.
std::string content_hash(const Article& article, const std::string& config_fingerprint);

PreparedDocument build_document(const Article& article, const std::string& hash);

// The display record stored as document data: a small JSON object of the fields a
// hit shows (the body is in its own value slot).
std::string display_record(const Article& article);

}  // namespace ainews
