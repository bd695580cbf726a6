#include <catch2/catch.hpp>

#include "ainews/indexer.hpp"
#include "ainews/searcher.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/read_helpers.hpp"

using ainews::test::contains;
using ainews::test::read_fixture;
using ainews::test::TempDir;

namespace {

// "Title\n\nBody" in UTF-16 with a BOM.
std::string utf16(const std::u16string& text, bool little_endian) {
    std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t c : text) {
        char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
        out += little_endian ? lo : hi;
        out += little_endian ? hi : lo;
    }
    return out;
}

std::size_t hits(ainews::Searcher& searcher, const std::string& query) {
    ainews::SearchRequest request;
    request.query = query;
    return searcher.search(request).total;
}

}  // namespace

TEST_CASE("a Windows-1252 text file is converted with the right characters and reported", "[encoding]") {
    TempDir dir;
    std::string path = dir.write("legacy.txt", "Caf\xE9 Owners Meet In Paris\n\nHe said \x93hello\x94 \x97 Meta\x92s "
                                               "caf\xE9 costs \x80" "5.\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Caf\u00E9 Owners Meet In Paris");
    CHECK(contains(r.articles[0].body, "He said \u201Chello\u201D \u2014 Meta\u2019s caf\u00E9 costs \u20AC5."));
    REQUIRE(r.converted.size() == 1);
    CHECK(r.converted[0].first == path);
    CHECK(r.converted[0].second == "windows-1252");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("ISO-8859-1 text is read as Windows-1252, its superset", "[encoding]") {
    TempDir dir;
    auto r = read_fixture(dir.write("latin1.md", "# Le caf\xE9 na\xEFve\n\nUne histoire tr\xE8s fran\xE7" "aise \xE0 Paris.\n"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Le caf\u00E9 na\u00EFve");
    CHECK(r.articles[0].body == "Une histoire tr\u00E8s fran\u00E7" "aise \u00E0 Paris.");
    REQUIRE(r.converted.size() == 1);
    CHECK(r.converted[0].second == "windows-1252");
}

TEST_CASE("UTF-16 files with a byte-order mark are converted", "[encoding]") {
    TempDir dir;
    std::u16string text = u"Nvidia Unveils A New Chip\n\nThe chip\u2019s name is Blackwell \u2014 na\u00EFve.\n";
    for (bool le : {true, false}) {
        auto r = read_fixture(dir.write(le ? "le.txt" : "be.txt", utf16(text, le)));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "Nvidia Unveils A New Chip");
        CHECK(r.articles[0].body == "The chip\u2019s name is Blackwell \u2014 na\u00EFve.");
        REQUIRE(r.converted.size() == 1);
        CHECK(r.converted[0].second == (le ? "UTF-16LE" : "UTF-16BE"));
    }
}

TEST_CASE("UTF-8 with a byte-order mark is not a conversion and loses the mark", "[encoding]") {
    TempDir dir;
    auto r = read_fixture(dir.write("bom.txt", "\xEF\xBB\xBFOpenAI Hires A New Chief\n\nBody na\xC3\xAFve.\n"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "OpenAI Hires A New Chief");
    CHECK(r.converted.empty());
}

TEST_CASE("binary and empty files are skipped with the reason", "[encoding]") {
    TempDir dir;
    std::string png = dir.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    std::string controls = dir.write("controls.md", std::string(200, '\x01') + "some text");
    std::string empty = dir.write("empty.html", "");
    std::string blank = dir.write("blank.txt", "  \n\t\n");
    std::string bom_only = dir.write("bom.txt", "\xFF\xFE");
    auto r1 = read_fixture(png);
    auto r2 = read_fixture(controls);
    auto r3 = read_fixture(empty);
    auto r4 = read_fixture(blank);
    auto r5 = read_fixture(bom_only);
    CHECK(r1.articles.empty());
    CHECK(r1.find(png, "binary file (contains NUL bytes)"));
    CHECK(r2.find(controls, "control bytes"));
    CHECK(r3.find(empty, "empty file"));
    CHECK(r4.find(blank, "empty file"));
    CHECK(r5.find(bom_only, "empty file"));
    for (const auto* r : {&r1, &r2, &r3, &r4, &r5}) {
        CHECK(r->articles.empty());
        CHECK(r->skipped() == 1);
    }
}

TEST_CASE("text is NFC-normalised and control characters are dropped", "[encoding]") {
    TempDir dir;
    // "Café" with a combining accent, a zero-width space and a bell inside words.
    auto r = read_fixture(dir.write("nfc.txt", "Decomposed Text Is Composed\n\nCafe\xCC\x81 Mis\xE2\x80\x8Btral Op\x07" "enAI\n"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].body == "Caf\u00E9 Mistral OpenAI");
    CHECK(r.converted.empty());
}

TEST_CASE("phrases match across typographic apostrophes and dashes in converted text", "[encoding][search]") {
    TempDir input, index;
    input.write("news/meta.txt", "Meta Ships A Model\n\nMeta\x92s new model beat rivals. OpenAI\x97the lab behind "
                                 "ChatGPT\x97said nothing.\n");
    ainews::IndexOptions options;
    options.db_path = index.str("db");
    options.jobs = 1;
    std::vector<ainews::Diagnostic> diagnostics;
    options.on_diagnostic = [&](const ainews::Diagnostic& d) { diagnostics.push_back(d); };
    ainews::IndexSummary summary = ainews::index_paths({input.str("news")}, options);
    CHECK(summary.added == 1);
    CHECK(summary.converted == 1);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].message == "converted from windows-1252");
    CHECK_FALSE(diagnostics[0].skipped);

    ainews::Searcher searcher(options.db_path);
    CHECK(hits(searcher, "\"Meta's new model\"") == 1);
    CHECK(hits(searcher, "\"Meta\u2019s new model\"") == 1);
    CHECK(hits(searcher, "\"OpenAI the lab behind ChatGPT said nothing\"") == 1);
    CHECK(hits(searcher, "\"lab behind ChatGPT\"") == 1);
    CHECK(hits(searcher, "\"new model rivals\"") == 0);  // a real phrase check, not AND
}

TEST_CASE("UTF-8 text with a few stray Windows-1252 bytes keeps its UTF-8 and fixes the strays", "[encoding]") {
    TempDir dir;
    // "café" and "naïve" in UTF-8, then Meta's with a Windows-1252 apostrophe (0x92).
    auto r = read_fixture(dir.write("mixed.txt", "Caf\xC3\xA9 Owners Meet Again\n\nA na\xC3\xAFve caf\xC3\xA9 for Meta\x92s staff.\n"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Caf\u00E9 Owners Meet Again");
    CHECK(r.articles[0].body == "A na\u00EFve caf\u00E9 for Meta\u2019s staff.");
    REQUIRE(r.converted.size() == 1);
    CHECK(r.converted[0].second == "UTF-8 mixed with windows-1252");

    auto j = read_fixture(dir.write("mixed.jsonl", "{\"id\":\"1\",\"body\":\"caf\xC3\xA9 and Meta\x92s\"}\n"));
    REQUIRE(j.articles.size() == 1);
    CHECK(j.articles[0].body == "caf\u00E9 and Meta\u2019s");
}

TEST_CASE("Cyrillic and Japanese legacy encodings are detected when the text is long enough", "[encoding]") {
    TempDir dir;
    const std::string russian = "Компания OpenAI объявила о новой модели искусственного интеллекта. Исследователи говорят, что модель лучше предыдущих версий.";
    const std::string japanese = "東京で新しい人工知能の研究所が開設されました。研究者たちは大規模言語モデルの開発を進めています。";
    auto ru = read_fixture(dir.write("ru.txt", "Title Line Here\n\n" + std::string("\xCA\xEE\xEC\xEF\xE0\xED\xE8\xFF OpenAI \xEE\xE1\xFA\xFF\xE2\xE8\xEB\xE0 \xEE \xED\xEE\xE2\xEE\xE9 \xEC\xEE\xE4\xE5\xEB\xE8 \xE8\xF1\xEA\xF3\xF1\xF1\xF2\xE2\xE5\xED\xED\xEE\xE3\xEE \xE8\xED\xF2\xE5\xEB\xEB\xE5\xEA\xF2\xE0. \xC8\xF1\xF1\xEB\xE5\xE4\xEE\xE2\xE0\xF2\xE5\xEB\xE8 \xE3\xEE\xE2\xEE\xF0\xFF\xF2, \xF7\xF2\xEE \xEC\xEE\xE4\xE5\xEB\xFC \xEB\xF3\xF7\xF8\xE5 \xEF\xF0\xE5\xE4\xFB\xE4\xF3\xF9\xE8\xF5 \xE2\xE5\xF0\xF1\xE8\xE9.") + "\n"));
    REQUIRE(ru.articles.size() == 1);
    CHECK(ru.articles[0].body == russian);
    REQUIRE(ru.converted.size() == 1);
    CHECK(ru.converted[0].second == "windows-1251");

    auto ja = read_fixture(dir.write("ja.txt", "Title Line Here\n\n" + std::string("\x93\x8C\x8B\x9E\x82\xC5\x90V\x82\xB5\x82\xA2\x90l\x8DH\x92m\x94\x5C\x82\xCC\x8C\xA4\x8B\x86\x8F\x8A\x82\xAA\x8AJ\x90\xDD\x82\xB3\x82\xEA\x82\xDC\x82\xB5\x82\xBD\x81" "B\x8C\xA4\x8B\x86\x8E\xD2\x82\xBD\x82\xBF\x82\xCD\x91\xE5\x8BK\x96\xCD\x8C\xBE\x8C\xEA\x83\x82\x83" "f\x83\x8B\x82\xCC\x8AJ\x94\xAD\x82\xF0\x90i\x82\xDF\x82\xC4\x82\xA2\x82\xDC\x82\xB7\x81" "B") + "\n"));
    REQUIRE(ja.articles.size() == 1);
    CHECK(ja.articles[0].body == japanese);
    REQUIRE(ja.converted.size() == 1);
    CHECK(ja.converted[0].second == "Shift_JIS");
}
