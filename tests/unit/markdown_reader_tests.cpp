#include <catch2/catch.hpp>

#include "tests/support/test_support.hpp"
#include "tests/unit/read_helpers.hpp"

using ainews::EntityCount;
using ainews::test::contains;
using ainews::test::read_fixture;
using ainews::test::TempDir;

TEST_CASE("Markdown front matter gives title, date, authors, url, source and authoritative entity lists", "[markdown]") {
    TempDir dir;
    std::string path = dir.write("posts/2024-05-13-gpt4o.md", R"(---
# a comment line
title: "OpenAI launches GPT-4o: faster, cheaper"
date: 2024-05-13T17:00:00Z
authors: [Jane Doe, 'John Roe']
url: https://example.com/gpt4o
source: Example Blog
companies:
  - OpenAI
  - Microsoft
persons: Mira Murati
tags: [ai, models]
---
# OpenAI launches GPT-4o: faster, cheaper

Mira Murati presented the model. Murati said OpenAI would ship it to everyone.
Microsoft was not mentioned by name in the demo.
)");
    auto r = read_fixture(path, {}, "posts/2024-05-13-gpt4o.md");
    REQUIRE(r.articles.size() == 1);
    const ainews::Article& a = r.articles[0];
    CHECK(a.id == "posts/2024-05-13-gpt4o.md");
    CHECK(a.title == "OpenAI launches GPT-4o: faster, cheaper");
    REQUIRE(a.date);
    CHECK(*a.date == "2024-05-13");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.url == "https://example.com/gpt4o");
    CHECK(a.source == "Example Blog");
    CHECK(a.provided.title);
    CHECK(a.provided.date);
    CHECK(a.provided.authors);
    REQUIRE(a.provided.companies);
    REQUIRE(a.provided.persons);
    // Mentions counted in the text (title included): OpenAI 2, Microsoft 1, Murati 2.
    CHECK(a.companies == std::vector<EntityCount>{{"OpenAI", 2}, {"Microsoft", 1}});
    CHECK(a.persons == std::vector<EntityCount>{{"Mira Murati", 2}});
    // Neither the front matter nor the repeated heading is body text.
    CHECK(a.body.rfind("Mira Murati presented the model.", 0) == 0);
    CHECK_FALSE(contains(a.body, "title:"));
    CHECK_FALSE(contains(a.body, "tags"));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("Markdown front matter accepts '- a' lists, single strings and empty lists", "[markdown]") {
    TempDir dir;
    auto r = read_fixture(dir.write("a.md", "---\nauthor: Sam Lee\npersons: []\ncompanies:\n- Mistral AI\n---\nText about "
                                            "Mistral AI and Arthur Mensch.\n"));
    REQUIRE(r.articles.size() == 1);
    const auto& a = r.articles[0];
    CHECK(a.authors == std::vector<std::string>{"Sam Lee"});
    CHECK(a.provided.persons);  // stated as none: Arthur Mensch is not added by extraction
    CHECK(a.persons.empty());
    CHECK(a.companies == std::vector<EntityCount>{{"Mistral AI", 1}});
    CHECK_FALSE(a.provided.date);
}

TEST_CASE("Markdown without front matter takes its title from the first # heading", "[markdown]") {
    TempDir dir;
    auto r = read_fixture(dir.write("note.markdown", R"(Some intro line before the heading

# Nvidia's **quarter** in _numbers_

Revenue rose, said [Jensen Huang](https://nvidia.example/ceo "CEO") on a call.
![chart of revenue](https://img.example/chart.png)
Read the [filing][1] and <https://sec.example/filing>.

## Data *centre* sales

- first point with `snake_case_name`
* second point with **bold** and ~~struck~~ words
1. numbered point

```python
print("fenced code words")
```

> quoted line

| Quarter | Revenue |
|---------|---------|
| Q1      | 26B     |

---
[1]: https://sec.example/filing
)"));
    REQUIRE(r.articles.size() == 1);
    const ainews::Article& a = r.articles[0];
    CHECK(a.title == "Nvidia's quarter in numbers");
    CHECK_FALSE(a.provided.title);
    const std::string& body = a.body;
    CHECK(contains(body, "Revenue rose, said Jensen Huang on a call."));
    CHECK(contains(body, "Read the filing and ."));
    CHECK(contains(body, "Data centre sales"));
    CHECK(contains(body, "first point with snake_case_name"));
    CHECK(contains(body, "second point with bold and struck words"));
    CHECK(contains(body, "numbered point"));
    CHECK(contains(body, "print(\"fenced code words\")"));
    CHECK(contains(body, "quoted line"));
    CHECK(contains(body, "Quarter"));
    CHECK(contains(body, "Some intro line"));
    for (const char* markup : {"http", "](", "**", "```", "##", "chart of revenue", "[1]", "---", "> quoted", "|--"}) {
        INFO(markup);
        CHECK_FALSE(contains(body, markup));
    }
    CHECK_FALSE(contains(body, "Nvidia's quarter in numbers"));  // the title heading is not repeated
}

TEST_CASE("Markdown without front matter or heading is read by layout analysis", "[markdown]") {
    TempDir dir;
    auto r = read_fixture(dir.write("plain.md", "Anthropic Opens Office In Tokyo\nBy Kenji Sato | April 2, 2025\n\n"
                                                "Anthropic said on Wednesday it opened an office.\n"));
    REQUIRE(r.articles.size() == 1);
    const auto& a = r.articles[0];
    CHECK(a.title == "Anthropic Opens Office In Tokyo");
    CHECK(a.authors == std::vector<std::string>{"Kenji Sato"});
    REQUIRE(a.date);
    CHECK(*a.date == "2025-04-02");
}

TEST_CASE("a bad Markdown front matter date is a warning at its line and the article has no date", "[markdown]") {
    TempDir dir;
    std::string path = dir.write("bad.md", "---\ntitle: Something happened\ndate: sometime last week\n---\nBody text.\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 1);
    CHECK_FALSE(r.articles[0].date);
    const ainews::Diagnostic* d = r.find(path + ":3", "unparseable date");
    REQUIRE(d);
    CHECK_FALSE(d->skipped);
}

TEST_CASE("a Markdown file starting with --- but no closing line has no front matter", "[markdown]") {
    TempDir dir;
    auto r = read_fixture(dir.write("rule.md", "---\nJust text after a rule, title: not metadata.\n"));
    REQUIRE(r.articles.size() == 1);
    CHECK(contains(r.articles[0].title + r.articles[0].body, "Just text after a rule"));
}

TEST_CASE("a Markdown front matter line without a colon is reported and ignored", "[markdown]") {
    TempDir dir;
    std::string path = dir.write("odd.md", "---\ntitle: Fine title here\nthis line is odd\n---\nBody.\n");
    auto r = read_fixture(path);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Fine title here");
    REQUIRE(r.find(path + ":3", "not \"key: value\""));
}
