// Reading the layout of a plain-text article saved from a web page: which line is
// the headline, where the byline and date are, and which lines are site chrome.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "ainews/date.hpp"
#include "ainews/extract.hpp"
#include "common/text.hpp"

namespace ainews {

namespace {

// ASCII only and without the C locale: std::tolower per byte was 15% of a rerun.
std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::size_t word_count(const std::string& line) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : line) {
        bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// Leading symbols and emoji that decorate headings ("⚡ Key Facts").
std::string strip_decoration(const std::string& line) {
    std::size_t i = 0;
    while (i < line.size()) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if (std::isalnum(c) || c == '"' || c == '\'') break;
        if (c >= 0xC3 && c <= 0xDF) break;  // accented letters
        if (c == 0xE2 && i + 2 < line.size() && static_cast<unsigned char>(line[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(line[i + 2]) == 0x9C || static_cast<unsigned char>(line[i + 2]) == 0x98))
            break;  // opening curly quotes
        ++i;
    }
    return trim(line.substr(i));
}

bool is_bullet(const std::string& line) {
    std::string t = trim(line);
    if (t.empty()) return false;
    if (t[0] == '-' || t[0] == '*' || t[0] == '+') return true;
    if (starts_with(t, "\xE2\x80\xA2") || starts_with(t, "\xE2\x97\x8F") || starts_with(t, "\xE2\x96\xAA")) return true;
    std::size_t i = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    return i > 0 && i < t.size() && (t[i] == '.' || t[i] == ')');
}

// Advertising banners and calls to action that precede the headline.
bool looks_like_ad(const std::string& line) {
    std::string l = lower_ascii(line);
    static const char* phrases[] = {"click here", "sign up", "subscribe", "join the", "join now", "limited time",
                                    "early access", "advertisement", "sponsored", "log in", "sign in"};
    for (const char* p : phrases)
        if (l.find(p) != std::string::npos) return true;
    return std::count(line.begin(), line.end(), '|') >= 2;
}

bool looks_like_headline(const std::string& raw) {
    std::string line = strip_decoration(raw);
    if (line.empty() || is_bullet(raw) || looks_like_ad(line)) return false;
    std::size_t words = word_count(line);
    if (words < 3 || words > 30 || line.size() > 220) return false;
    char last = line.back();
    if (last == '.' || last == ',' || last == ';' || last == ':') return false;
    if (line.find(" | ") != std::string::npos) return false;  // table rows
    return std::isupper(static_cast<unsigned char>(line[0])) || std::isdigit(static_cast<unsigned char>(line[0])) ||
           static_cast<unsigned char>(line[0]) >= 0x80 || line[0] == '"';
}

// A date anywhere in a short string: tries every run of up to five words.
std::optional<std::string> find_date_in(const std::string& text) {
    std::vector<std::string> words;
    for (const std::string& w : split(collapse_spaces(text), ' '))
        if (!w.empty()) words.push_back(w);
    for (std::size_t len = 5; len >= 1; --len) {
        for (std::size_t i = 0; i + len <= words.size(); ++i) {
            std::string candidate;
            for (std::size_t k = i; k < i + len; ++k) candidate += (k > i ? " " : "") + words[k];
            while (!candidate.empty() && (candidate.back() == ',' || candidate.back() == '.')) candidate.pop_back();
            if (auto d = parse_date(candidate)) return d;
        }
    }
    return std::nullopt;
}

bool is_name_like(const std::string& s) {
    std::size_t words = word_count(s);
    if (words < 2 || words > 4 || s.size() > 60) return false;
    for (const std::string& w : split(s, ' ')) {
        if (w.empty()) continue;
        unsigned char c = static_cast<unsigned char>(w[0]);
        if (!(std::isupper(c) || c >= 0xC3)) return false;
        for (char ch : w)
            if (std::isdigit(static_cast<unsigned char>(ch)) || ch == ':' || ch == '|' || ch == '!' || ch == '?' ||
                ch == '(' || ch == ')' || ch == '@' || ch == '/')
                return false;
    }
    return true;
}

// "PRIYA RAMAN" -> "Priya Raman" (bylines in capitals); names in mixed case stay.
std::string name_case(const std::string& name) {
    bool lower = false, upper = false;
    for (char c : name) {
        if (c >= 'a' && c <= 'z') lower = true;
        if (c >= 'A' && c <= 'Z') upper = true;
    }
    if (lower || !upper) return name;
    std::string out = name;
    bool start = true;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c - 'A' + 'a');
        start = c == ' ' || c == '-' || c == '\'' || c == '.';
    }
    return out;
}

// "By Jane Doe and John Roe | Apr 27, 2026" -> names and date.
bool parse_byline(const std::string& line, std::vector<std::string>& authors, std::optional<std::string>& date) {
    std::string t = strip_decoration(line);
    std::string l = lower_ascii(t);
    bool by = starts_with(l, "by ") || starts_with(l, "by|") || l == "by" || starts_with(l, "by:");
    bool stamp = starts_with(l, "published") || starts_with(l, "posted") || starts_with(l, "updated") ||
                 starts_with(l, "last updated");
    if (!(by || stamp) || t.size() > 160) return false;
    // Separators between byline parts: | · • — – and " on ".
    std::string unified;
    for (std::size_t i = 0; i < t.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        if (c == '|') {
            unified += '\n';
        } else if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xB7) {
            unified += '\n';
            ++i;
        } else if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(t[i + 2]) == 0x94 || static_cast<unsigned char>(t[i + 2]) == 0x93 ||
                    static_cast<unsigned char>(t[i + 2]) == 0xA2)) {
            unified += '\n';
            i += 2;
        } else {
            unified += t[i];
        }
    }
    for (std::string part : split(unified, '\n')) {
        part = trim(part);
        std::string pl = lower_ascii(part);
        for (const char* lead : {"by:", "by ", "published on", "published:", "published", "posted on", "posted",
                                 "last updated", "updated on", "updated:", "updated"}) {
            if (starts_with(pl, lead)) {
                part = trim(part.substr(std::string(lead).size()));
                pl = lower_ascii(part);
                break;
            }
        }
        if (pl == "by") part.clear();
        if (part.empty()) continue;
        if (!date) {
            if (auto d = find_date_in(part)) {
                date = d;
                continue;
            }
        }
        if (!by) continue;
        // "Jane Doe and John Roe", "Jane Doe, John Roe"
        std::string names = part;
        for (const char* sep : {" and ", " & ", ", "}) {
            std::size_t pos;
            while ((pos = names.find(sep)) != std::string::npos) names.replace(pos, std::string(sep).size(), "\n");
        }
        for (const std::string& n : split(names, '\n')) {
            std::string name = trim(n);
            if (is_name_like(name)) authors.push_back(name_case(name));
        }
    }
    return true;
}

// Lines that begin the trailing chrome of a page: everything from here on is
// sidebars, share buttons, comment forms or related-article lists.
bool starts_tail_chrome(const std::string& line) {
    std::string l = lower_ascii(trim(line));
    while (!l.empty() && (l.back() == ':' || l.back() == '>' || l.back() == ' ')) l.pop_back();
    static const char* markers[] = {"hottest ai news", "related posts", "related articles", "related stories",
                                    "you may also like", "you might also like", "share with friends",
                                    "share this article", "share this", "share on", "leave a reply",
                                    "leave a comment", "more from", "recommended for you", "read more",
                                    "trending now", "popular posts", "latest news", "see full bio",
                                    "about the author", "comments", "newsletter", "tags"};
    for (const char* m : markers)
        if (l == m) return true;
    return false;
}

}  // namespace

void complete_layout(Article& a) {
    if (!a.layout_pending) return;
    a.layout_pending = false;
    TextLayout layout = analyse_text_layout(a.body);
    if (!a.provided.title && a.title.empty()) a.title = std::move(layout.title);
    if (!a.provided.date) a.date = std::move(layout.date);
    if (!a.provided.authors) a.authors = std::move(layout.authors);
}

TextLayout analyse_text_layout(const std::string& text) {
    std::vector<std::string> lines = split(text, '\n');
    TextLayout layout;

    // Headline: the line just above a byline, else the first headline-like line.
    constexpr std::size_t kHeadWindow = 40;
    std::size_t title_line = lines.size();
    std::size_t byline = lines.size();
    for (std::size_t i = 0; i < lines.size() && i < kHeadWindow; ++i) {
        if (trim(lines[i]).empty()) continue;
        std::vector<std::string> authors;
        std::optional<std::string> date;
        if (parse_byline(lines[i], authors, date)) {
            byline = i;
            layout.authors = authors;
            layout.date = date;
            break;
        }
    }
    if (byline < lines.size()) {
        for (std::size_t i = byline; i-- > 0;) {
            if (trim(lines[i]).empty()) continue;
            if (looks_like_headline(lines[i])) title_line = i;
            break;
        }
    }
    if (title_line == lines.size()) {
        std::size_t seen = 0;
        for (std::size_t i = 0; i < lines.size() && seen < kHeadWindow; ++i) {
            if (trim(lines[i]).empty()) continue;
            ++seen;
            if (looks_like_headline(lines[i])) {
                title_line = i;
                break;
            }
        }
    }
    if (title_line < lines.size()) layout.title = collapse_spaces(strip_decoration(lines[title_line]));

    // A line holding only a date near the headline also states the publication date.
    if (!layout.date && title_line < lines.size()) {
        for (std::size_t i = title_line + 1, seen = 0; i < lines.size() && seen < 3; ++i) {
            std::string t = trim(lines[i]);
            if (t.empty()) continue;
            ++seen;
            if (auto d = parse_date(t)) {
                layout.date = d;
                byline = i;
                break;
            }
        }
    }

    // Author box near the end: "Name / Name / Author" or "Name / Author".
    std::size_t tail = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        std::string l = lower_ascii(t);
        if ((l == "author" || l == "about the author" || l == "written by") && i > (title_line == lines.size() ? 0 : title_line)) {
            // The name just above, possibly repeated once (photo caption, then heading).
            std::size_t j = i;
            std::string name;
            while (j-- > 0) {
                std::string prev = trim(lines[j]);
                if (prev.empty()) continue;
                if (!is_name_like(prev) || (!name.empty() && prev != name)) break;
                name = prev;
                tail = j;  // the box starts at the first repetition of the name
            }
            if (!name.empty()) {
                if (std::find(layout.authors.begin(), layout.authors.end(), name) == layout.authors.end())
                    layout.authors.push_back(name);
                break;
            }
        }
    }
    std::size_t body_start = title_line < lines.size() ? title_line + 1 : 0;
    for (std::size_t i = body_start; i < tail; ++i) {
        if (starts_tail_chrome(lines[i])) {
            tail = i;
            break;
        }
    }

    // Lines above the headline are kept only when they are content (a key-facts box),
    // never banners or navigation; the byline line itself is not body text.
    std::string body;
    auto append = [&](const std::string& line) {
        body += line;
        body += '\n';
    };
    if (title_line < lines.size()) {
        for (std::size_t i = 0; i < title_line; ++i) {
            std::string t = trim(lines[i]);
            if (t.empty() || looks_like_ad(t) || word_count(strip_decoration(t)) < 3) continue;
            append(lines[i]);
        }
    }
    for (std::size_t i = body_start; i < tail; ++i) {
        if (i == byline) continue;
        append(lines[i]);
    }
    layout.body = trim(body);
    if (layout.title.empty()) {
        // No headline-like line: fall back to the first words of the text.
        std::string first = collapse_spaces(layout.body.substr(0, std::min<std::size_t>(layout.body.size(), 400)));
        std::size_t cut = first.find(". ");
        if (cut != std::string::npos && cut < 160) first = first.substr(0, cut);
        if (first.size() > 120) {
            std::size_t space = first.rfind(' ', 120);
            first = first.substr(0, space == std::string::npos ? 120 : space) + "...";
        }
        layout.title = first;
    }
    return layout;
}

}  // namespace ainews
