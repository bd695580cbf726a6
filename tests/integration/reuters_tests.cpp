// Reuters-21578 as JSON Lines, indexed whole: a real collection with its own ids,
// dates and hand-assigned people tags. The expected numbers were computed from the
// JSONL file independently (Python's json module: documents whose "date" falls in
// the range; "people" tags counted once per document, ties ordered by name).
#include <catch2/catch.hpp>

#include <filesystem>

#include "ainews/indexer.hpp"
#include "ainews/searcher.hpp"
#include "tests/support/test_support.hpp"

namespace {

using Facet = std::vector<std::pair<std::string, std::size_t>>;

Facet top(const ainews::SearchResults& results, const std::string& name, std::size_t n) {
    Facet out;
    for (const auto& [facet, values] : results.facets)
        if (facet == name)
            for (std::size_t i = 0; i < values.size() && i < n; ++i) out.emplace_back(values[i].value, values[i].count);
    return out;
}

std::size_t distinct(const ainews::SearchResults& results, const std::string& name) {
    for (const auto& [facet, values] : results.facets)
        if (facet == name) return values.size();
    return 0;
}

}  // namespace

TEST_CASE("Reuters-21578 JSON Lines index with dates and people searchable and faceted", "[integration][reuters]") {
    const std::string jsonl = ainews::test::shared_dir() + "/data/reuters21578/reuters21578.jsonl";
    if (!std::filesystem::exists(jsonl)) {
        WARN("skipped: " << jsonl << " is not present (the shared data sets are not checked out)");
        SUCCEED();
        return;
    }
    ainews::test::TempDir dir;
    ainews::IndexOptions options;
    options.db_path = dir.str("reuters.db");
    ainews::add_field_mapping(options.reader, "persons=people");
    std::vector<ainews::Diagnostic> skipped;
    options.on_diagnostic = [&](const ainews::Diagnostic& d) {
        if (d.skipped) skipped.push_back(d);
    };
    ainews::IndexSummary summary = ainews::index_paths({jsonl}, options);
    CHECK(skipped.empty());
    CHECK(summary.added == 21578);
    REQUIRE(summary.documents == 21578);

    ainews::Searcher searcher(options.db_path);
    CHECK(searcher.document_count() == 21578);

    // No SECTIONs: Catch2 would run the whole case, indexing included, once per section.
    {
        ainews::SearchRequest march;
        march.since = "1987-03-01";
        march.until = "1987-03-31";
        march.limit = 1;
        march.facets = {"person"};
        ainews::SearchResults r = searcher.search(march);
        CHECK(r.total == 11543);
        CHECK(top(r, "person", 8) == Facet{{"james-baker", 92}, {"reagan", 84}, {"yeutter", 32}, {"nakasone", 27},
                                            {"miyazawa", 25}, {"sumita", 25}, {"volcker", 25}, {"lawson", 22}});
        CHECK(distinct(r, "person") == 87);

        ainews::SearchRequest april;
        april.query = "date:1987-04-01..1987-04-30";
        april.limit = 0;
        CHECK(searcher.search(april).total == 5661);

        // One record has "date": null and stays undated.
        ainews::SearchRequest dated;
        dated.since = "1987";
        dated.until = "1987";
        dated.limit = 0;
        CHECK(searcher.search(dated).total == 21577);
    }

    {
        ainews::SearchRequest baker;
        baker.persons = {"james-baker"};
        baker.facets = {"person"};
        baker.limit = 3;
        ainews::SearchResults r = searcher.search(baker);
        CHECK(r.total == 168);
        CHECK(top(r, "person", 8) == Facet{{"james-baker", 168}, {"stoltenberg", 16}, {"volcker", 12}, {"reagan", 9},
                                            {"balladur", 6}, {"greenspan", 6}, {"miyazawa", 6}, {"poehl", 6}});
        CHECK(distinct(r, "person") == 24);
        REQUIRE_FALSE(r.hits.empty());
        CHECK(r.hits[0].id.rfind("reuters-", 0) == 0);  // the collection's own ids

        ainews::SearchRequest reagan;
        reagan.query = "person:reagan";
        reagan.since = "1987-04";
        reagan.until = "1987-04";
        reagan.limit = 0;
        CHECK(searcher.search(reagan).total == 39);
    }
}
