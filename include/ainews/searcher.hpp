// Searching an index: ranked, filtered, faceted results.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ainews {

enum class SortOrder { Relevance, Newest, Oldest };

struct SearchRequest {
    std::string query;                    // Xapian QueryParser syntax; empty = every article
    std::vector<std::string> companies;   // every one must be mentioned (aliases resolved)
    std::vector<std::string> persons;
    std::string since;                    // YYYY, YYYY-MM or YYYY-MM-DD, inclusive; empty = open
    std::string until;
    SortOrder sort = SortOrder::Relevance;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::vector<std::string> facets;      // company, person, month, source: exact counts over the whole match
    std::size_t snippet_length = 240;     // characters; 0 = no snippets
    std::string highlight_start = "**";
    std::string highlight_end = "**";
};

struct Hit {
    std::size_t rank = 0;  // 1-based over the whole match
    std::string id;
    std::string title;
    std::optional<std::string> date;
    std::string source;
    std::string url;
    std::vector<std::string> authors;
    std::vector<std::string> companies;
    std::vector<std::string> persons;
    double score = 0;
    std::string snippet;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct SearchResults {
    std::size_t total = 0;  // exact number of matching articles
    std::vector<Hit> hits;
    std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;  // in requested order
};

class Searcher {
public:
    // Opens the index read-only. Throws Error(Io) when there is none at path.
    explicit Searcher(const std::string& path);
    ~Searcher();
    Searcher(Searcher&&) noexcept;

    // Throws Error(Usage) for a malformed query, date or facet name.
    SearchResults search(const SearchRequest& request);

    // The Xapian query the request turns into (for tests and --explain).
    std::string describe(const SearchRequest& request);

    // Canonical name for a company or person alias, as the index knows it.
    std::optional<std::string> resolve(const std::string& field, const std::string& name);

    std::size_t document_count();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ainews
