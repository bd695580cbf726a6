// Title, date, authors and body of plain-text articles saved from web pages, on
// small fixtures shaped like the sample corpus.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "ainews/extract.hpp"

namespace {

struct LayoutCase {
    const char* name;
    std::string text;
    std::string title;
    std::optional<std::string> date;
    std::vector<std::string> authors;
    std::vector<std::string> body_has;
    std::vector<std::string> body_lacks;
};

}  // namespace

TEST_CASE("text layout finds the headline, date, bylines and drops site chrome", "[layout]") {
    const std::vector<LayoutCase> cases = {
        {"banner, navigation and a byline with only a date (sample corpus 000)",
         "Join The Founders Club Now. Click Here!|Be First. Founders Club Is Open Now!|Early Access\n\nFAQ\n\nAI News\n\n"
         "AI Talent Exodus Sparks Startup Innovation Surge\n\nby | Apr 27, 2026\n\n"
         "AI innovation continues to disrupt the industry.\n\nHottest AI News\n\nOpenAI Unveils A Phone\n\n"
         "Emma Gordon\n\nEmma Gordon\n\nAuthor\n",
         "AI Talent Exodus Sparks Startup Innovation Surge",
         "2026-04-27",
         {"Emma Gordon"},
         {"AI innovation continues"},
         {"Founders Club", "Hottest AI News", "OpenAI Unveils"}},
        {"byline with two authors and a date",
         "OpenAI Hires A New Research Chief\nBy Jane Doe and John Roe | March 3, 2025\n\nThe company said on Monday that...\n",
         "OpenAI Hires A New Research Chief",
         "2025-03-03",
         {"Jane Doe", "John Roe"},
         {"The company said on Monday"},
         {"By Jane Doe"}},
        {"byline in capitals",
         "Nvidia Sales Beat Forecasts\nBY PRIYA RAMAN | 12 May 2025\n\nNvidia reported record revenue.\n",
         "Nvidia Sales Beat Forecasts",
         "2025-05-12",
         {"Priya Raman"},
         {"record revenue"},
         {}},
        {"first line is the headline; no byline or date (sample corpus 001)",
         "The Talent Exodus: How Senior Staff Leaving Big Tech Are Launching the Next Wave of Independent AI Startups\n"
         "Across the glass towers of the world's largest technology firms, a quiet reshaping is underway.\n",
         "The Talent Exodus: How Senior Staff Leaving Big Tech Are Launching the Next Wave of Independent AI Startups",
         std::nullopt,
         {},
         {"Across the glass towers"},
         {}},
        {"a date alone under the headline",
         "Anthropic Opens A Tokyo Office\n\nJune 30, 2025\n\nAnthropic said it will hire locally.\n",
         "Anthropic Opens A Tokyo Office",
         "2025-06-30",
         {},
         {"hire locally"},
         {"June 30, 2025"}},
        {"published stamp",
         "Meta Buys A Stake In Scale AI\nPublished on 2025-06-12\n\nMeta paid $14bn.\n",
         "Meta Buys A Stake In Scale AI",
         "2025-06-12",
         {},
         {"Meta paid"},
         {}},
        {"related articles and share buttons end the body",
         "Mistral Raises Money\nBy Jean Martin\n\nMistral AI raised money.\n\nRelated Articles\n\nCohere Raises Money Too\n",
         "Mistral Raises Money",
         std::nullopt,
         {"Jean Martin"},
         {"Mistral AI raised money."},
         {"Cohere Raises"}},
    };
    for (const LayoutCase& c : cases) {
        INFO(c.name);
        ainews::TextLayout l = ainews::analyse_text_layout(c.text);
        CHECK(l.title == c.title);
        CHECK(l.date == c.date);
        CHECK(l.authors == c.authors);
        for (const auto& s : c.body_has) {
            INFO("body should have: " << s);
            CHECK(l.body.find(s) != std::string::npos);
        }
        for (const auto& s : c.body_lacks) {
            INFO("body should not have: " << s);
            CHECK(l.body.find(s) == std::string::npos);
        }
    }
}

TEST_CASE("text layout never takes an ad banner or a bullet as the headline", "[layout]") {
    ainews::TextLayout l = ainews::analyse_text_layout(
        "Subscribe now | Sign in | Newsletter\n- a bullet that is long enough to be a line\nThe Real Headline Is Here\n\nBody text.\n");
    CHECK(l.title == "The Real Headline Is Here");
}

TEST_CASE("text layout falls back to the first words when no line looks like a headline", "[layout]") {
    ainews::TextLayout l = ainews::analyse_text_layout("this text has no headline at all. it goes on and on.\n");
    CHECK(l.title == "this text has no headline at all");
    CHECK_FALSE(l.date.has_value());
}
