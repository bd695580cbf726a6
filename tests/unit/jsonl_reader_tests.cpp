#include <catch2/catch.hpp>

#include "ainews/extract.hpp"

#include <zlib.h>

#include "ainews/error.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/read_helpers.hpp"

using ainews::EntityCount;
using ainews::test::contains;
using ainews::test::read_fixture;
using ainews::test::TempDir;

namespace {

std::string gzip(const std::string& data) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(&out[0]);
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

const char* kTwoRecords =
    R"({"id": "a-1", "title": "Mistral raises money", "body": "Mistral AI raised funds. Arthur Mensch said Mensch would hire.", "date": "2024-06-11T08:00:00Z", "url": "https://x.example/1", "source": "Wire", "authors": ["Jane Doe", "John Roe"], "companies": ["Mistral AI"], "persons": "Arthur Mensch"})"
    "\n"
    R"({"id": 42, "headline": "Second", "text": "Body from the text key.", "published": "Tue, 11 Jun 2024 10:00:00 +0000", "author": "Ann Poe"})"
    "\n";

}  // namespace

TEST_CASE("JSON Lines records become articles with their own ids and stated fields", "[jsonl]") {
    TempDir dir;
    auto r = read_fixture(dir.write("feed/news.jsonl", kTwoRecords), {}, "feed/news.jsonl", "feed");
    REQUIRE(r.articles.size() == 2);
    const ainews::Article& a = r.articles[0];
    CHECK(a.id == "a-1");  // as given, not prefixed with the file
    CHECK(a.origin == dir.str("feed/news.jsonl") + ":1");
    CHECK(a.title == "Mistral raises money");
    CHECK(a.body == "Mistral AI raised funds. Arthur Mensch said Mensch would hire.");
    REQUIRE(a.date);
    CHECK(*a.date == "2024-06-11");
    CHECK(a.url == "https://x.example/1");
    CHECK(a.source == "Wire");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.provided.title);
    CHECK(a.provided.date);
    CHECK(a.provided.authors);
    REQUIRE(a.provided.companies);
    REQUIRE(a.provided.persons);
    CHECK(a.companies == std::vector<EntityCount>{{"Mistral AI", 1}});
    CHECK(a.persons == std::vector<EntityCount>{{"Arthur Mensch", 2}});  // full name once, surname twice

    const ainews::Article& b = r.articles[1];
    CHECK(b.id == "42");
    CHECK(b.title == "Second");
    CHECK(b.body == "Body from the text key.");
    REQUIRE(b.date);
    CHECK(*b.date == "2024-06-11");
    CHECK(b.authors == std::vector<std::string>{"Ann Poe"});
    CHECK(b.source == "feed");  // no source: the collection
    CHECK_FALSE(b.provided.companies);  // not stated: left to extraction
    CHECK_FALSE(b.provided.persons);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("JSON Lines dates may be Unix seconds as numbers or text", "[jsonl]") {
    TempDir dir;
    auto r = read_fixture(dir.write("epoch.ndjson", "{\"id\":\"1\",\"body\":\"x y z\",\"timestamp\":1718092800}\n"
                                                    "{\"id\":\"2\",\"body\":\"x y z\",\"date\":\"1718092800\"}\n"
                                                    "{\"id\":\"3\",\"body\":\"x y z\",\"published_at\":1718092800000}\n"));
    REQUIRE(r.articles.size() == 3);
    for (const auto& a : r.articles) {
        INFO(a.id);
        REQUIRE(a.date);
        CHECK(*a.date == "2024-06-11");
    }
}

TEST_CASE("--field maps article fields to other JSON keys", "[jsonl]") {
    TempDir dir;
    std::string path = dir.write("reuters.jsonl",
                                 R"({"id":"r-1","title":"BAKER SAYS","body":"Treasury Secretary James Baker said. Baker added.","people":["james-baker"],"orgs":["imf"],"companies":[]})"
                                 "\n");
    ainews::ReaderOptions options;
    ainews::add_field_mapping(options, "persons=people");
    auto r = read_fixture(path, options);
    REQUIRE(r.articles.size() == 1);
    const auto& a = r.articles[0];
    REQUIRE(a.provided.persons);
    CHECK(a.persons == std::vector<EntityCount>{{"james-baker", 3}});  // "BAKER", "James Baker", "Baker"
    CHECK(a.provided.companies);  // an empty list is a statement: none
    CHECK(a.companies.empty());

    SECTION("an empty key ignores the field in the input") {
        ainews::add_field_mapping(options, "companies=");
        auto r2 = read_fixture(path, options);
        REQUIRE(r2.articles.size() == 1);
        CHECK_FALSE(r2.articles[0].provided.companies);
    }
    SECTION("a mapped key replaces the defaults") {
        ainews::ReaderOptions o;
        ainews::add_field_mapping(o, "body=title");
        auto r3 = read_fixture(path, o);
        REQUIRE(r3.articles.size() == 1);
        CHECK(r3.articles[0].body == "BAKER SAYS");
    }
}

TEST_CASE("--field rejects unknown field names and specs without '='", "[jsonl]") {
    ainews::ReaderOptions options;
    auto usage = [&](const std::string& spec) {
        try {
            ainews::add_field_mapping(options, spec);
        } catch (const ainews::Error& e) {
            return e.code() == ainews::ErrorCode::Usage && e.exit_code() == 2 && contains(e.what(), spec);
        }
        return false;
    };
    CHECK(usage("people=persons"));
    CHECK(usage("persons"));
    CHECK(usage("=people"));
    CHECK(options.field_map.empty());
}

TEST_CASE("a JSON Lines record without an id gets its url, else a stable hash of the line", "[jsonl]") {
    TempDir dir;
    std::string line = R"({"title":"No id here","body":"Some body text."})";
    std::string path = dir.write("noid.jsonl", std::string(R"({"url":"https://x.example/u","body":"b c d"})") + "\n" + line +
                                                   "\n" + line + "\n");
    auto r = read_fixture(path, {}, "sub/noid.jsonl");
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].id == "https://x.example/u");
    const std::string& id = r.articles[1].id;
    REQUIRE(id.size() == std::string("sub/noid.jsonl#").size() + 16);
    CHECK(id.rfind("sub/noid.jsonl#", 0) == 0);
    CHECK(id.find_first_not_of("0123456789abcdef", 15) == std::string::npos);
    CHECK(r.articles[2].id == id);  // identical lines are one article
    auto again = read_fixture(path, {}, "sub/noid.jsonl");
    CHECK(again.articles[1].id == id);  // stable across runs
}

TEST_CASE("bad JSON Lines are reported as path:line and the rest is read", "[jsonl]") {
    TempDir dir;
    ainews::ReaderOptions options;
    options.max_article_bytes = 200;
    std::string big = R"({"id":"big","body":")" + std::string(300, 'x') + "\"}";
    std::string path = dir.write("mixed.jsonl", std::string(R"({"id":"ok-1","body":"first good"})") + "\n" +
                                                    "{\"id\": \"broken\", \"body\": \n" +  // 2: malformed
                                                    "[1, 2, 3]\n" +                        // 3: not an object
                                                    "\n" +                                 // 4: blank, ignored
                                                    "{\"id\": \"empty\"}\n" +             // 5: no text at all
                                                    big + "\n" +                           // 6: too long
                                                    R"({"id":"ok-2","body":"second good"})" + "\r\n" +
                                                    R"({"id":"ok-3","body":"no newline at the end"})");
    auto r = read_fixture(path, options);
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].id == "ok-1");
    CHECK(r.articles[1].id == "ok-2");
    CHECK(r.articles[1].origin == path + ":7");
    CHECK(r.articles[2].id == "ok-3");
    CHECK(r.skipped() == 4);
    const ainews::Diagnostic* d = r.find(path + ":2", "malformed JSON");
    REQUIRE(d);
    CHECK(d->skipped);
    CHECK(r.find(path + ":3", "not a JSON object"));
    CHECK(r.find(path + ":5", "no text"));
    CHECK(r.find(path + ":6", "over the limit"));
}

TEST_CASE("an unparseable JSON Lines date is a warning and the article is kept without a date", "[jsonl]") {
    TempDir dir;
    std::string path = dir.write("dates.jsonl", "{\"id\":\"1\",\"title\":\"T\",\"body\":\"B b b\",\"date\":\"next Tuesday\"}\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 1);
    CHECK_FALSE(r.articles[0].date);
    const ainews::Diagnostic* d = r.find(path + ":1", "unparseable date \"next Tuesday\"");
    REQUIRE(d);
    CHECK_FALSE(d->skipped);
}

TEST_CASE("gzip-compressed JSON Lines are read like plain ones", "[jsonl]") {
    TempDir dir;
    auto plain = read_fixture(dir.write("news.jsonl", kTwoRecords));
    auto gz = read_fixture(dir.write("news.jsonl.gz", gzip(kTwoRecords)));
    auto nd = read_fixture(dir.write("news.ndjson.gz", gzip(kTwoRecords)));
    REQUIRE(gz.articles.size() == 2);
    REQUIRE(nd.articles.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(gz.articles[i].id == plain.articles[i].id);
        CHECK(gz.articles[i].body == plain.articles[i].body);
        CHECK(gz.articles[i].persons == plain.articles[i].persons);
    }
    CHECK(gz.diagnostics.empty());

    SECTION("a truncated gzip file keeps the lines before the damage") {
        std::string many;
        for (int i = 0; i < 2000; ++i) many += "{\"id\":\"" + std::to_string(i) + "\",\"body\":\"text number " + std::to_string(i) + "\"}\n";
        std::string packed = gzip(many);
        std::string path = dir.write("cut.jsonl.gz", packed.substr(0, packed.size() / 2));
        auto cut = read_fixture(path);
        CHECK(cut.articles.size() > 0);
        CHECK(cut.articles.size() < 2000);
        REQUIRE(cut.skipped() == 1);
        CHECK(contains(cut.diagnostics.back().message, "cannot read further"));
        CHECK(cut.diagnostics.back().origin.rfind(path + ":", 0) == 0);
    }
}

TEST_CASE("a JSON Lines record without a title takes it from the body's layout, after the unchanged check", "[jsonl]") {
    TempDir dir;
    auto r = read_fixture(dir.write("t.jsonl", R"({"id":"1","body":"Google Buys A Robotics Startup\nBy Lee Park\n\nGoogle said on Monday it bought a startup."})"
                                               "\n"
                                               R"({"id":"2","body":"all lower case words without any headline. more text follows here."})"
                                               "\n"));
    REQUIRE(r.articles.size() == 2);
    // The reader only marks the work; complete_layout() (run by EntityExtractor::fill
    // for articles that changed) does it.
    for (auto& a : r.articles) {
        CHECK(a.layout_pending);
        ainews::complete_layout(a);
        CHECK_FALSE(a.layout_pending);
    }
    CHECK(r.articles[0].title == "Google Buys A Robotics Startup");
    CHECK_FALSE(r.articles[0].provided.title);
    CHECK(r.articles[0].authors == std::vector<std::string>{"Lee Park"});
    CHECK(r.articles[1].title == "all lower case words without any headline");  // the first words
}

TEST_CASE("a JSON Lines record with metadata but no text is kept, with one warning per file", "[jsonl]") {
    TempDir dir;
    std::string path = dir.write("meta.jsonl", "{\"id\":\"m1\",\"title\":\"\",\"body\":\"\",\"date\":\"1987-02-26\"}\n"
                                               "{\"id\":\"m2\",\"body\":\"words\"}\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 2);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].origin == path);
    CHECK_FALSE(r.diagnostics[0].skipped);
    CHECK(contains(r.diagnostics[0].message, "1 of 2 records have no title or body"));
}

TEST_CASE("a JSON Lines line in Windows-1252 is converted and reported once", "[jsonl][encoding]") {
    TempDir dir;
    std::string path = dir.write("legacy.jsonl", "{\"id\":\"1\",\"body\":\"Caf\xE9 \x93quoted\x94\"}\n"
                                                 "{\"id\":\"2\",\"body\":\"na\xEFve\"}\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].body == "Caf\u00E9 \u201Cquoted\u201D");
    CHECK(r.articles[1].body == "na\u00EFve");
    REQUIRE(r.converted.size() == 1);
    CHECK(r.converted[0].second == "windows-1252");
}

TEST_CASE("readers are chosen by extension, compressed JSON Lines included", "[jsonl][reader]") {
    for (const char* yes : {"a.txt", "a.TEXT", "a.md", "a.markdown", "a.html", "a.HTM", "a.jsonl", "a.ndjson",
                            "a.jsonl.gz", "dir/a.2024.ndjson.gz", "report.v2.md"})
        CHECK(ainews::is_supported_file(yes));
    for (const char* no : {"a.json", "a.gz", "a.txt.gz", "a.pdf", "jsonl", "a.html~", ".jsonl"}) {
        INFO(no);
        CHECK_FALSE(ainews::is_supported_file(no));
    }
}
