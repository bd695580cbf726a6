#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "common/text.hpp"

// fold() is how entity, author and source terms are stored and looked up. Non-ASCII
// text goes through ICU loaded at first use (common/icu_runtime.hpp); these are the
// forms the indexer and the searcher must agree on.
TEST_CASE("fold lower-cases, strips accents and applies compatibility forms", "[text]") {
    const std::pair<std::string, std::string> cases[] = {
        {"Mistral AI", "mistral ai"},
        {"OpenAI", "openai"},
        {"Société Générale", "societe generale"},
        {"MÜNCHEN", "munchen"},
        {"Ångström", "angstrom"},
        {"\xEF\xAC\x81nance", "finance"},              // the "fi" ligature
        {"\xEF\xBC\xA1\xEF\xBC\xA9 Lab", "ai lab"},    // full-width "ＡＩ"
        {"Straße", "strasse"},                          // case folding, not lower-casing
        {"Łukasz Kaiser", "łukasz kaiser"},             // Ł has no decomposition: kept
        {"Zhipu \xE6\x99\xBA\xE8\xB0\xB1", "zhipu \xE6\x99\xBA\xE8\xB0\xB1"},  // CJK unchanged
        {"", ""},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(ainews::fold(input) == expected);
    }
}

TEST_CASE("fold turns invalid UTF-8 into U+FFFD instead of failing", "[text]") {
    CHECK(ainews::fold("caf\xC3") == "caf\xEF\xBF\xBD");
    CHECK(ainews::fold("\xFF" "Abc") == "\xEF\xBF\xBD" "abc");
}
