// SearchRequest -> Xapian::Query, through Xapian's QueryParser configured from the
// schema table (prefixes, entity alias resolution, date ranges).
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

#include "ainews/searcher.hpp"

namespace ainews {

class QueryBuilder {
public:
    // Aliases resolve through db's metadata (common/database.hpp), looked up as needed.
    explicit QueryBuilder(const Xapian::Database& db);
    ~QueryBuilder();

    struct Built {
        Xapian::Query query;
        bool ranked_by_entities = false;  // no words: entity terms carry the weight
        bool has_words = false;
    };
    // Throws Error(Usage) for a malformed query or date.
    Built build(const SearchRequest& request);

    // The term a company/person filter value turns into (aliases resolved).
    std::string entity_term(const std::string& field, const std::string& name) const;
    // The filter for a company/person name: its canonical term, or that OR the name
    // as given when the index also holds the given name as an entity of its own.
    Xapian::Query entity_query(const std::string& field, const std::string& name) const;
    std::optional<std::string> resolve(const std::string& field, const std::string& name) const;
    const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    Xapian::QueryParser parser_;
    Xapian::Stem stemmer_;
    Xapian::Database db_;
};

}  // namespace ainews
