// ainews-index over the formats beyond plain text: --field, mixed folders, messages.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "tests/support/test_support.hpp"

using namespace ainews::test;

namespace {

std::string index_cmd(const std::string& db, const std::string& args) {
    return sh_quote(index_bin()) + " --db " + sh_quote(db) + " " + args;
}
std::string search_cmd(const std::string& db, const std::string& args) {
    return sh_quote(search_bin()) + " --db " + sh_quote(db) + " " + args;
}

}  // namespace

TEST_CASE("ainews-index --field with an unknown name or without '=' is a usage error", "[cli][formats]") {
    TempDir dir;
    std::string feed = dir.write("feed.jsonl", "{\"id\":\"1\",\"body\":\"text\"}\n");
    for (const char* bad : {"people=persons", "persons", "=people"}) {
        INFO(bad);
        RunResult r = run(index_cmd(dir.str("db"), std::string("--field ") + sh_quote(bad) + " " + sh_quote(feed)));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--field") != std::string::npos);
        CHECK(r.err.find("Try 'ainews-index --help'") != std::string::npos);
    }
}

TEST_CASE("ainews-index reads a folder of HTML, Markdown, JSON Lines and legacy-encoded text", "[cli][formats]") {
    TempDir dir;
    std::string in = dir.str("in");
    dir.write("in/page.html", "<html><head><meta property=\"og:title\" content=\"Mistral opens a Tokyo office\">"
                              "<meta property=\"article:published_time\" content=\"2025-01-15\"></head><body>"
                              "<nav>navword</nav><article><p>Mistral AI opened an office.</p></article></body></html>");
    dir.write("in/post.md", "---\ntitle: Cohere hires a CTO\ndate: 2025-02-01\npersons: [Jane Roe]\n---\nJane Roe joins "
                            "Cohere.\n");
    dir.write("in/feed.jsonl", "{\"id\":\"wire-1\",\"title\":\"Wire story\",\"body\":\"Wire text.\",\"people\":[\"ann-lee\"],"
                               "\"date\":\"2025-03-03\"}\n{not json\n");
    dir.write("in/legacy.txt", "Caf\xE9 Owners Meet In Paris\n\nThey said \x93yes\x94.\n");
    RunResult r = run(index_cmd(dir.str("db"), "--field persons=people " + sh_quote(in)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("legacy.txt: converted from windows-1252") != std::string::npos);
    CHECK(r.err.find("feed.jsonl:2: malformed JSON") != std::string::npos);
    CHECK(r.out.find("added 4") != std::string::npos);

    RunResult all = run(search_cmd(dir.str("db"), "--json --limit 10 --facets person"));
    REQUIRE(all.exit_code == 0);
    auto j = nlohmann::json::parse(all.out);
    CHECK(j["total"] == 4);
    std::set<std::string> ids;
    for (const auto& h : j["results"]) ids.insert(h["id"].get<std::string>());
    CHECK(ids == std::set<std::string>{"page.html", "post.md", "wire-1", "legacy.txt"});

    CHECK(run(search_cmd(dir.str("db"), "--person ann-lee --json")).out.find("wire-1") != std::string::npos);
    CHECK(nlohmann::json::parse(run(search_cmd(dir.str("db"), "--json navword")).out)["total"] == 0);
    CHECK(run(search_cmd(dir.str("db"), "--json caf\u00E9")).out.find("legacy.txt") != std::string::npos);
}
