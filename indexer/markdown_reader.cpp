// Markdown articles (.md, .markdown), as static-site generators and note tools keep
// them: an optional YAML-style front matter block with the metadata, then the text.
// The markup is stripped so that URLs, emphasis markers and heading hashes do not
// become search terms or split words, while every word of the text is kept.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ainews/date.hpp"
#include "ainews/extract.hpp"
#include "common/text.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// ---- front matter --------------------------------------------------------------

struct FrontValue {
    std::string scalar;
    std::vector<std::string> items;
    bool is_list = false;
    std::size_t line = 0;
};

// 'a ''b''' and "a \"b\"" -> the string inside; plain scalars lose a trailing comment.
std::string unquote(const std::string& raw) {
    std::string v = trim(raw);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) {
                char e = v[++i];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            } else {
                out += v[i];
            }
        }
        return out;
    }
    if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            out += v[i];
            if (v[i] == '\'' && v[i + 1] == '\'') ++i;
        }
        return out;
    }
    // YAML: " #" starts a comment in an unquoted value.
    std::size_t hash = v.find(" #");
    if (hash != std::string::npos) v = trim(v.substr(0, hash));
    return v;
}

// "[a, 'b, c', d]" -> a | b, c | d
std::vector<std::string> flow_list(const std::string& inner) {
    std::vector<std::string> items;
    std::string current;
    char quote = 0;
    for (char c : inner) {
        if (quote) {
            if (c == quote) quote = 0;
            current += c;
        } else if (c == '"' || c == '\'') {
            quote = c;
            current += c;
        } else if (c == ',') {
            items.push_back(unquote(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!trim(current).empty()) items.push_back(unquote(current));
    items.erase(std::remove_if(items.begin(), items.end(), [](const std::string& s) { return s.empty(); }), items.end());
    return items;
}

bool is_fence_line(const std::string& line, const char* marker) { return trim(line) == marker; }

// Splits off a front matter block (between "---" lines at the very top) and parses it.
// Returns the line index where the body starts; 0 when there is no front matter.
std::size_t parse_front_matter(const FileContext& file, const std::vector<std::string>& lines,
                               std::map<std::string, FrontValue>& values) {
    if (lines.empty() || !is_fence_line(lines[0], "---")) return 0;
    std::size_t close = 1;
    while (close < lines.size() && !is_fence_line(lines[close], "---") && !is_fence_line(lines[close], "..."))
        ++close;
    // No closing line: the "---" was a horizontal rule, not front matter.
    if (close == lines.size()) return 0;

    FrontValue* open_value = nullptr;  // the key whose value continues on the next lines
    bool block_scalar = false;
    for (std::size_t i = 1; i < close; ++i) {
        const std::string& raw = lines[i];
        std::string t = trim(raw);
        if (t.empty() || t[0] == '#') continue;
        bool indented = is_space(raw[0]);
        if (open_value && block_scalar && indented) {
            open_value->scalar += (open_value->scalar.empty() ? "" : " ") + t;
            continue;
        }
        if (open_value && (t == "-" || t.rfind("- ", 0) == 0) && open_value->scalar.empty()) {
            std::string item = unquote(t.substr(1));
            open_value->is_list = true;
            if (!item.empty()) open_value->items.push_back(item);
            continue;
        }
        std::size_t colon = t.find(':');
        if (indented && open_value) continue;  // nested mappings we have no field for
        if (colon == std::string::npos || colon == 0) {
            diagnose(file, file.path + ":" + std::to_string(i + 1),
                     "front matter line is not \"key: value\"; ignored", false);
            open_value = nullptr;
            continue;
        }
        std::string key = lower_ascii(trim(t.substr(0, colon)));
        std::string value = trim(t.substr(colon + 1));
        FrontValue& v = values[key];
        v = FrontValue{};
        v.line = i + 1;
        open_value = &v;
        block_scalar = false;
        if (!value.empty() && value[0] == '[') {
            std::size_t end = value.rfind(']');
            v.items = flow_list(value.substr(1, end == std::string::npos || end == 0 ? std::string::npos : end - 1));
            v.is_list = true;
            open_value = nullptr;
        } else if (value == "|" || value == ">" || value == "|-" || value == ">-" || value == "|+" || value == ">+") {
            block_scalar = true;
        } else {
            v.scalar = unquote(value);
        }
    }
    return close + 1;
}

const FrontValue* front(const std::map<std::string, FrontValue>& values, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        auto it = values.find(k);
        if (it != values.end()) return &it->second;
    }
    return nullptr;
}

// A list field: "[a, b]", "- a" lines, or one plain string.
std::optional<std::vector<std::string>> front_list(const std::map<std::string, FrontValue>& values,
                                                   std::initializer_list<const char*> keys) {
    const FrontValue* v = front(values, keys);
    if (!v) return std::nullopt;
    if (v->is_list) return v->items;
    if (v->scalar.empty() || v->scalar == "null" || v->scalar == "~") return std::nullopt;
    return std::vector<std::string>{v->scalar};
}

// ---- markup ------------------------------------------------------------------

std::string decode_entity(const std::string& s, std::size_t& i) {
    // s[i] == '&'; on success i ends on the ';'.
    std::size_t semi = s.find(';', i);
    if (semi == std::string::npos || semi - i > 10) return "&";
    std::string name = s.substr(i + 1, semi - i - 1);
    static const std::map<std::string, std::string> named = {
        {"amp", "&"},   {"lt", "<"},          {"gt", ">"},          {"quot", "\""},       {"apos", "'"},
        {"nbsp", " "},  {"mdash", "\u2014"},  {"ndash", "\u2013"},  {"rsquo", "\u2019"},  {"lsquo", "\u2018"},
        {"ldquo", "\u201C"}, {"rdquo", "\u201D"}, {"hellip", "\u2026"}, {"copy", "\u00A9"}, {"eacute", "\u00E9"}};
    std::string out;
    if (!name.empty() && name[0] == '#') {
        char* end = nullptr;
        bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        unsigned long cp = std::strtoul(name.c_str() + (hex ? 2 : 1), &end, hex ? 16 : 10);
        if (!end || *end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "&";
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    } else {
        auto it = named.find(name);
        if (it == named.end()) return "&";
        out = it->second;
    }
    i = semi;
    return out;
}

// The index after the bracket matching s[open] ('[' or '('), or npos.
std::size_t matching(const std::string& s, std::size_t open) {
    char o = s[open], c = o == '[' ? ']' : ')';
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == o) ++depth;
        if (s[i] == c && --depth == 0) return i + 1;
    }
    return std::string::npos;
}

// Inline markup: [text](url) -> text, images and autolinks gone, emphasis markers,
// code backticks and HTML tags removed, entities decoded.
std::string strip_inline(const std::string& s, int depth = 0) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
            out += s[++i];
        } else if (c == '`') {
            std::size_t stop = s.find_first_not_of('`', i);
            std::size_t run = (stop == std::string::npos ? s.size() : stop) - i;
            std::string ticks(run, '`');
            std::size_t close = s.find(ticks, i + run);
            if (close == std::string::npos) {
                out += ticks;  // an unmatched backtick is just a character
                i += run - 1;
            } else {
                out += trim(s.substr(i + run, close - i - run));
                i = close + run - 1;
            }
        } else if ((c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) && depth < 8) {
            std::size_t open = c == '!' ? i + 1 : i;
            std::size_t text_end = matching(s, open);
            if (text_end == std::string::npos) {
                out += c;
                continue;
            }
            std::string text = s.substr(open + 1, text_end - open - 2);
            std::size_t after = text_end;
            bool link = false;
            if (after < s.size() && (s[after] == '(' || s[after] == '[')) {
                std::size_t target_end = matching(s, after);
                if (target_end != std::string::npos) {
                    after = target_end;
                    link = true;
                }
            }
            if (!text.empty() && text[0] == '^') {  // footnote reference [^1]
                i = after - 1;
                continue;
            }
            if (c == '!') {
                if (!link) {
                    out += c;
                    continue;
                }
                i = after - 1;  // images are not text
                continue;
            }
            out += strip_inline(text, depth + 1);
            i = after - 1;
        } else if (c == '<') {
            std::size_t close = s.find('>', i);
            bool tag = close != std::string::npos && i + 1 < s.size() &&
                       (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!');
            if (!tag) {
                out += c;
                continue;
            }
            // Autolinks and inline HTML tags; a tag can stand between two words.
            if (!out.empty() && !is_space(out.back())) out += ' ';
            i = close;
        } else if (c == '*' || (c == '~' && i + 1 < s.size() && s[i + 1] == '~')) {
            if (c == '~') ++i;
        } else if (c == '_') {
            // snake_case keeps its underscores; _emphasis_ loses them.
            bool inner = i > 0 && i + 1 < s.size() && is_alnum(s[i - 1]) && is_alnum(s[i + 1]);
            if (inner) out += c;
        } else if (c == '&') {
            out += decode_entity(s, i);
        } else {
            out += c;
        }
    }
    return out;
}

bool is_rule(const std::string& t) {
    // ---, ***, ___, - - -: horizontal rules (and setext underlines of level 2).
    if (t.size() < 3) return false;
    char m = t[0];
    if (m != '-' && m != '*' && m != '_' && m != '=') return false;
    std::size_t n = 0;
    for (char c : t) {
        if (c == m)
            ++n;
        else if (!is_space(c))
            return false;
    }
    return n >= 3 || (m == '=' && n >= 1);
}

bool is_table_separator(const std::string& t) {
    if (t.find('-') == std::string::npos || t.find('|') == std::string::npos) return false;
    return t.find_first_not_of("|-: \t") == std::string::npos;
}

struct StrippedBody {
    std::vector<std::string> lines;
    std::optional<std::size_t> first_h1;  // index into lines
};

StrippedBody strip_markdown(const std::vector<std::string>& lines, std::size_t from) {
    StrippedBody out;
    std::string fence;  // the open code fence's marker, empty outside code
    bool in_comment = false;
    bool prev_paragraph = false;  // the previous line was paragraph text (setext headings)
    for (std::size_t i = from; i < lines.size(); ++i) {
        std::string line = lines[i];
        std::string t = trim(line);
        if (!fence.empty()) {
            if (t.rfind(fence, 0) == 0 && t.find_first_not_of(fence[0]) == std::string::npos) {
                fence.clear();
                out.lines.emplace_back();
            } else {
                out.lines.push_back(line);  // code keeps its words
            }
            continue;
        }
        // HTML comments, possibly spanning lines, are not text.
        if (in_comment) {
            std::size_t end = line.find("-->");
            if (end == std::string::npos) continue;
            line = line.substr(end + 3);
            in_comment = false;
        }
        for (std::size_t c = line.find("<!--"); c != std::string::npos; c = line.find("<!--")) {
            std::size_t end = line.find("-->", c + 4);
            if (end == std::string::npos) {
                line = line.substr(0, c);
                in_comment = true;
                break;
            }
            line.erase(c, end + 3 - c);
        }
        t = trim(line);
        if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) {
            fence = t.substr(0, t.find_first_not_of(t[0]) == std::string::npos ? t.size() : t.find_first_not_of(t[0]));
            out.lines.emplace_back();
            prev_paragraph = false;
            continue;
        }
        if (t.empty()) {
            out.lines.emplace_back();
            prev_paragraph = false;
            continue;
        }
        if (is_rule(t)) {
            if (t[0] == '=' && prev_paragraph && !out.first_h1) out.first_h1 = out.lines.size() - 1;
            prev_paragraph = false;
            continue;
        }
        // [ref]: https://... link definitions carry only a URL.
        if (t[0] == '[' && t.find("]:") != std::string::npos && t.rfind("[^", 0) != 0) continue;
        while (!t.empty() && t[0] == '>') t = trim(t.substr(1));  // block quotes
        bool h1 = false;
        if (!t.empty() && t[0] == '#') {
            std::size_t level = t.find_first_not_of('#');
            if (level == std::string::npos || (level <= 6 && is_space(t[level]))) {
                h1 = level == 1;
                t = level == std::string::npos ? "" : trim(t.substr(level));
                // Optional closing hashes: "## Title ##".
                std::size_t end = t.find_last_not_of('#');
                if (end != std::string::npos && end + 1 < t.size() && is_space(t[end])) t = trim(t.substr(0, end));
            }
        } else {
            // List markers: "- ", "* ", "+ ", "1. ", "2) ", then task boxes "[ ] ".
            std::size_t p = 0;
            if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t.size() > 1 && is_space(t[1])) {
                p = 2;
            } else {
                while (p < t.size() && p < 9 && std::isdigit(static_cast<unsigned char>(t[p]))) ++p;
                if (p > 0 && p + 1 < t.size() && (t[p] == '.' || t[p] == ')') && is_space(t[p + 1]))
                    p += 2;
                else
                    p = 0;
            }
            if (p) {
                t = trim(t.substr(p));
                if (t.rfind("[ ] ", 0) == 0 || t.rfind("[x] ", 0) == 0 || t.rfind("[X] ", 0) == 0) t = t.substr(4);
            }
        }
        if (is_table_separator(t)) continue;
        if (!t.empty() && t[0] == '|') std::replace(t.begin(), t.end(), '|', ' ');
        std::string text = collapse_spaces(strip_inline(t));
        if (h1 && !out.first_h1) out.first_h1 = out.lines.size();
        out.lines.push_back(text);
        prev_paragraph = !h1 && !text.empty();
    }
    return out;
}

std::string join_body(const std::vector<std::string>& lines, std::optional<std::size_t> skip) {
    std::string body;
    bool blank = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (skip && i == *skip) continue;
        if (trim(lines[i]).empty()) {
            blank = !body.empty();
            continue;
        }
        if (blank) body += '\n';
        blank = false;
        body += lines[i];
        body += '\n';
    }
    return trim(body);
}

}  // namespace

void read_markdown(const FileContext& file, std::string&& text) {
    std::vector<std::string> lines = split(text, '\n');
    std::map<std::string, FrontValue> fm;
    std::size_t body_from = parse_front_matter(file, lines, fm);
    StrippedBody stripped = strip_markdown(lines, body_from);

    Article a;
    a.id = file.id_base;
    a.origin = file.path;
    a.source = file.collection;
    if (const FrontValue* v = front(fm, {"source"}); v && !v->scalar.empty()) a.source = collapse_spaces(v->scalar);
    if (const FrontValue* v = front(fm, {"url", "link"}); v) a.url = trim(v->scalar);

    std::optional<std::string> h1_text;
    if (stripped.first_h1) h1_text = stripped.lines[*stripped.first_h1];
    std::optional<std::size_t> title_line;
    if (const FrontValue* v = front(fm, {"title"}); v && !collapse_spaces(v->scalar).empty()) {
        a.title = collapse_spaces(v->scalar);
        a.provided.title = true;
        // The same heading repeated at the top of the text is not body text.
        if (h1_text && fold(*h1_text) == fold(a.title)) title_line = stripped.first_h1;
    } else if (h1_text && !h1_text->empty()) {
        a.title = *h1_text;
        title_line = stripped.first_h1;
    }

    bool date_given = false;
    if (const FrontValue* v = front(fm, {"date", "published", "published_at"}); v && !v->scalar.empty()) {
        date_given = true;
        a.date = parse_date(v->scalar, true);
        if (!a.date)
            diagnose(file, file.path + ":" + std::to_string(v->line),
                     "unparseable date \"" + v->scalar + "\"; article kept without a date", false);
    }
    auto authors = front_list(fm, {"authors", "author"});
    if (authors) {
        for (const std::string& n : *authors) {
            std::string name = collapse_spaces(n);
            if (!name.empty() && std::find(a.authors.begin(), a.authors.end(), name) == a.authors.end())
                a.authors.push_back(name);
        }
        a.provided.authors = true;
    }
    a.body = join_body(stripped.lines, title_line);

    // Without metadata the layout of the text tells, as for a plain-text article.
    if (a.title.empty() || !date_given || !authors) {
        TextLayout layout = analyse_text_layout(join_body(stripped.lines, std::nullopt));
        if (a.title.empty()) a.title = std::move(layout.title);
        if (!date_given) a.date = std::move(layout.date);
        if (!authors) a.authors = std::move(layout.authors);
    }
    a.provided.date = date_given;
    // The title counts for mentions unless layout analysis took it from the body's lines.
    const std::string counted_title = title_line || a.provided.title ? a.title : std::string();
    if (auto companies = front_list(fm, {"companies"})) {
        a.companies = given_entities(*companies, counted_title, a.body, false);
        a.provided.companies = true;
    }
    if (auto persons = front_list(fm, {"persons", "people"})) {
        a.persons = given_entities(*persons, counted_title, a.body, true);
        a.provided.persons = true;
    }
    if (a.title.empty() && a.body.empty()) {
        diagnose(file, file.path, "no text: only front matter", true);
        return;
    }
    if (file.callbacks.article) file.callbacks.article(std::move(a));
}

}  // namespace ainews
