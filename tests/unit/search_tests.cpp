#include <catch2/catch.hpp>

#include <algorithm>

#include "ainews/error.hpp"
#include "ainews/gazetteer.hpp"
#include "ainews/index_writer.hpp"
#include "ainews/searcher.hpp"
#include "tests/support/test_support.hpp"

using namespace ainews;

namespace {

Article article(const std::string& id, const std::string& title, const std::string& body,
                std::optional<std::string> date, std::vector<EntityCount> companies,
                std::vector<EntityCount> persons = {}) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.date = std::move(date);
    a.companies = std::move(companies);
    a.persons = std::move(persons);
    a.source = "fixture";
    return a;
}

// Five articles with known entities, dates and mention counts.
struct Fixture {
    test::TempDir dir;
    std::string db = dir.str("db");
    Fixture() {
        Gazetteer g;
        g.load_string("company\tThinking Machines Lab\tThinking Machines|TML\n"
                      "company\tMistral AI\tMistral\tMistral\n"
                      "company\tMeta\tMeta Platforms\n"
                      "person\tSam Altman\tAltman\n",
                      "fixture");
        IndexWriter w(db);
        w.store_aliases(g);
        w.write(article("a", "Meta loses researchers to TML", "Researchers leave Meta for Thinking Machines Lab.",
                        "2026-04-27", {{"Thinking Machines Lab", 5}, {"Meta", 2}}));
        w.write(article("b", "Mistral raises money", "Mistral AI raised a large round; Meta watched.", "2025-11-02",
                        {{"Mistral AI", 3}, {"Meta", 1}}));
        w.write(article("c", "Undated talent story", "Talent moves between Meta and Thinking Machines Lab.",
                        std::nullopt, {{"Meta", 1}, {"Thinking Machines Lab", 1}}));
        w.write(article("d", "Altman on compute", "Sam Altman spoke about compute and chips.", "2026-01-15", {},
                        {{"Sam Altman", 2}}));
        w.write(article("e", "Meta's open models", "Meta released open weights; talent exodus continues.",
                        "2026-02-10", {{"Meta", 4}}));
        w.commit();
    }
};

std::vector<std::string> ids(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

}  // namespace

TEST_CASE("query building is checked through the Xapian query description", "[query]") {
    Fixture f;
    Searcher s(f.db);
    struct Case {
        SearchRequest request;
        std::vector<std::string> expected_parts;
    };
    auto req = [](std::string q) {
        SearchRequest r;
        r.query = std::move(q);
        return r;
    };
    SearchRequest by_alias;
    by_alias.companies = {"tml"};
    SearchRequest two_companies;
    two_companies.companies = {"Meta", "Mistral"};
    SearchRequest dated = req("talent");
    dated.since = "2026";
    dated.until = "2026-02";
    const Case cases[] = {
        {req("talent exodus"), {"talent@1", "exodus@2", "AND"}},
        {req("\"talent exodus\""), {"PHRASE 2", "talent@1", "exodus@2"}},
        {req("company:TML"), {"XCOthinking machines lab"}},
        {req("company:\"thinking machines\""), {"XCOthinking machines lab"}},
        {req("person:altman"), {"XPEsam altman"}},
        {req("title:meta"), {"Smeta"}},
        {req("date:2026-01..2026-02"), {"VALUE_RANGE 0 20260101 20260228"}},
        {req("date:2025"), {"VALUE_RANGE 0 20250101 20251231"}},
        {req("meta NOT mistral"), {"AND_NOT"}},
        {by_alias, {"XCOthinking machines lab"}},
        {two_companies, {"XCOmeta", "XCOmistral ai", "AND"}},
        {dated, {"FILTER", "VALUE_RANGE 0 20260101 20260228"}},
    };
    for (const Case& c : cases) {
        std::string d = s.describe(c.request);
        INFO("query '" << c.request.query << "' -> " << d);
        for (const std::string& part : c.expected_parts) CHECK(d.find(part) != std::string::npos);
    }
}

TEST_CASE("malformed queries and dates are usage errors, not empty results", "[query]") {
    Fixture f;
    Searcher s(f.db);
    for (const char* q : {"AND", "meta AND", "OR meta", "date:2026-13..2027", "date:yesterday..2026",
                          "date:2026-05..2026-01"}) {
        SearchRequest r;
        r.query = q;
        INFO(q);
        try {
            s.search(r);
            FAIL("accepted " << q);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::Usage);
        }
    }
    SearchRequest bad_facet;
    bad_facet.facets = {"colour"};
    CHECK_THROWS_AS(s.search(bad_facet), Error);
}

TEST_CASE("every company filter given must be mentioned, under any alias", "[search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest r;
    r.companies = {"Thinking Machines"};
    auto both = ids(s.search(r));
    std::sort(both.begin(), both.end());
    CHECK(both == std::vector<std::string>{"a", "c"});
    r.companies = {"TML", "meta"};
    CHECK(s.search(r).total == 2);
    r.companies = {"TML", "Mistral AI"};
    CHECK(s.search(r).total == 0);
}

TEST_CASE("with entity filters and no words the article most about the entity ranks first", "[search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest r;
    r.companies = {"Meta"};
    auto order = ids(s.search(r));
    REQUIRE(order.size() == 4);
    CHECK(order.front() == "e");  // Meta named 4 times in a short article
}

TEST_CASE("date filters are inclusive and never match undated articles", "[search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest r;
    r.since = "2026-01-15";
    r.sort = SortOrder::Oldest;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"d", "e", "a"});
    r.since.clear();
    r.until = "2025";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"b"});
    r.until = "2026-04-27";
    CHECK(s.search(r).total == 4);
}

TEST_CASE("facets count the whole match, not the page", "[search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest r;
    r.limit = 1;
    r.facets = {"company", "month"};
    SearchResults res = s.search(r);
    CHECK(res.total == 5);
    CHECK(res.hits.size() == 1);
    REQUIRE(res.facets.size() == 2);
    const auto& companies = res.facets[0].second;
    REQUIRE(companies.size() == 3);
    CHECK(companies[0].value == "Meta");
    CHECK(companies[0].count == 4);
    CHECK(companies[1].value == "Thinking Machines Lab");
    CHECK(companies[1].count == 2);
    CHECK(companies[2].value == "Mistral AI");
    CHECK(companies[2].count == 1);
    const auto& months = res.facets[1].second;
    REQUIRE(months.size() == 4);  // the undated article has no month
    CHECK(months[0].value == "2026-04");
}

TEST_CASE("paging with offset continues the same ranking", "[search]") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest r;
    r.sort = SortOrder::Newest;
    auto all = ids(s.search(r));
    r.limit = 2;
    r.offset = 2;
    auto page = ids(s.search(r));
    REQUIRE(all.size() == 5);
    CHECK(page == std::vector<std::string>{all[2], all[3]});
}

TEST_CASE("aliases resolve case-insensitively from the index alone", "[search]") {
    Fixture f;
    Searcher s(f.db);
    CHECK(s.resolve("company", "tml") == std::optional<std::string>("Thinking Machines Lab"));
    CHECK(s.resolve("company", "THINKING MACHINES") == std::optional<std::string>("Thinking Machines Lab"));
    CHECK(s.resolve("person", "altman") == std::optional<std::string>("Sam Altman"));
    CHECK_FALSE(s.resolve("company", "Nobody Corp").has_value());
}

TEST_CASE("rewriting the same articles leaves them unchanged", "[writer]") {
    Fixture f;
    IndexWriter w(f.db);
    Article a = article("a", "Meta loses researchers to TML", "Researchers leave Meta for Thinking Machines Lab.",
                        "2026-04-27", {{"Thinking Machines Lab", 5}, {"Meta", 2}});
    CHECK(w.write(a) == IndexWriter::Outcome::Unchanged);
    a.body += " Updated.";
    CHECK(w.write(a) == IndexWriter::Outcome::Updated);
    CHECK(w.document_count() == 5);
}

TEST_CASE("a name stored as given still matches when the gazetteer resolves it elsewhere", "[search]") {
    test::TempDir dir;
    Gazetteer g;
    g.load_string("person\tPaul Nakasone\tNakasone\n", "fixture");
    {
        IndexWriter w(dir.str("db"));
        w.store_aliases(g);
        // Reuters-style input lists hold bare surnames; extraction gives canonical names.
        w.write(article("given", "Tokyo talks", "Nakasone met the minister.", "1987-03-02", {}, {{"nakasone", 1}}));
        w.write(article("found", "Cyber command", "Paul Nakasone spoke.", "2024-01-10", {}, {{"Paul Nakasone", 1}}));
        w.commit();
    }
    Searcher s(dir.str("db"));
    SearchRequest r;
    r.persons = {"nakasone"};
    auto both = ids(s.search(r));
    std::sort(both.begin(), both.end());
    CHECK(both == std::vector<std::string>{"found", "given"});
    r.persons = {"Paul Nakasone"};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"found"});
    SearchRequest q;
    q.query = "person:nakasone";
    CHECK(s.search(q).total == 2);
}
