#include <catch2/catch.hpp>

#include <xapian.h>

#include "searcher/snippet.hpp"

using ainews::SnippetMaker;

namespace {

std::string snippet(const std::string& query_text, const std::string& text, std::size_t length = 80) {
    Xapian::QueryParser qp;
    Xapian::Stem stem("english");
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.add_prefix("title", "S");
    SnippetMaker maker(qp.parse_query(query_text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE),
                       stem);
    return maker.make(text, length, "[", "]");
}

}  // namespace

TEST_CASE("snippets mark the query's words by stem, and merge adjacent marks", "[snippet]") {
    struct Case {
        const char* query;
        const char* text;
        const char* expected;
    };
    const Case cases[] = {
        {"raise", "The company raised prices.", "The company [raised] prices."},
        {"\"thinking machines\"", "Staff left for Thinking Machines last week.", "Staff left for [Thinking Machines] last week."},
        {"meta", "Meta’s loss is their gain.", "[Meta]’s loss is their gain."},
        {"meta", "A meta-analysis and Meta's plans.", "A [meta]-analysis and [Meta's] plans."},
        {"title:funding", "New funding arrives.", "New [funding] arrives."},
        {"zebra", "Nothing here matches at all.", "Nothing here matches at all."},
        {"oil", "Line one\n\n  and oil   prices", "Line one and [oil] prices"},
    };
    for (const Case& c : cases) {
        INFO(c.query << " in " << c.text);
        CHECK(snippet(c.query, c.text) == c.expected);
    }
}

TEST_CASE("snippets pick the passage with the most query words and say what was cut", "[snippet]") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "filler words here. ";
    text += "Here the oil price rose sharply. ";
    for (int i = 0; i < 40; ++i) text += "more filler text. ";
    std::string s = snippet("oil price", text, 60);
    CHECK(s.rfind("...", 0) == 0);
    CHECK(s.find("[oil price]") != std::string::npos);
    CHECK(s.size() <= 60 + 3 + 3 + 4);
    CHECK(s.compare(s.size() - 3, 3, "...") == 0);
    // No query words: the beginning of the text.
    CHECK(snippet("", "Opening words of the article and more.", 20).rfind("Opening words", 0) == 0);
}
