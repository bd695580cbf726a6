// The one schema table: every field's query name, term prefix, kind and value slot.
// The indexer and the searcher both iterate this table; no prefix or slot number
// appears anywhere else in the code. Slots are explicit and frozen: changing one
// means bumping kSchemaVersion in version.hpp.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace ainews {

enum class FieldKind {
    UniqueId,   // one boolean term per document, used for upserts
    FreeText,   // tokenised, stemmed, positional
    Entity,     // canonical name as one term, wdf = mentions; multi-valued
    Boolean,    // exact-match term, wdf 0
    Date,       // YYYYMMDD string in a value slot (plus month terms for cheap filters)
    Internal,   // value slot only, not searchable
};

inline constexpr int kNoSlot = -1;

struct Field {
    std::string_view name;    // name users type: "company:" in queries, --company on the command line
    std::string_view prefix;  // Xapian term prefix
    FieldKind kind;
    int slot;                 // value slot, or kNoSlot
    bool facet;               // may be asked for with --facets
    std::string_view what;    // one line for documentation
};

// Value encodings, one per slot:
//   date    (0): "YYYYMMDD", absent when the article is undated
//   company (1): canonical names joined by '\n' (facet counting reads them)
//   person  (2): canonical names joined by '\n'
//   hash    (3): 16 hex digits of the content hash (lets a reindex skip unchanged articles)
//   source  (4): source name (facet)
//   id      (5): the article id, whole (a reindex loads id -> hash from slots 5 and 3)
//   body    (6): the article text as it is, for snippets. A value rather than part of
//                the document data because Xapian zlib-compresses document data on
//                every write and inflates it on every read, and values are stored
//                as they are: on Reuters-21578 this made a build 11% faster and
//                queries 4% faster, for an index 15% larger.
// The file term names the input file an article came from (collection/relative
// path), so that --prune keeps the articles of a file that exists but could not be
// read this time instead of deleting them.
inline constexpr std::array<Field, 11> kSchema{{
    {"id", "Q", FieldKind::UniqueId, 5, false, "article id (long ids hashed in the term; whole in the slot)"},
    {"title", "S", FieldKind::FreeText, kNoSlot, false, "headline words (also indexed unprefixed, boosted)"},
    {"body", "", FieldKind::FreeText, 6, false, "article text (kept whole in the slot for snippets)"},
    {"company", "XCO", FieldKind::Entity, 1, true, "canonical company name, wdf = mentions"},
    {"person", "XPE", FieldKind::Entity, 2, true, "canonical person name, wdf = mentions"},
    {"author", "A", FieldKind::Boolean, kNoSlot, false, "byline author, folded"},
    {"source", "XSRC", FieldKind::Boolean, 4, true, "site or collection, folded"},
    {"date", "", FieldKind::Date, 0, false, "publication date"},
    {"month", "XM", FieldKind::Date, kNoSlot, true, "publication month term YYYYMM (facet and cheap filter)"},
    {"hash", "", FieldKind::Internal, 3, false, "content hash"},
    {"file", "XFILE", FieldKind::Internal, kNoSlot, false, "input file the article came from (for --prune)"},
}};

// The field with this name; throws std::logic_error for an unknown name, since
// that is a programming error, not user input.
const Field& schema_field(std::string_view name);

// Prefix + folded value, truncated or hashed so that it stays under Xapian's term
// length limit. The searcher builds filter terms with the same function.
std::string field_term(const Field& field, std::string_view value);

}  // namespace ainews
