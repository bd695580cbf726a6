// Saved web pages (.html, .htm), parsed with gumbo (a full HTML5 parser: real pages
// are tag soup that no regular expression survives). Metadata comes from what sites
// publish for social cards and search engines (Open Graph, article:*, JSON-LD); the
// body is the article's text without the site around it.
#include <gumbo.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ainews/date.hpp"
#include "ainews/extract.hpp"
#include "common/text.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

namespace {

using nlohmann::json;

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }

GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

const char* attr(const GumboNode* n, const char* name) {
    if (!is_element(n)) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}

std::string attr_lower(const GumboNode* n, const char* name) {
    const char* v = attr(n, name);
    return v ? lower_ascii(v) : std::string();
}

const GumboVector* children_of(const GumboNode* n) {
    if (is_element(n)) return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    return nullptr;
}

bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}

// Never text, wherever they are.
bool is_code_or_control(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
            return true;
        default:
            return false;
    }
}

// Elements that start a new line when rendered: their text must not run into the next.
bool is_block(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
        case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HR:
        case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
        case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
        case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        case GUMBO_TAG_UL: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER:
        case GUMBO_TAG_BODY: case GUMBO_TAG_BR:
            return true;
        default:
            return false;
    }
}

// Words of class and id values: "relatedPosts share_bar" -> related posts share bar.
std::vector<std::vector<std::string>> class_tokens(const GumboNode* n) {
    std::vector<std::vector<std::string>> tokens;
    for (const char* name : {"class", "id"}) {
        const char* v = attr(n, name);
        if (!v) continue;
        std::vector<std::string> words;
        std::string word;
        auto flush = [&] {
            if (!word.empty()) words.push_back(lower_ascii(word));
            word.clear();
        };
        for (const char* p = v;; ++p) {
            char c = *p;
            if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
                flush();
                if (!words.empty()) tokens.push_back(std::move(words));
                words.clear();
                if (c == '\0') break;
            } else if (c == '-' || c == '_' || c == ':' || c == '.') {
                flush();
            } else {
                if (std::isupper(static_cast<unsigned char>(c)) && !word.empty() &&
                    std::islower(static_cast<unsigned char>(word.back())))
                    flush();
                word += c;
            }
        }
    }
    return tokens;
}

// A class or id naming site chrome: comments, share buttons, related posts, newsletter
// boxes, ads, sidebars, menus. Modifier classes on wrappers ("has-sidebar",
// "ads-enabled") describe the page layout, not the element, and do not count.
bool has_chrome_class(const GumboNode* n) {
    static const std::unordered_set<std::string> chrome{
        "comment",   "comments",   "disqus",       "share",         "sharing",     "sharebar",  "social",
        "related",   "newsletter", "subscribe",    "subscription",  "signup",      "ad",        "ads",
        "advert",    "adverts",    "advertisement", "advertising",  "sponsor",     "sponsored", "promo",
        "promoted",  "sidebar",    "popup",        "modal",         "cookie",      "cookies",   "consent",
        "breadcrumb", "breadcrumbs", "outbrain",   "taboola",       "recommended", "navbar",    "nav",
        "navigation", "menu",      "footer",       "widget",        "widgets"};
    static const std::unordered_set<std::string> modifiers_before{"has", "no", "with", "without", "is", "show",
                                                                  "hide", "enable", "disable", "toggle"};
    static const std::unordered_set<std::string> modifiers_after{"enabled", "disabled", "active", "open",
                                                                 "visible", "hidden", "loaded"};
    for (const auto& words : class_tokens(n)) {
        if (modifiers_before.count(words.front()) || modifiers_after.count(words.back())) continue;
        for (const std::string& w : words)
            if (chrome.count(w)) return true;
    }
    return false;
}

bool is_hidden(const GumboNode* n) {
    if (attr(n, "hidden")) return true;
    if (attr_lower(n, "aria-hidden") == "true") return true;
    std::string style = attr_lower(n, "style");
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// Site chrome by element, role or class. Such an element is dropped unless it holds
// the article itself (some sites wrap the whole page in a <form> or a div whose class
// says "sidebar" for layout reasons).
bool looks_like_chrome(const GumboNode* n) {
    switch (tag_of(n)) {
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
            return true;
        default:
            break;
    }
    std::string role = attr_lower(n, "role");
    if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
        role == "search" || role == "dialog")
        return true;
    return is_hidden(n) || has_chrome_class(n);
}

bool has_ancestor(const GumboNode* n, GumboTag tag, const GumboNode* stop) {
    for (const GumboNode* p = n->parent; p && p != stop; p = p->parent)
        if (tag_of(p) == tag) return true;
    return false;
}

// Calls visit(node) for every node under root in document order, without recursion
// (pages nest deeply enough to overflow a stack). visit returns false to skip children.
template <typename Visit>
void walk(const GumboNode* root, Visit visit) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (!visit(n)) continue;
        if (const GumboVector* kids = children_of(n))
            for (unsigned i = kids->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
    }
}

// Text of an element on one line, for titles, bylines and names.
std::string inline_text(const GumboNode* root) {
    std::string out;
    walk(root, [&](const GumboNode* n) {
        if (is_text(n)) {
            out += n->v.text.text;
        } else if (is_element(n) && n != root) {
            if (is_code_or_control(tag_of(n))) return false;
            if (is_block(tag_of(n))) out += ' ';
        }
        return true;
    });
    return collapse_spaces(normalise_text(out));
}

// Characters of visible text under a node: how much of the page an element holds.
std::size_t text_size(const GumboNode* root) {
    std::size_t size = 0;
    walk(root, [&](const GumboNode* n) {
        if (n->type == GUMBO_NODE_TEXT) size += std::strlen(n->v.text.text);
        return !is_element(n) || !is_code_or_control(tag_of(n));
    });
    return size;
}

// Appends rendered text: runs of white space become one space, blocks become lines.
class TextSink {
public:
    void text(const char* s, bool preformatted) {
        for (; *s; ++s) {
            char c = *s;
            if (preformatted) {
                if (c == '\n') {
                    line_break();
                } else {
                    if (c == '\r') continue;
                    out_ += c;
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                space_ = !out_.empty() && out_.back() != '\n';
            } else {
                if (space_) out_ += ' ';
                space_ = false;
                out_ += c;
            }
        }
    }
    void line_break() {
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        if (!out_.empty() && out_.back() != '\n') out_ += '\n';
        space_ = false;
    }
    std::string take() { return trim(out_); }

private:
    std::string out_;
    bool space_ = false;
};

// What one pass over the document collects.
struct Page {
    const GumboNode* body = nullptr;
    const GumboNode* main = nullptr;
    const GumboNode* title_tag = nullptr;
    std::vector<const GumboNode*> h1s;
    std::vector<const GumboNode*> articles;
    std::vector<const GumboNode*> times;
    std::vector<const GumboNode*> author_links;  // rel=author, itemprop=author
    std::vector<const GumboNode*> bylines;       // class "byline"
    std::vector<std::pair<std::string, std::string>> metas;  // property/name/itemprop -> content
    std::vector<std::string> json_ld;
    std::string canonical;

    std::string meta(const char* key) const {
        for (const auto& [k, v] : metas)
            if (k == key && !trim(v).empty()) return trim(v);
        return "";
    }
};

bool has_class_word(const GumboNode* n, const char* word) {
    for (const auto& words : class_tokens(n))
        if (std::find(words.begin(), words.end(), word) != words.end()) return true;
    return false;
}

Page scan(const GumboOutput* output) {
    Page page;
    walk(output->document, [&](const GumboNode* n) {
        if (!is_element(n)) return true;
        GumboTag t = tag_of(n);
        switch (t) {
            case GUMBO_TAG_BODY: if (!page.body) page.body = n; break;
            case GUMBO_TAG_MAIN: if (!page.main) page.main = n; break;
            case GUMBO_TAG_TITLE: if (!page.title_tag && !has_ancestor(n, GUMBO_TAG_SVG, nullptr)) page.title_tag = n; break;
            case GUMBO_TAG_H1: page.h1s.push_back(n); break;
            case GUMBO_TAG_ARTICLE: page.articles.push_back(n); break;
            case GUMBO_TAG_TIME: page.times.push_back(n); break;
            case GUMBO_TAG_META: {
                const char* content = attr(n, "content");
                if (!content) break;
                for (const char* key : {"property", "name", "itemprop"})
                    if (const char* k = attr(n, key)) page.metas.emplace_back(lower_ascii(k), content);
                break;
            }
            case GUMBO_TAG_LINK: {
                std::string rel = attr_lower(n, "rel");
                if (rel == "canonical" && attr(n, "href") && page.canonical.empty()) page.canonical = attr(n, "href");
                break;
            }
            case GUMBO_TAG_SCRIPT: {
                if (attr_lower(n, "type") == "application/ld+json") {
                    std::string code;
                    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
                        auto* c = static_cast<const GumboNode*>(n->v.element.children.data[i]);
                        if (is_text(c)) code += c->v.text.text;
                    }
                    page.json_ld.push_back(std::move(code));
                }
                return false;
            }
            default: break;
        }
        if (!page.main && attr_lower(n, "role") == "main") page.main = n;
        if (attr_lower(n, "itemprop") == "articlebody") page.articles.push_back(n);
        std::string rel = attr_lower(n, "rel");
        if ((t == GUMBO_TAG_A && (rel == "author" || rel.find("author") != std::string::npos)) ||
            attr_lower(n, "itemprop") == "author")
            page.author_links.push_back(n);
        else if (has_class_word(n, "byline"))
            page.bylines.push_back(n);
        return true;
    });
    return page;
}

// ---- JSON-LD -------------------------------------------------------------------

struct LinkedData {
    std::string headline;
    std::string date;
    std::vector<std::string> authors;
    std::string publisher;
    std::string url;
};

std::string json_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("name") && v["name"].is_string()) return v["name"].get<std::string>();
    if (v.is_array() && !v.empty()) return json_text(v.front());
    return "";
}

bool is_article_type(const json& type) {
    auto check = [](const std::string& s) {
        return s.size() >= 7 && (s.compare(s.size() - 7, 7, "Article") == 0 || s == "BlogPosting" || s == "Report");
    };
    if (type.is_string()) return check(type.get<std::string>());
    if (type.is_array())
        for (const json& t : type)
            if (t.is_string() && check(t.get<std::string>())) return true;
    return false;
}

// The first Article-like object in a JSON-LD block, through arrays and @graph.
const json* find_article(const json& v, int depth = 0) {
    if (depth > 6) return nullptr;
    if (v.is_array()) {
        for (const json& item : v)
            if (const json* found = find_article(item, depth + 1)) return found;
    } else if (v.is_object()) {
        if (v.contains("@type") && is_article_type(v["@type"])) return &v;
        if (v.contains("@graph")) return find_article(v["@graph"], depth + 1);
    }
    return nullptr;
}

LinkedData linked_data(const Page& page) {
    LinkedData ld;
    for (const std::string& code : page.json_ld) {
        json doc = json::parse(code, nullptr, false);
        if (doc.is_discarded()) continue;
        const json* a = find_article(doc);
        if (!a) continue;
        if (a->contains("headline")) ld.headline = json_text((*a)["headline"]);
        if (a->contains("datePublished")) ld.date = json_text((*a)["datePublished"]);
        if (a->contains("author")) {
            const json& au = (*a)["author"];
            if (au.is_array()) {
                for (const json& x : au) ld.authors.push_back(json_text(x));
            } else {
                ld.authors.push_back(json_text(au));
            }
        }
        if (a->contains("publisher")) ld.publisher = json_text((*a)["publisher"]);
        if (a->contains("url")) ld.url = json_text((*a)["url"]);
        break;
    }
    return ld;
}

// ---- fields --------------------------------------------------------------------

// "Headline | Site", "Headline - Site": the <title> tag carries the site's name.
std::string strip_site_tail(const std::string& title, const std::string& site, bool from_title_tag) {
    std::string t = collapse_spaces(title);
    for (const char* sep : {" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00B7 "}) {
        std::size_t at = t.rfind(sep);
        if (at == std::string::npos || at == 0) continue;
        std::string tail = trim(t.substr(at + std::strlen(sep)));
        std::string head = trim(t.substr(0, at));
        if (!site.empty() && fold(tail) == fold(site)) return head;
        if (!from_title_tag) continue;
        // A pipe is a site separator in practice; a dash only before a short name.
        if (std::string(sep) == " | ") {
            std::size_t first = t.find(sep);
            return trim(t.substr(0, first));
        }
        if (split(tail, ' ').size() <= 4) return head;
    }
    return t;
}

// "Jane Doe, John Roe and Ann Poe" -> three names.
std::vector<std::string> split_names(const std::string& text) {
    std::string s = text;
    for (const char* sep : {" and ", " & ", ";", ","}) {
        std::size_t pos;
        while ((pos = s.find(sep)) != std::string::npos) s.replace(pos, std::strlen(sep), "\n");
    }
    std::vector<std::string> out;
    for (const std::string& part : split(s, '\n')) {
        std::string name = collapse_spaces(normalise_text(part));
        if (!name.empty()) out.push_back(name);
    }
    return out;
}

void add_names(std::vector<std::string>& authors, const std::vector<std::string>& names) {
    for (const std::string& raw : names) {
        std::string n = collapse_spaces(normalise_text(raw));
        // article:author is often a profile URL, not a name.
        if (n.empty() || n.size() > 80 || n.find("://") != std::string::npos || n[0] == '@') continue;
        bool seen = std::any_of(authors.begin(), authors.end(), [&](const std::string& a) { return fold(a) == fold(n); });
        if (!seen) authors.push_back(n);
    }
}

bool inside(const GumboNode* n, const GumboNode* root) {
    for (const GumboNode* p = n; p; p = p->parent)
        if (p == root) return true;
    return false;
}

// The element holding the article: the <article> (or itemprop=articleBody) with the
// most text, unless it is too small to be the story (a teaser card on a listing page);
// else <main>; else <body>.
const GumboNode* choose_root(const Page& page) {
    const GumboNode* body = page.body;
    std::size_t body_size = body ? text_size(body) : 0;
    const GumboNode* best = nullptr;
    std::size_t best_size = 0;
    for (const GumboNode* a : page.articles) {
        bool in_chrome = false;
        for (const GumboNode* p = a; p && p != body; p = p->parent)
            if (looks_like_chrome(p)) in_chrome = true;
        if (in_chrome) continue;
        std::size_t size = text_size(a);
        if (size > best_size) {
            best = a;
            best_size = size;
        }
    }
    if (best && best_size * 5 >= body_size) return best;
    if (page.main) return page.main;
    return body;
}

std::string body_text(const GumboNode* root, const std::unordered_set<const GumboNode*>& skip) {
    // Elements holding the article's heading or another article container are never
    // dropped as chrome, whatever their class says.
    std::unordered_set<const GumboNode*> protect;
    walk(root, [&](const GumboNode* n) {
        GumboTag t = tag_of(n);
        if (n != root && (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_H1 ||
                          attr_lower(n, "itemprop") == "articlebody"))
            for (const GumboNode* p = n; p && p != root; p = p->parent) protect.insert(p);
        return true;
    });
    TextSink sink;
    int pre = 0;
    // Post-order events: a null marks the end of the element below it on the stack.
    std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};
    while (!stack.empty()) {
        auto [n, closing] = stack.back();
        stack.pop_back();
        if (closing) {
            if (tag_of(n) == GUMBO_TAG_PRE) --pre;
            if (is_block(tag_of(n))) sink.line_break();
            continue;
        }
        if (is_text(n)) {
            sink.text(n->v.text.text, pre > 0);
            continue;
        }
        if (!is_element(n) || skip.count(n)) continue;
        GumboTag t = tag_of(n);
        if (is_code_or_control(t)) continue;
        if (n != root && !protect.count(n)) {
            if (looks_like_chrome(n)) continue;
            // A <header> outside any article is the site's masthead.
            if (t == GUMBO_TAG_HEADER && !has_ancestor(n, GUMBO_TAG_ARTICLE, nullptr)) continue;
        }
        if (t == GUMBO_TAG_IMG) continue;
        if (is_block(t)) sink.line_break();
        if (t == GUMBO_TAG_PRE) ++pre;
        stack.push_back({n, true});
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
    }
    return sink.take();
}

}  // namespace

void read_html(const FileContext& file, std::string&& text) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are normal on the web; do not collect them
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&options, text.data(), text.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!output) {
        diagnose(file, file.path, "cannot parse the HTML", true);
        return;
    }
    Page page = scan(output.get());
    LinkedData ld = linked_data(page);
    const GumboNode* root = choose_root(page);

    Article a;
    a.id = file.id_base;
    a.origin = file.path;
    std::string site = page.meta("og:site_name");
    if (site.empty()) site = ld.publisher;
    a.source = site.empty() ? file.collection : collapse_spaces(normalise_text(site));
    a.url = page.meta("og:url");
    if (a.url.empty()) a.url = page.canonical;
    if (a.url.empty()) a.url = ld.url;
    a.url = trim(normalise_text(a.url));

    // Title: og:title, JSON-LD headline, the article's <h1>, the page's first <h1>, <title>.
    const GumboNode* root_h1 = nullptr;
    for (const GumboNode* h : page.h1s)
        if (root && inside(h, root) && !inline_text(h).empty()) {
            root_h1 = h;
            break;
        }
    if (!root_h1)
        for (const GumboNode* h : page.h1s)
            if (!inline_text(h).empty()) {
                root_h1 = h;
                break;
            }
    std::string title = page.meta("og:title");
    if (title.empty()) title = ld.headline;
    if (!title.empty()) {
        title = strip_site_tail(normalise_text(title), site, false);
    } else if (root_h1) {
        title = inline_text(root_h1);
    } else if (page.title_tag) {
        title = strip_site_tail(inline_text(page.title_tag), site, true);
    }
    a.title = collapse_spaces(normalise_text(title));
    a.provided.title = !a.title.empty();
    // The heading that gave the title and the byline are not body text (as in a
    // plain-text article, where the layout analysis drops both).
    std::unordered_set<const GumboNode*> skip(page.bylines.begin(), page.bylines.end());
    skip.insert(page.author_links.begin(), page.author_links.end());
    if (root_h1 && fold(inline_text(root_h1)) == fold(a.title)) skip.insert(root_h1);
    a.body = root ? normalise_text(body_text(root, skip)) : std::string();

    // Date: publication metadata first, then the article's own <time> elements.
    std::vector<std::string> dates = {page.meta("article:published_time"), page.meta("og:published_time"),
                                      page.meta("published_time"),         page.meta("datepublished"),
                                      ld.date,
                                      page.meta("article:published"),      page.meta("pubdate"),
                                      page.meta("publishdate"),            page.meta("dc.date.issued"),
                                      page.meta("dc.date"),                page.meta("date"),
                                      page.meta("parsely-pub-date"),       page.meta("sailthru.date")};
    for (const std::string& d : dates) {
        if (d.empty()) continue;
        if ((a.date = parse_date(d))) break;
    }
    if (!a.date)
        for (const GumboNode* t : page.times) {
            if (root && !inside(t, root)) continue;
            const char* dt = attr(t, "datetime");
            if ((a.date = parse_date(trim(dt ? std::string(dt) : inline_text(t))))) break;
        }
    a.provided.date = a.date.has_value();

    // Authors: stated metadata, then author links, then byline elements.
    for (const auto& [k, v] : page.metas)
        if (k == "author" || k == "article:author" || k == "dc.creator" || k == "parsely-author" ||
            k == "sailthru.author")
            add_names(a.authors, split_names(v));
    add_names(a.authors, ld.authors);
    // Author links and bylines of other stories (related posts, sidebars) sit outside
    // the article; a byline just above it (in the page header) is the article's own.
    auto near_article = [&](const std::vector<const GumboNode*>& nodes) {
        std::vector<const GumboNode*> in;
        for (const GumboNode* n : nodes)
            if (!root || inside(n, root)) in.push_back(n);
        if (in.empty() && !nodes.empty()) in.push_back(nodes.front());
        return in;
    };
    if (a.authors.empty())
        for (const GumboNode* n : near_article(page.author_links)) add_names(a.authors, split_names(inline_text(n)));
    if (a.authors.empty() || !a.date) {
        for (const GumboNode* n : near_article(page.bylines)) {
            std::string line = inline_text(n);
            if (lower_ascii(line.substr(0, 3)) != "by " && lower_ascii(line.substr(0, 3)) != "by:") line = "By " + line;
            TextLayout layout = analyse_text_layout(line);
            if (a.authors.empty()) add_names(a.authors, layout.authors);
            if (!a.date) a.date = layout.date;
        }
    }
    a.provided.authors = !a.authors.empty();
    // Pages without metadata: read the text as a plain-text article would be.
    if ((a.title.empty() || a.authors.empty() || !a.date) && !a.body.empty()) {
        TextLayout layout = analyse_text_layout(a.title.empty() ? a.body : a.title + "\n" + a.body);
        if (a.title.empty()) a.title = layout.title;
        if (a.authors.empty()) a.authors = layout.authors;
        if (!a.date) a.date = layout.date;
    }
    if (a.title.empty() && a.body.empty()) {
        diagnose(file, file.path, "no text: the page has no title and no body text", true);
        return;
    }
    if (file.callbacks.article) file.callbacks.article(std::move(a));
}

}  // namespace ainews
