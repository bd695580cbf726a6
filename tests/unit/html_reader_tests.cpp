#include <catch2/catch.hpp>

#include "tests/support/test_support.hpp"
#include "tests/unit/read_helpers.hpp"

using ainews::test::contains;
using ainews::test::read_fixture;
using ainews::test::TempDir;

namespace {

// A news page as sites serve it: metadata for social cards, a masthead, the article
// with its byline, share buttons, ads and comments, then related posts, a sidebar,
// a newsletter box and the site footer.
const char* kPage = R"(<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Mistral raises &euro;600M in new round | AI Daily</title>
<meta property="og:title" content="Mistral raises €600M in new round | AI Daily">
<meta property="og:site_name" content="AI Daily">
<meta property="og:url" content="https://aidaily.example/mistral-600m">
<link rel="canonical" href="https://aidaily.example/canonical-loses">
<meta property="article:published_time" content="2024-06-11T08:00:00Z">
<meta name="author" content="Jane Doe and John Roe">
<script>var tracking = "scriptword";</script>
<style>.x { content: "styleword"; }</style>
</head><body class="single has-sidebar">
<header class="site-header"><nav><a href="/">Home</a> <a href="/ai">navword</a></nav><div>mastheadword</div></header>
<div id="page" class="site-content with-sidebar">
<main>
<article class="post">
<header><h1>Mistral raises €600M in new round</h1><p class="byline">By Jane Doe</p></header>
<p>Paris-based <b>Mis</b>tral said on Tuesday it raised money.</p><p>Second paragraph with Meta&rsquo;s model &amp; more.</p>
<ul><li>first item</li><li>second item</li></ul>
<p>Line one<br>line two</p>
<div class="share-buttons">shareword Tweet</div>
<div class="ad-slot">adword</div>
<section id="comments"><h2>Comments</h2><p>commentword great</p></section>
<footer>Tags: footerword</footer>
</article>
<aside class="related-posts"><article><h2>Other story</h2><p>relatedword</p></article></aside>
</main>
<aside class="sidebar">sidebarword</aside>
</div>
<div class="newsletter-signup">newsletterword subscribe</div>
<footer>Copyright footer2word</footer>
<noscript>noscriptword</noscript>
<form><input value="formword"><label>formlabelword</label></form>
</body></html>
)";

}  // namespace

TEST_CASE("an HTML page gives its title, date, authors, url and site from its metadata", "[html]") {
    TempDir dir;
    auto r = read_fixture(dir.write("news/mistral.html", kPage), {}, "news/mistral.html");
    REQUIRE(r.articles.size() == 1);
    const ainews::Article& a = r.articles[0];
    CHECK(a.id == "news/mistral.html");
    CHECK(a.title == "Mistral raises \u20AC600M in new round");  // " | AI Daily" dropped
    CHECK(a.source == "AI Daily");
    CHECK(a.url == "https://aidaily.example/mistral-600m");  // og:url before the canonical link
    REQUIRE(a.date);
    CHECK(*a.date == "2024-06-11");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(a.provided.title);
    CHECK(a.provided.authors);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("an HTML body is the article's text without navigation, sidebars, scripts or comments", "[html]") {
    TempDir dir;
    auto r = read_fixture(dir.write("mistral.htm", kPage));
    REQUIRE(r.articles.size() == 1);
    const std::string& body = r.articles[0].body;
    CHECK(contains(body, "Paris-based Mistral said on Tuesday it raised money."));  // inline tags do not split words
    CHECK(contains(body, "Meta\u2019s model & more."));                             // entities decoded
    CHECK(contains(body, "first item\nsecond item"));                             // list items stay apart
    CHECK(contains(body, "Line one\nline two"));
    for (const char* chrome : {"scriptword", "styleword", "navword", "mastheadword", "shareword", "adword",
                               "commentword", "footerword", "relatedword", "sidebarword", "newsletterword",
                               "footer2word", "noscriptword", "formword", "formlabelword"}) {
        INFO(chrome);
        CHECK_FALSE(contains(body, chrome));
    }
    // The headline and byline are the title and authors, not body text.
    CHECK_FALSE(contains(body, "By Jane Doe"));
    CHECK_FALSE(contains(body, "raises \u20AC600M"));
}

TEST_CASE("HTML blocks end lines so that words of adjacent paragraphs never join", "[html]") {
    TempDir dir;
    auto r = read_fixture(dir.write("blocks.html",
                                    "<html><body><div>alpha</div><div>beta</div><h2>gamma</h2><p>delta</p>"
                                    "<table><tr><td>cell1</td><td>cell2</td></tr></table>"
                                    "<pre>code  line\n  indented</pre></body></html>"));
    REQUIRE(r.articles.size() == 1);
    const std::string text = r.articles[0].title + "\n" + r.articles[0].body;
    CHECK_FALSE(contains(text, "alphabeta"));
    CHECK(contains(text, "gamma\ndelta"));
    CHECK(contains(text, "cell1\ncell2"));
    CHECK(contains(text, "code  line\n  indented"));
}

TEST_CASE("an HTML title falls back to the first h1, then to <title> without the site name", "[html]") {
    TempDir dir;
    SECTION("h1") {
        auto r = read_fixture(dir.write("a.html",
                                        "<html><head><title>Ignored | Site</title></head><body><nav><h1>Menu</h1></nav>"
                                        "<article><h1>Anthropic ships a new model</h1><p>Text of the story here."
                                        "</p></article></body></html>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "Anthropic ships a new model");
    }
    SECTION("title with a dash and the site name") {
        auto r = read_fixture(dir.write("b.html", "<html><head><title>Nvidia tops $3 trillion - The Verge</title></head>"
                                                  "<body><p>Story text.</p></body></html>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "Nvidia tops $3 trillion");
    }
    SECTION("title with a pipe and a section") {
        auto r = read_fixture(dir.write("c.html", "<html><head><title>OpenAI hires a CFO | Business | Example News"
                                                  "</title></head><body><p>Story text.</p></body></html>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "OpenAI hires a CFO");
    }
}

TEST_CASE("an HTML date comes from JSON-LD or a <time> element, authors from JSON-LD", "[html]") {
    TempDir dir;
    SECTION("JSON-LD in a @graph") {
        auto r = read_fixture(dir.write("ld.html", R"(<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
 {"@type":"NewsArticle","headline":"Cohere raises again","datePublished":"2024-07-22T10:00:00-04:00",
  "author":[{"@type":"Person","name":"Ann Poe"},{"@type":"Person","name":"Bob Lee"}],
  "publisher":{"@type":"Organization","name":"Example Wire"}}]}
</script></head><body><article><p>Cohere raised money.</p></article></body></html>)"));
        REQUIRE(r.articles.size() == 1);
        const auto& a = r.articles[0];
        CHECK(a.title == "Cohere raises again");
        REQUIRE(a.date);
        CHECK(*a.date == "2024-07-22");
        CHECK(a.authors == std::vector<std::string>{"Ann Poe", "Bob Lee"});
        CHECK(a.source == "Example Wire");
    }
    SECTION("time element, rel=author link") {
        auto r = read_fixture(dir.write("time.html",
                                        "<html><body><aside><time datetime=\"2020-01-01\">old</time></aside><article>"
                                        "<h1>xAI builds a data centre</h1><p>By <a rel=\"author\" href=\"/a\">Carla "
                                        "Diaz</a> on <time datetime=\"2024-09-03T12:00\">Sept 3</time></p>"
                                        "<p>The story.</p></article></body></html>"));
        REQUIRE(r.articles.size() == 1);
        const auto& a = r.articles[0];
        REQUIRE(a.date);
        CHECK(*a.date == "2024-09-03");  // not the sidebar's time
        CHECK(a.authors == std::vector<std::string>{"Carla Diaz"});
    }
    SECTION("byline element") {
        auto r = read_fixture(dir.write("byline.html",
                                        "<html><body><article><h1>Meta reorganises its AI lab</h1>"
                                        "<div class=\"article-byline\">By Dana Kim | March 4, 2025</div>"
                                        "<p>The story.</p></article></body></html>"));
        REQUIRE(r.articles.size() == 1);
        const auto& a = r.articles[0];
        CHECK(a.authors == std::vector<std::string>{"Dana Kim"});
        REQUIRE(a.date);
        CHECK(*a.date == "2025-03-04");
        CHECK_FALSE(contains(a.body, "Dana Kim"));
    }
}

TEST_CASE("an HTML body uses <main> when there is no <article>, else <body> without chrome", "[html]") {
    TempDir dir;
    auto r = read_fixture(dir.write("main.html", "<html><body><nav>navword</nav><div class=\"menu\">menuword</div>"
                                                 "<main><h1>Headline of the story</h1><p>mainword text.</p></main>"
                                                 "<div>outsideword</div></body></html>"));
    REQUIRE(r.articles.size() == 1);
    CHECK(contains(r.articles[0].body, "mainword"));
    CHECK_FALSE(contains(r.articles[0].body, "outsideword"));
    CHECK_FALSE(contains(r.articles[0].body, "navword"));

    auto b = read_fixture(dir.write("body.html", "<html><body><nav>navword</nav><div class=\"sidebar\">sideword</div>"
                                                 "<div><p>bodyword text of the story.</p></div></body></html>"));
    REQUIRE(b.articles.size() == 1);
    CHECK(contains(b.articles[0].body, "bodyword"));
    CHECK_FALSE(contains(b.articles[0].body, "navword"));
    CHECK_FALSE(contains(b.articles[0].body, "sideword"));
}

TEST_CASE("HTML wrappers whose class mentions a sidebar or a form around the page keep the article", "[html]") {
    TempDir dir;
    // ASP.NET pages wrap everything in one <form>; layouts mark wrappers "sidebar-left".
    auto r = read_fixture(dir.write("wrapped.html",
                                    "<html><body><form id=\"aspnetForm\"><div class=\"layout sidebar-left\">"
                                    "<h1>Perplexity raises funds</h1><p>keptword in the story.</p>"
                                    "<div class=\"sidebar\">dropword</div></div></form></body></html>"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Perplexity raises funds");
    CHECK(contains(r.articles[0].body, "keptword"));
    CHECK_FALSE(contains(r.articles[0].body, "dropword"));
}

TEST_CASE("an HTML page in Windows-1252 declared by <meta charset> is converted", "[html][encoding]") {
    TempDir dir;
    std::string page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
                       "<title>Caf\xE9 news</title></head><body><p>He said \x93hello\x94 \x97 caf\xE9.</p></body></html>";
    auto r = read_fixture(dir.write("latin.html", page));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Caf\u00E9 news");
    CHECK(contains(r.articles[0].body, "He said \u201Chello\u201D \u2014 caf\u00E9."));
    REQUIRE(r.converted.size() == 1);
    CHECK(r.converted[0].second == "windows-1252");
}

TEST_CASE("broken or hostile HTML never crashes the reader", "[html]") {
    TempDir dir;
    SECTION("unclosed tags") {
        auto r = read_fixture(dir.write("broken.html", "<html><body><p>one <b>two <i>three<p>four</div></span>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(contains(r.articles[0].title + " " + r.articles[0].body, "four"));
    }
    SECTION("deep nesting") {
        std::string deep;
        for (int i = 0; i < 3000; ++i) deep += "<div>";
        deep += "deepword";
        auto r = read_fixture(dir.write("deep.html", "<html><body>" + deep + "</body></html>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(contains(r.articles[0].title + r.articles[0].body, "deepword"));
    }
    SECTION("no text at all") {
        auto r = read_fixture(dir.write("empty.html", "<html><head><script>x()</script></head><body></body></html>"));
        CHECK(r.articles.empty());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].skipped);
        CHECK(contains(r.diagnostics[0].message, "no text"));
    }
    SECTION("broken JSON-LD") {
        auto r = read_fixture(dir.write("ld.html", "<html><head><script type=\"application/ld+json\">{\"@type\": "
                                                   "</script></head><body><p>Words here.</p></body></html>"));
        REQUIRE(r.articles.size() == 1);
        CHECK(contains(r.articles[0].body + r.articles[0].title, "Words here."));
    }
}

TEST_CASE("HTML author links of related stories outside the article are not its authors", "[html]") {
    TempDir dir;
    auto r = read_fixture(dir.write("related.html",
                                    "<html><body><article><h1>Google DeepMind hires</h1><p>By <a rel=\"author\">Eve "
                                    "Stone</a></p><p>The story.</p></article><div class=\"more\"><a rel=\"author\">Tom "
                                    "Other</a></div></body></html>"));
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].authors == std::vector<std::string>{"Eve Stone"});
}
