// End to end: the two binaries over the bundled corpus/, checked against what the
// four sample articles really say.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/support/test_support.hpp"

using namespace ainews::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const char* kHeadlineTML = "000_5ffdfad670c188d7.txt";
const char* kTalent = "001_68387d7931bd2d67.txt";
const char* kMetaPaying = "002_94130c6423f48e18.txt";
const char* kLlama = "003_8a60fba4378ade7c.txt";

std::string index_cmd(const std::string& db, const std::string& args) {
    return sh_quote(index_bin()) + " --db " + sh_quote(db) + " " + args;
}
std::string search_cmd(const std::string& db, const std::string& args) {
    return sh_quote(search_bin()) + " --db " + sh_quote(db) + " " + args;
}

// Copies corpus/ to a scratch folder the test may change.
std::string copy_corpus(const TempDir& dir) {
    fs::path to = dir.path() / "corpus";
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(corpus_dir())) fs::copy_file(e.path(), to / e.path().filename());
    return to.string();
}

json search_json(const std::string& db, const std::string& args) {
    RunResult r = run(search_cmd(db, "--json " + args));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

std::set<std::string> result_ids(const json& j) {
    std::set<std::string> out;
    for (const auto& h : j["results"]) out.insert(h["id"].get<std::string>());
    return out;
}

struct IndexedCorpus {
    TempDir dir;
    std::string db = dir.str("db");
    IndexedCorpus() {
        RunResult r = run(index_cmd(db, sh_quote(corpus_dir())));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
};

}  // namespace

TEST_CASE("--extract prints each article's metadata as one JSON line", "[cli][extract]") {
    RunResult r = run(sh_quote(index_bin()) + " --extract " + sh_quote(corpus_dir()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, json> by_id;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        json j = json::parse(line);
        for (const char* key : {"id", "source", "title", "date", "authors", "companies", "persons"})
            CHECK(j.contains(key));
        by_id[j["id"].get<std::string>()] = j;
    }
    REQUIRE(by_id.size() == 4);

    const json& a = by_id[kHeadlineTML];
    CHECK(a["title"] == "AI Talent Exodus Sparks Startup Innovation Surge");
    CHECK(a["date"] == "2026-04-27");
    CHECK(a["authors"] == json::array({"Emma Gordon"}));
    auto companies = a["companies"].get<std::vector<std::string>>();
    CHECK(companies.front() == "Thinking Machines Lab");  // named most often
    CHECK(std::count(companies.begin(), companies.end(), "Meta") == 1);
    // OpenAI and DeepSeek appear only in the "Hottest AI News" sidebar: chrome.
    CHECK(std::count(companies.begin(), companies.end(), "OpenAI") == 0);
    CHECK(std::count(companies.begin(), companies.end(), "DeepSeek") == 0);

    CHECK(by_id[kTalent]["title"] ==
          "The Talent Exodus: How Senior Staff Leaving Big Tech Are Launching the Next Wave of Independent AI Startups");
    CHECK(by_id[kMetaPaying]["title"] == "Meta Is Paying Millions for AI Talent — Yet Top Researchers Are Still Leaving");
    // "early 2025" and "As we move into 2026" are not publication dates.
    for (const char* id : {kTalent, kMetaPaying, kLlama}) {
        INFO(id);
        CHECK(by_id[id]["date"].is_null());
    }
    auto llama = by_id[kLlama]["companies"].get<std::vector<std::string>>();
    CHECK(std::count(llama.begin(), llama.end(), "Mistral AI") == 1);
    CHECK(llama.front() == "Meta");
    auto paying = by_id[kMetaPaying]["companies"].get<std::vector<std::string>>();
    CHECK(std::count(paying.begin(), paying.end(), "Thinking Machines Lab") == 1);
}

TEST_CASE("indexing the corpus reports what it did", "[cli][index]") {
    TempDir dir;
    RunResult r = run(index_cmd(dir.str("db"), "--json " + sh_quote(corpus_dir())));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    json s = json::parse(r.out);
    CHECK(s["added"] == 4);
    CHECK(s["updated"] == 0);
    CHECK(s["unchanged"] == 0);
    CHECK(s["skipped"] == 0);
    CHECK(s["deleted"] == 0);
}

TEST_CASE("a company filter finds the articles that name it under either alias", "[cli][search]") {
    IndexedCorpus c;
    const std::set<std::string> expected{kHeadlineTML, kMetaPaying};
    for (const char* name : {"\"Thinking Machines Lab\"", "TML", "\"thinking machines\"", "tml"}) {
        INFO(name);
        json j = search_json(c.db, std::string("--company ") + name);
        CHECK(j["total"] == 2);
        CHECK(result_ids(j) == expected);
    }
    json mistral = search_json(c.db, "--company Mistral");
    CHECK(result_ids(mistral) == std::set<std::string>{kLlama});
    json both = search_json(c.db, "--company TML --company Mistral");
    CHECK(both["total"] == 0);
    json in_query = search_json(c.db, "company:TML");
    CHECK(result_ids(in_query) == expected);
}

TEST_CASE("date filters find only dated articles in range", "[cli][search]") {
    IndexedCorpus c;
    json j = search_json(c.db, "--since 2026-01-01");
    CHECK(result_ids(j) == std::set<std::string>{kHeadlineTML});
    CHECK(search_json(c.db, "--since 2026-04-28")["total"] == 0);
    CHECK(search_json(c.db, "--until 2026-04")["total"] == 1);
    CHECK(search_json(c.db, "--until 2025")["total"] == 0);
    CHECK(search_json(c.db, "date:2026-04-27")["total"] == 1);
}

TEST_CASE("no words and no filters matches every article", "[cli][search]") {
    IndexedCorpus c;
    json j = search_json(c.db, "");
    CHECK(j["total"] == 4);
    CHECK(j["results"].size() == 4);
}

TEST_CASE("JSON results carry the documented fields and exact facets", "[cli][search]") {
    IndexedCorpus c;
    json j = search_json(c.db, "talent --limit 1 --facets company,month");
    CHECK(j["total"] == 4);
    REQUIRE(j["results"].size() == 1);
    for (const char* key : {"id", "title", "date", "source", "companies", "persons", "score", "snippet"})
        CHECK(j["results"][0].contains(key));
    CHECK(j["results"][0]["score"].get<double>() > 0);
    // Meta is named in all four articles: counted over the whole match, not the page.
    const json& companies = j["facets"]["company"];
    REQUIRE(companies.size() >= 2);
    CHECK(companies[0]["value"] == "Meta");
    CHECK(companies[0]["count"] == 4);
    bool tml = false;
    for (const auto& v : companies)
        if (v["value"] == "Thinking Machines Lab") tml = v["count"] == 2;
    CHECK(tml);
    CHECK(j["facets"]["month"] == json::parse(R"([{"value":"2026-04","count":1}])"));
}

TEST_CASE("text output shows rank, date, title, companies and a marked snippet", "[cli][search]") {
    IndexedCorpus c;
    RunResult r = run(search_cmd(c.db, "'\"Thinking Machines\"' --since 2026"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("1. 2026-04-27  AI Talent Exodus Sparks Startup Innovation Surge") != std::string::npos);
    CHECK(r.out.find("companies: Thinking Machines Lab") != std::string::npos);
    CHECK(r.out.find("**Thinking Machines**") != std::string::npos);
}

TEST_CASE("phrases and boolean operators work through the query parser", "[cli][search]") {
    IndexedCorpus c;
    CHECK(result_ids(search_json(c.db, "'\"Llama team\"'")) == std::set<std::string>{kLlama});
    CHECK(result_ids(search_json(c.db, "mistral OR TML")) == std::set<std::string>{kMetaPaying, kLlama});
    CHECK(search_json(c.db, "talent NOT mistral")["total"] == 3);
    CHECK(result_ids(search_json(c.db, "title:paying")) == std::set<std::string>{kMetaPaying});
}

TEST_CASE("the index path defaults to AINEWS_DB", "[cli]") {
    IndexedCorpus c;
    RunResult r = run("AINEWS_DB=" + sh_quote(c.db) + " " + sh_quote(search_bin()) + " --json --company TML");
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["total"] == 2);
}

TEST_CASE("reindexing changes nothing; edits update; --prune removes deleted files", "[cli][reindex]") {
    TempDir dir;
    std::string corpus = copy_corpus(dir);
    std::string db = dir.str("db");
    REQUIRE(run(index_cmd(db, sh_quote(corpus))).exit_code == 0);

    RunResult again = run(index_cmd(db, "--json " + sh_quote(corpus)));
    REQUIRE(again.exit_code == 0);
    json s = json::parse(again.out);
    CHECK(s["added"] == 0);
    CHECK(s["unchanged"] == 4);
    CHECK(search_json(db, "")["total"] == 4);

    {
        std::ofstream edit(corpus + "/" + kTalent, std::ios::app);
        edit << "\nA postscript about Anthropic and quokkas.\n";
    }
    json updated = json::parse(run(index_cmd(db, "--json " + sh_quote(corpus))).out);
    CHECK(updated["updated"] == 1);
    CHECK(updated["unchanged"] == 3);
    CHECK(result_ids(search_json(db, "quokkas")) == std::set<std::string>{kTalent});

    fs::remove(corpus + "/" + kLlama);
    json kept = json::parse(run(index_cmd(db, "--json " + sh_quote(corpus))).out);
    CHECK(kept["deleted"] == 0);
    CHECK(search_json(db, "")["total"] == 4);
    json pruned = json::parse(run(index_cmd(db, "--json --prune " + sh_quote(corpus))).out);
    CHECK(pruned["deleted"] == 1);
    CHECK(search_json(db, "")["total"] == 3);
    CHECK(search_json(db, "--company Mistral")["total"] == 0);
}

TEST_CASE("empty and binary files are reported and skipped; the rest is indexed", "[cli][bad-input]") {
    TempDir dir;
    std::string corpus = copy_corpus(dir);
    std::string empty = dir.write("corpus/empty.txt", "");
    std::string binary = dir.write("corpus/image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    RunResult r = run(index_cmd(dir.str("db"), "--json " + sh_quote(corpus)));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find(empty + ": empty file") != std::string::npos);
    CHECK(r.err.find(binary + ": binary file") != std::string::npos);
    json s = json::parse(r.out);
    CHECK(s["added"] == 4);
    CHECK(s["skipped"] == 2);
}

TEST_CASE("bad dates, queries and options exit with code 2 and a message", "[cli][errors]") {
    IndexedCorpus c;
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--since 2026-13-45", "2026-13-45"},
        {"--until 2026-02-30", "2026-02-30"},
        {"--since yesterdayish", "yesterdayish"},
        {"'meta AND'", "invalid query"},
        {"'date:2026-99..2027'", "invalid query"},
        {"--sort sideways", "--sort"},
        {"--limit -3", "--limit"},
        {"--facets colour", "unknown facet"},
        {"--no-such-option", "no-such-option"},
    };
    for (const Case& k : cases) {
        INFO(k.args);
        RunResult r = run(search_cmd(c.db, k.args));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(k.message) != std::string::npos);
        CHECK(r.out.empty());
    }
    RunResult no_paths = run(sh_quote(index_bin()) + " --db " + sh_quote(c.db));
    CHECK(no_paths.exit_code == 2);
    RunResult missing = run(search_cmd(c.dir.str("nowhere"), "meta"));
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("no index at") != std::string::npos);
}
