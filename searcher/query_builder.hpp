// SearchRequest -> Xapian::Query, through Xapian's QueryParser configured from the
// schema table (prefixes, entity alias resolution, date ranges).
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>

#include "ainews/searcher.hpp"

namespace ainews {

// folded alias -> canonical name, per entity field ("company", "person").
using AliasTables = std::map<std::string, std::map<std::string, std::string>>;

AliasTables load_alias_tables(const Xapian::Database& db);

class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, const AliasTables& aliases);
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
    std::optional<std::string> resolve(const std::string& field, const std::string& name) const;
    const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    Xapian::QueryParser parser_;
    Xapian::Stem stemmer_;
    const AliasTables& aliases_;
};

}  // namespace ainews
