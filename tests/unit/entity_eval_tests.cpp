// Quality targets of the entity extractor (issue 4), measured by tests/eval on the
// shared data sets when ../shared is present. These are quality numbers, not timings.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"
#include "tests/eval/entity_eval.hpp"
#include "tests/support/test_support.hpp"

using namespace ainews::eval;

TEST_CASE("evaluation names are compared lower-cased, without punctuation", "[eval]") {
    CHECK(normalise_name("Character.AI") == "character ai");
    CHECK(normalise_name("  O'Brien,  Jr. ") == "o brien jr");
    CHECK(normalise_name("Martin Luther King Jr.") == "martin luther king jr");
}

TEST_CASE("a predicted full name matches a gold surname-only mention, not the other way", "[eval]") {
    CHECK(person_matches("wasim akram", "wasim akram"));
    CHECK(person_matches("wasim akram", "akram"));
    CHECK_FALSE(person_matches("akram", "wasim akram"));
    CHECK_FALSE(person_matches("wasim akram", "kram"));
}

TEST_CASE("scores: precision, recall and F1 from counts", "[eval]") {
    Score s;
    s.gold = 10;
    s.gold_found = 8;
    s.predicted = 8;
    s.predicted_correct = 6;
    CHECK(s.precision() == Approx(0.75));
    CHECK(s.recall() == Approx(0.8));
    CHECK(s.f1() == Approx(2 * 0.75 * 0.8 / 1.55));
}

TEST_CASE("entity extraction meets its quality targets on CoNLL-2003 dev and the tech-news sample", "[eval][data]") {
    namespace fs = std::filesystem;
    std::string shared = ainews::test::shared_dir();
    std::string conll = shared + "/data/conll2003/dev.txt";
    std::string news = shared + "/data/tech-news/openai-anthropic-news-2025-2026.jsonl";
    std::string labels = ainews::test::source_dir() + "/tests/data/tech_news_entity_labels.tsv";
    if (!fs::exists(conll) || !fs::exists(news)) {
        WARN("shared data sets not found under " << shared << ": entity quality targets not measured");
        return;
    }
    ainews::Gazetteer gazetteer = ainews::Gazetteer::load_default();
    ainews::EntityExtractor extractor(gazetteer);
    auto conll_rows = evaluate_conll(extractor, gazetteer, conll);
    auto news_rows = evaluate_tech_news(extractor, gazetteer, news, labels);
    std::vector<Row> all = conll_rows;
    all.insert(all.end(), news_rows.begin(), news_rows.end());
    INFO(format_table(all));

    const Score& conll_person = conll_rows[0].score;
    REQUIRE(conll_rows[0].type == "person");
    CHECK(conll_person.gold > 1000);
    CHECK(conll_person.f1() >= 0.85);

    const Score& news_company = news_rows[1].score;
    REQUIRE(news_rows[1].type == "company");
    CHECK(news_rows[1].documents == 194);
    CHECK(news_company.precision() >= 0.95);
    CHECK(news_company.recall() >= 0.90);
}
