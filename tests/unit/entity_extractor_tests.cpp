// Entity extraction with the shipped gazetteer: each ambiguity rule of
// data/entities/README.md in both directions, person rules, surname linking,
// headlines in title case and in capitals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"
#include "tests/support/test_support.hpp"

namespace {

const ainews::EntityExtractor& shipped() {
    static const ainews::Gazetteer gazetteer = ainews::Gazetteer::load_default();
    static const ainews::EntityExtractor extractor(gazetteer);
    return extractor;
}

std::vector<std::string> names(const std::vector<ainews::EntityCount>& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.name);
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

struct Case {
    const char* title;
    const char* body;
    std::vector<std::string> companies;     // must be found
    std::vector<std::string> not_companies;  // must not be found
    std::vector<std::string> persons;
    std::vector<std::string> not_persons;
};

void check(const Case& c) {
    auto r = shipped().extract(c.title, c.body);
    auto companies = names(r.companies);
    auto persons = names(r.persons);
    INFO("title: " << c.title << "\nbody: " << c.body);
    for (const auto& n : c.companies) {
        INFO("company expected: " << n);
        CHECK(has(companies, n));
    }
    for (const auto& n : c.not_companies) {
        INFO("company not expected: " << n);
        CHECK_FALSE(has(companies, n));
    }
    for (const auto& n : c.persons) {
        INFO("person expected: " << n);
        CHECK(has(persons, n));
    }
    for (const auto& n : c.not_persons) {
        INFO("person not expected: " << n);
        CHECK_FALSE(has(persons, n));
    }
}

}  // namespace

TEST_CASE("ambiguous company names count only with evidence, in both directions", "[entity]") {
    const std::vector<Case> cases = {
        // Mistral: a wind, and the French AI lab.
        {"", "The mistral blew hard over Provence all week.", {}, {"Mistral AI"}, {}, {}},
        {"", "All week the Mistral swept down the Rhone valley.", {}, {"Mistral AI"}, {}, {}},
        {"", "Mistral raised €600m in its latest funding round.", {"Mistral AI"}, {}, {}, {}},
        {"", "The French AI startup Mistral is hiring engineers.", {"Mistral AI"}, {}, {}, {}},
        {"Mistral Raises €600m", "Mistral AI closed the round on Monday.", {"Mistral AI"}, {}, {}, {}},
        // Apple: the company, never the fruit or a word that contains it.
        {"", "Apple unveiled a new chip for its Mac line.", {"Apple"}, {}, {}, {}},
        {"", "Regulators grapple with the new rules.", {}, {"Apple"}, {}, {}},
        {"", "He ate an apple at his desk.", {}, {"Apple"}, {}, {}},
        // Meta: not in "meta-analysis".
        {"", "A meta-analysis of 40 studies found no effect.", {}, {"Meta"}, {}, {}},
        {"", "Meta-analysis shows the effect is small.", {}, {"Meta"}, {}, {}},
        {"", "Meta's new model beats Llama on most tests.", {"Meta"}, {}, {}, {}},
        {"", "The Microsoft-OpenAI partnership is being renegotiated.", {"Microsoft", "OpenAI"}, {}, {}, {}},
        {"", "Google-backed Anthropic raised more money.", {"Google", "Anthropic"}, {}, {}, {}},
        // Scale, Figure, Character, Inflection, Perplexity.
        {"", "Scale matters more than clever tricks.", {}, {"Scale AI"}, {}, {}},
        {"", "Meta invested $14bn in Scale AI last year.", {"Scale AI", "Meta"}, {}, {}, {}},
        {"", "Figure 3 shows the results for each model.", {}, {"Figure AI"}, {}, {}},
        {"", "The humanoid robot startup Figure signed a deal with BMW.", {"Figure AI"}, {}, {}, {}},
        {"", "Character matters in leadership, she argued.", {}, {"Character.AI"}, {}, {}},
        {"", "Character.AI banned teenagers from open-ended chats.", {"Character.AI"}, {}, {}, {}},
        {"", "Prices have reached an Inflection point, the report said.", {}, {"Inflection AI"}, {}, {}},
        {"", "Inflection AI's Pi chatbot has a new owner.", {"Inflection AI"}, {}, {}, {}},
        {"", "Perplexity remains the usual measure for language models.", {}, {"Perplexity AI"}, {}, {}},
        {"", "The AI search startup Perplexity launched its Comet browser.", {"Perplexity AI"}, {}, {}, {}},
        // Runway, Cohere, Writer, Harvey, Notion, Jasper.
        {"", "The runway at Heathrow was closed for an hour.", {}, {"Runway"}, {}, {}},
        {"", "Runway's video model Gen-4 keeps characters consistent.", {"Runway"}, {}, {}, {}},
        {"", "The two ideas cohere well.", {}, {"Cohere"}, {}, {}},
        {"", "The Canadian lab Cohere raised $500m from investors.", {"Cohere"}, {}, {}, {}},
        {"", "Writer Joan Didion lived in California.", {}, {"Writer"}, {"Joan Didion"}, {}},
        {"", "The enterprise AI startup Writer raised $200m.", {"Writer"}, {}, {}, {}},
        {"", "Harvey Weinstein was convicted again.", {}, {"Harvey"}, {"Harvey Weinstein"}, {}},
        {"", "The legal AI startup Harvey raised $300m.", {"Harvey"}, {}, {}, {}},
        {"", "The notion of fairness is contested.", {}, {"Notion"}, {}, {}},
        {"", "Notion launched AI agents for its workspace app.", {"Notion"}, {}, {}, {}},
        {"", "Jasper Johns painted flags and targets.", {}, {"Jasper"}, {"Jasper Johns"}, {}},
        {"", "Jasper AI cut a third of its staff.", {"Jasper"}, {}, {}, {}},
        // Products are not their makers, and Claude is a product and a first name.
        {"", "Gemini is the model behind the new assistant.", {}, {"Google"}, {}, {}},
        {"", "Claude wrote the summary in seconds.", {}, {"Anthropic"}, {}, {"Claude"}},
        {"", "Anthropic said Claude Opus 4 is its best model.", {"Anthropic"}, {}, {}, {"Claude Opus"}},
        {"", "Users of Claude Code pay per token.", {}, {}, {}, {"Claude Code"}},
        {"", "The painter Claude Monet lived at Giverny.", {}, {}, {"Claude Monet"}, {}},
        {"", "The Claude Developer Platform adds tools.", {}, {}, {}, {"Claude Developer", "Claude Developer Platform"}},
        {"Claude Gets Memory For Teams", "", {}, {}, {}, {"Claude Gets"}},
    };
    for (const Case& c : cases) check(c);
}

TEST_CASE("people are found by given name, title or role, and companies win over person rules", "[entity]") {
    const std::vector<Case> cases = {
        {"", "Jane Okafor joined the board in May.", {}, {}, {"Jane Okafor"}, {}},
        {"", "The startup is led by CEO Tomasz Wierzbicki, who founded it in 2021.", {}, {}, {"Tomasz Wierzbicki"}, {}},
        {"", "\"We are not worried,\" said Oluwaseun Adeyemi.", {}, {}, {"Oluwaseun Adeyemi"}, {}},
        {"", "Zhou Xinyu, chief executive of the firm, disagreed.", {}, {}, {"Zhou Xinyu"}, {}},
        {"", "Growth will slow, according to Arvind Subramanian.", {}, {}, {"Arvind Subramanian"}, {}},
        {"", "Mr Okonkwo declined to comment.", {}, {}, {"Okonkwo"}, {}},
        {"", "J. R. Smith scored 20 points.", {}, {}, {"J. R. Smith"}, {}},
        {"", "Ludwig van Beethoven wrote nine symphonies.", {}, {}, {"Ludwig van Beethoven"}, {}},
        {"", "Morgan Stanley analysts expect higher spending.", {"Morgan Stanley"}, {}, {}, {"Morgan Stanley"}},
        {"", "Goldman Sachs said the deal was priced.", {"Goldman Sachs"}, {}, {}, {"Goldman Sachs"}},
        {"", "Nvidia is based in Santa Clara, California.", {"Nvidia"}, {}, {}, {"Santa Clara"}},
        {"", "She moved to San Francisco and then Virginia Beach.", {}, {}, {}, {"San Francisco", "Virginia Beach"}},
        {"", "Gen Zers use chatbots for homework.", {}, {}, {}, {"Zers"}},
        {"", "U. S. Attorneys General from 44 states wrote to the companies.", {}, {}, {}, {"S. Attorneys", "Attorneys General"}},
        {"", "The Barnett Banks Inc deal closed.", {}, {}, {}, {"Barnett Banks"}},
        {"", "Children love Mickey Mouse.", {}, {}, {}, {"Mickey Mouse"}},
        {"", "I’m Mark Sullivan, and this is the newsletter.", {}, {}, {"Mark Sullivan"}, {"I’m Mark Sullivan"}},
        {"", "In the U. S. House of Representatives the bill failed.", {}, {}, {}, {"S. House"}},
        {"", "The dot-com bubble. Economist Will Raise Concerns, But Altman Says No", {}, {}, {}, {"Will Raise Concerns"}},
        {"", "At OpenAI’s Developer Day, CEO Sam Altman showed apps.", {"OpenAI"}, {}, {"Sam Altman"}, {"Developer Day"}},
        {"Anthropic CEO Pushes Back After Criticism", "", {"Anthropic"}, {}, {}, {"Pushes Back"}},
        {"", "Elon Musks xAI raised money.", {"xAI"}, {}, {"Elon Musk"}, {"Elon Musks"}},
        {"Will Power Grid Survive The AI Boom?", "Utilities are worried.", {}, {}, {}, {"Will Power", "Will Power Grid"}},
        // A listed surname after another given name is another person.
        {"", "In the first game, Tom Sandberg snapped a tie.", {}, {}, {"Tom Sandberg"}, {"Sheryl Sandberg"}},
        {"", "The risk is not zero, said Amanda Huang of Bain Capital Ventures.", {"Bain Capital Ventures"}, {},
         {"Amanda Huang"}, {"Jensen Huang"}},
        // A results table is not a title-case headline; particles with hyphens stay in the name.
        {"", "7. Frank Busemann ( Germany ) 13.58\n8. Mary Ann Jones ( U.S. ) 13.60", {}, {}, {"Frank Busemann", "Mary Ann Jones"}, {}},
        {"", "He represents President Zine al-Abidine Ben Ali at the summit.", {}, {}, {"Zine al-Abidine Ben Ali"}, {}},
    };
    for (const Case& c : cases) check(c);
}

TEST_CASE("a surname alone joins the full name given earlier, so the person is counted once", "[entity]") {
    auto r = shipped().extract("", "Jane Okafor, chief executive of Acme, spoke first. Later Okafor said the plan works.");
    REQUIRE(r.persons.size() == 1);
    CHECK(r.persons[0].name == "Jane Okafor");
    CHECK(r.persons[0].mentions == 2);

    // Gazetteer people too: "Amodei said" after "Dario Amodei".
    auto g = shipped().extract("", "Dario Amodei founded Anthropic in 2021. Amodei said safety comes first.");
    REQUIRE(names(g.persons) == std::vector<std::string>{"Dario Amodei"});
    CHECK(g.persons[0].mentions == 2);

    // Two people share a surname: the lone surname goes to the one named last before it.
    auto two = shipped().extract("", "Mary Okafor met John Okafor. Then Okafor left.");
    CHECK(names(two.persons).size() == 2);
}

TEST_CASE("possessives count as the name, with or without the apostrophe", "[entity]") {
    auto r = shipped().extract("", "OpenAI's board met. Altman’s plan won. Metas Llama team shrank before OpenAIs ChatGPT launch.");
    auto companies = names(r.companies);
    CHECK(has(companies, "OpenAI"));
    CHECK(has(companies, "Meta"));
    CHECK(has(names(r.persons), "Sam Altman"));
}

TEST_CASE("headlines in capitals name companies and people the way mixed case does", "[entity]") {
    auto r = shipped().extract("OPENAI RAISES $40 BILLION FROM SOFTBANK", "The round values the company at $300bn.");
    auto companies = names(r.companies);
    CHECK(has(companies, "OpenAI"));
    CHECK(has(companies, "SoftBank"));
    CHECK(r.persons.empty());

    auto p = shipped().extract("TENNIS - OKAFOR BEATS SMITH", "Jane Okafor beat Ann Smith 6-4 6-2.");
    auto persons = names(p.persons);
    CHECK(persons.size() == 2);
    CHECK(has(persons, "Jane Okafor"));
    // The capitals surname in the headline counts for the person in the body.
    for (const auto& e : p.persons)
        if (e.name == "Jane Okafor") CHECK(e.mentions == 2);
}

TEST_CASE("text glued by scraping still names the companies", "[entity]") {
    auto r = shipped().extract("", "OpenAI logo is seen in this illustration. ReutersOpenAI has announced parental controls.");
    auto companies = names(r.companies);
    CHECK(has(companies, "Reuters"));
    CHECK(has(companies, "OpenAI"));
}

TEST_CASE("mentions give where each entity is written, in the title or the body", "[entity]") {
    std::string title = "Mistral AI hires";
    std::string body = "Jane Okafor joined Mistral AI.";
    auto r = shipped().extract(title, body);
    REQUIRE(r.mentions.size() == 3);
    for (const auto& m : r.mentions) {
        const std::string& src = m.in_title ? title : body;
        std::string text = src.substr(m.begin, m.end - m.begin);
        if (m.type == ainews::EntityType::Company)
            CHECK(text == "Mistral AI");
        else
            CHECK(text == "Jane Okafor");
    }
    CHECK(r.mentions[0].in_title);
}

TEST_CASE("the sample corpus gives the documented companies and metadata", "[entity][corpus]") {
    auto run = ainews::test::run(ainews::test::sh_quote(ainews::test::index_bin()) + " --extract " +
                                 ainews::test::sh_quote(ainews::test::corpus_dir()));
    REQUIRE(run.exit_code == 0);
    std::string first = run.out.substr(0, run.out.find('\n'));
    CHECK(first.find("\"Thinking Machines Lab\"") != std::string::npos);
    CHECK(first.find("\"Meta\"") != std::string::npos);
    CHECK(first.find("\"OpenAI\"") == std::string::npos);  // only in the sidebar, which is chrome
    CHECK(first.find("\"DeepSeek\"") == std::string::npos);
    CHECK(first.find("\"date\":\"2026-04-27\"") != std::string::npos);
    CHECK(first.find("\"authors\":[\"Emma Gordon\"]") != std::string::npos);
    std::size_t third = run.out.find("002_");
    REQUIRE(third != std::string::npos);
    CHECK(run.out.find("\"Thinking Machines Lab\"", third) != std::string::npos);
    std::size_t fourth = run.out.find("003_");
    REQUIRE(fourth != std::string::npos);
    std::string last = run.out.substr(fourth);
    CHECK(last.find("\"Mistral AI\"") != std::string::npos);
    CHECK(last.find("\"Meta\"") != std::string::npos);
}
