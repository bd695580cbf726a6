// The gazetteer's file format (data/entities/README.md): errors name path:line,
// later entries override earlier ones, and --entities files reach extraction.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ainews/error.hpp"
#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"
#include "tests/support/test_support.hpp"

namespace {

std::string load_error(const std::string& text) {
    ainews::Gazetteer g;
    try {
        g.load_string(text, "extra.tsv");
    } catch (const ainews::Error& e) {
        return e.what();
    }
    return "";
}

std::vector<std::string> company_names(const ainews::EntityExtractor::Result& r) {
    std::vector<std::string> out;
    for (const auto& c : r.companies) out.push_back(c.name);
    return out;
}

}  // namespace

TEST_CASE("gazetteer format errors name the file and line", "[gazetteer]") {
    struct Bad {
        const char* text;
        const char* message;
    };
    const std::vector<Bad> cases = {
        {"company\tGood Co\n# comment\n\nfirm\tBad Co\n", "extra.tsv:4: type must be 'company' or 'person'"},
        {"company\n", "extra.tsv:1: expected type<TAB>canonical"},
        {"company\tGood\ncompany\t \n", "extra.tsv:2: empty canonical name"},
        {"company\tAcme Robotics\tAcme\tAcmeCo\n", "extra.tsv:1: ambiguous form 'AcmeCo' is neither"},
        {"person\tJane Doe\t\xff\xfe\n", "extra.tsv:1: not valid UTF-8"},
        {"company\tAcme\t\t\t\tnote in the sixth column\n", "extra.tsv:1: more than 5 columns"},
    };
    for (const Bad& b : cases) {
        INFO(b.text);
        std::string err = load_error(b.text);
        CHECK(err.find(b.message) != std::string::npos);
    }
}

TEST_CASE("gazetteer lines: comments, blank lines, CR LF and missing trailing columns are fine", "[gazetteer]") {
    ainews::Gazetteer g;
    g.load_string("# comment\r\n\r\ncompany\tAcme Robotics\tAcme|ACR\tAcme\tAcme is also a cartoon brand\r\nperson\tJane Doe\r\n",
                  "ok.tsv");
    REQUIRE(g.entries().size() == 2);
    const auto& acme = g.entries()[0];
    CHECK(acme.canonical == "Acme Robotics");
    CHECK(acme.aliases == std::vector<std::string>{"Acme", "ACR"});
    CHECK(acme.ambiguous == std::vector<std::string>{"Acme"});
    CHECK(acme.note == "Acme is also a cartoon brand");
    CHECK(g.entries()[1].type == ainews::EntityType::Person);
    CHECK(g.entries()[1].aliases.empty());
}

TEST_CASE("a later entry with the same type and canonical name replaces the earlier one", "[gazetteer]") {
    ainews::Gazetteer g;
    g.load_string("company\tThinking Machines Lab\tThinking Machines|TML\n", "shipped.tsv");
    g.load_string("company\tThinking Machines Lab\tTM Lab\n", "override.tsv");
    REQUIRE(g.entries().size() == 1);
    CHECK(g.entries()[0].aliases == std::vector<std::string>{"TM Lab"});

    ainews::EntityExtractor x(g);
    CHECK(company_names(x.extract("", "TML hired again.")).empty());
    CHECK(company_names(x.extract("", "TM Lab hired again.")) == std::vector<std::string>{"Thinking Machines Lab"});

    // Same name, other type: both stay.
    g.load_string("person\tThinking Machines Lab\n", "odd.tsv");
    CHECK(g.entries().size() == 2);
}

TEST_CASE("word lists load from the data folder, and the fingerprint follows the data", "[gazetteer]") {
    ainews::test::TempDir dir;
    dir.write("given_names.txt", "# names\nJane\n\nOlu\n");
    dir.write("word_names.txt", "Will\n");
    dir.write("non_names.txt", "Santa Clara\nValley\n");
    ainews::Gazetteer g;
    std::string before = g.fingerprint();
    g.load_word_lists(dir.str());
    CHECK(g.is_given_name("Olu"));
    CHECK(g.given_name_count() == 2);
    CHECK(g.word_names() == std::vector<std::string>{"Will"});
    CHECK(g.non_names() == std::vector<std::string>{"Santa Clara", "Valley"});
    CHECK(g.fingerprint() != before);

    ainews::EntityExtractor x(g);
    auto r = x.extract("", "Olu Adeyemi visited Santa Clara and the Jane Valley office.");
    REQUIRE(r.persons.size() == 1);
    CHECK(r.persons[0].name == "Olu Adeyemi");
}

TEST_CASE("the shipped gazetteer is large enough and well formed", "[gazetteer]") {
    ainews::Gazetteer g = ainews::Gazetteer::load_default();
    std::size_t companies = 0, persons = 0;
    for (const auto& e : g.entries()) (e.type == ainews::EntityType::Company ? companies : persons)++;
    CHECK(companies >= 400);
    CHECK(persons >= 400);
    CHECK(g.given_name_count() >= 1000);
    // Products are never company forms.
    for (const auto& e : g.entries()) {
        if (e.type != ainews::EntityType::Company) continue;
        for (const char* product : {"ChatGPT", "Claude", "Gemini", "Llama", "Grok", "Copilot"}) {
            INFO(e.canonical);
            CHECK(e.canonical != product);
            CHECK(std::find(e.aliases.begin(), e.aliases.end(), product) == e.aliases.end());
        }
    }
}

TEST_CASE("--entities adds a company for one run and overrides shipped aliases", "[gazetteer][cli]") {
    using namespace ainews::test;
    TempDir dir;
    dir.write("corpus/a.txt",
              "Quillfeather Labs Raises Seed Round\n\nQuillfeather Labs, an AI startup, raised $5m. TML and Meta "
              "were not involved.\n");
    std::string entities = dir.write("extra.tsv",
                                     "# new company, and Thinking Machines Lab without its TML alias\n"
                                     "company\tQuillfeather Labs\tQuillfeather\t\tAI writing startup\n"
                                     "company\tThinking Machines Lab\tThinking Machines\t\tMira Murati's lab\n");
    auto with = run(sh_quote(index_bin()) + " --extract --entities " + sh_quote(entities) + " " + sh_quote(dir.str("corpus")));
    REQUIRE(with.exit_code == 0);
    CHECK(with.out.find("\"Quillfeather Labs\"") != std::string::npos);
    CHECK(with.out.find("\"Thinking Machines Lab\"") == std::string::npos);
    CHECK(with.out.find("\"Meta\"") != std::string::npos);

    auto without = run(sh_quote(index_bin()) + " --extract " + sh_quote(dir.str("corpus")));
    REQUIRE(without.exit_code == 0);
    CHECK(without.out.find("\"Quillfeather Labs\"") == std::string::npos);
    CHECK(without.out.find("\"Thinking Machines Lab\"") != std::string::npos);

    // A malformed file is reported as path:line and stops the run.
    std::string bad = dir.write("bad.tsv", "company\tOK\nfirm\tNope\n");
    auto broken = run(sh_quote(index_bin()) + " --extract --entities " + sh_quote(bad) + " " + sh_quote(dir.str("corpus")));
    CHECK(broken.exit_code != 0);
    CHECK(broken.err.find(bad + ":2:") != std::string::npos);
}
