// JSON Lines (.jsonl, .ndjson, optionally gzip-compressed): one article per line, as
// exported by scrapers, news APIs and datasets (Reuters-21578). Files can hold millions
// of records, so they are streamed line by line and never held in memory whole.
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>

#include "ainews/date.hpp"
#include "ainews/error.hpp"
#include "ainews/extract.hpp"
#include "common/text.hpp"
#include "indexer/encoding.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

namespace {

using nlohmann::json;

// The keys each field is looked up under, first present wins, unless --field names one.
struct FieldKeys {
    const char* name;
    std::vector<const char*> keys;
};

const std::vector<FieldKeys>& default_keys() {
    static const std::vector<FieldKeys> table = {
        {"id", {"id"}},
        {"title", {"title", "headline"}},
        {"body", {"body", "text", "content", "description"}},
        {"date", {"date", "published", "published_at", "timestamp"}},
        {"url", {"url", "link"}},
        {"source", {"source"}},
        {"authors", {"authors", "author"}},
        {"companies", {"companies"}},
        {"persons", {"persons"}},
    };
    return table;
}

// Reads the file through zlib, which passes uncompressed files through unchanged, so
// .jsonl and .jsonl.gz take the same path.
class LineReader {
public:
    explicit LineReader(const std::string& path) : file_(gzopen(path.c_str(), "rb"), gzclose) {
        if (file_) gzbuffer(file_.get(), 256 * 1024);
    }
    bool open() const { return file_ != nullptr; }

    // The next line without its newline. A line longer than `limit` is consumed but
    // not kept: `length` tells how long it was and `line` stays empty.
    bool next(std::string& line, std::size_t& length, std::size_t limit) {
        line.clear();
        length = 0;
        bool any = false;
        while (true) {
            // A line cut short by damaged compressed data is not a record.
            if (pos_ == end_ && !fill()) return any && error_.empty();
            any = true;
            const char* start = buffer_.data() + pos_;
            const char* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
            std::size_t n = newline ? static_cast<std::size_t>(newline - start) : end_ - pos_;
            length += n;
            if (length <= limit)
                line.append(start, n);
            else
                line.clear();
            pos_ += n + (newline ? 1 : 0);
            if (newline) return true;
        }
    }

    // Set when reading stopped on corrupt or truncated compressed data.
    const std::string& error() const { return error_; }

private:
    bool fill() {
        if (!error_.empty() || eof_) return false;
        int n = gzread(file_.get(), buffer_.data(), static_cast<unsigned>(buffer_.size()));
        if (n < 0) {
            int code = 0;
            const char* message = gzerror(file_.get(), &code);
            error_ = message && *message ? message : "read error";
            return false;
        }
        if (n == 0) {
            eof_ = true;
            // zlib reports a gzip stream cut short only through gzerror.
            int code = 0;
            const char* message = gzerror(file_.get(), &code);
            if (code != Z_OK && code != Z_STREAM_END) error_ = message && *message ? message : "read error";
            return false;
        }
        pos_ = 0;
        end_ = static_cast<std::size_t>(n);
        return true;
    }

    std::unique_ptr<gzFile_s, int (*)(gzFile)> file_;
    std::vector<char> buffer_ = std::vector<char>(256 * 1024);
    std::size_t pos_ = 0, end_ = 0;
    bool eof_ = false;
    std::string error_;
};

const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        default: return "null";
    }
}

// One record being turned into an article; collects warnings with its line's origin.
class Record {
public:
    Record(const FileContext& file, const json& object, std::string origin)
        : file_(file), object_(object), origin_(std::move(origin)) {}

    // The value for an article field: the mapped key, else the first default key
    // present with a non-null, non-empty value.
    const json* find(const char* field) const {
        auto mapped = file_.options.field_map.find(field);
        if (mapped != file_.options.field_map.end()) {
            if (mapped->second.empty()) return nullptr;
            auto it = object_.find(mapped->second);
            return it == object_.end() || it->is_null() ? nullptr : &*it;
        }
        for (const FieldKeys& f : default_keys()) {
            if (std::strcmp(f.name, field) != 0) continue;
            for (const char* key : f.keys) {
                auto it = object_.find(key);
                if (it == object_.end() || it->is_null()) continue;
                if (it->is_string() && it->get_ref<const std::string&>().empty()) continue;
                return &*it;
            }
        }
        return nullptr;
    }

    // Text fields; {"name": ...} objects are what news APIs give for sources and authors.
    std::optional<std::string> text(const char* field) {
        const json* v = find(field);
        if (!v) return std::nullopt;
        if (v->is_string()) return v->get<std::string>();
        if (v->is_number_integer() || v->is_number_unsigned()) return v->dump();
        if (v->is_object() && v->contains("name") && (*v)["name"].is_string()) return (*v)["name"].get<std::string>();
        // Some exports store the body as a list of paragraphs.
        if (v->is_array() && std::strcmp(field, "body") == 0) {
            std::string joined;
            for (const json& p : *v)
                if (p.is_string()) joined += p.get<std::string>() + "\n\n";
            return joined;
        }
        warn(std::string("\"") + field + "\" is " + type_name(*v) + ", not text; ignored");
        return std::nullopt;
    }

    // Lists of names; a single string is a list of one.
    std::optional<std::vector<std::string>> list(const char* field) {
        const json* v = find(field);
        if (!v) return std::nullopt;
        std::vector<std::string> names;
        auto add = [&](const json& item) {
            if (item.is_string())
                names.push_back(item.get<std::string>());
            else if (item.is_object() && item.contains("name") && item["name"].is_string())
                names.push_back(item["name"].get<std::string>());
        };
        if (v->is_array()) {
            for (const json& item : *v) add(item);
        } else if (v->is_string() || v->is_object()) {
            add(*v);
        } else {
            warn(std::string("\"") + field + "\" is " + type_name(*v) + ", not a list of names; ignored");
            return std::nullopt;
        }
        return names;
    }

    // ISO 8601, RFC 2822, Unix seconds as text or number (milliseconds too: JavaScript
    // exporters write Date.now()). `given` tells whether the record had a date at all.
    std::optional<std::string> date(bool& given) {
        const json* v = find("date");
        given = v != nullptr;
        if (!v) return std::nullopt;
        std::string raw;
        if (v->is_string()) {
            raw = v->get<std::string>();
        } else if (v->is_number()) {
            double seconds = v->get<double>();
            if (std::fabs(seconds) >= 1e11) seconds /= 1000;
            if (std::isfinite(seconds) && std::fabs(seconds) < 1e13)
                raw = std::to_string(static_cast<long long>(seconds));
            else
                raw = v->dump();
        } else {
            raw = v->dump();
        }
        if (auto d = parse_date(trim(raw), true)) return d;
        std::string shown = raw.size() > 60 ? raw.substr(0, 60) + "..." : raw;
        warn("unparseable date \"" + shown + "\"; article kept without a date");
        return std::nullopt;
    }

private:
    void warn(const std::string& message) { diagnose(file_, origin_, message, false); }

    const FileContext& file_;
    const json& object_;
    std::string origin_;
};

std::vector<std::string> clean_names(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& n : names) {
        std::string c = collapse_spaces(normalise_text(n));
        if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
    }
    return out;
}

// "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error ..."
// -> "column 7: syntax error ...": the line number is ours, nlohmann's is always 1.
std::string parse_error_text(const std::string& what) {
    std::string s = what;
    std::size_t bracket = s.find("] ");
    if (s.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) s = s.substr(bracket + 2);
    std::size_t at = s.find("at line 1, ");
    if (at != std::string::npos) s = s.substr(at + 11);
    return s;
}

}  // namespace

const std::vector<std::string>& json_field_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const FieldKeys& f : default_keys()) v.emplace_back(f.name);
        return v;
    }();
    return names;
}

void add_field_mapping(ReaderOptions& options, const std::string& spec) {
    std::size_t eq = spec.find('=');
    std::string names;
    for (const std::string& n : json_field_names()) names += (names.empty() ? "" : ", ") + n;
    if (eq == std::string::npos)
        throw Error(ErrorCode::Usage,
                    "--field " + spec + ": expected NAME=JSONKEY (for example persons=people)");
    std::string name = trim(spec.substr(0, eq));
    std::string key = trim(spec.substr(eq + 1));
    const auto& known = json_field_names();
    if (std::find(known.begin(), known.end(), name) == known.end())
        throw Error(ErrorCode::Usage, "--field " + spec + ": unknown field \"" + name + "\" (known: " + names + ")");
    options.field_map[name] = key;
}

void read_json_lines(const FileContext& file) {
    LineReader reader(file.path);
    if (!reader.open()) {
        diagnose(file, file.path, std::string("cannot read file: ") + std::strerror(errno), true);
        return;
    }
    const std::size_t limit = file.options.max_article_bytes;
    std::string line;
    std::size_t length = 0, line_number = 0, articles = 0, textless = 0;
    bool reported_conversion = false;
    while (reader.next(line, length, limit)) {
        ++line_number;
        std::string origin = file.path + ":" + std::to_string(line_number);
        if (length > limit) {
            diagnose(file, origin, "line is " + size_text(length) + ", over the limit for one article", true);
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_number == 1) {
            if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
            if (line.rfind("\xFF\xFE", 0) == 0 || line.rfind("\xFE\xFF", 0) == 0) {
                diagnose(file, file.path, "UTF-16 JSON Lines are not supported; convert the file to UTF-8", true);
                return;
            }
        }
        if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines separate nothing
        // JSON is UTF-8 by definition, but scraped exports sometimes are not; such a
        // line is converted (Windows-1252 unless detection is sure) rather than lost.
        if (!is_valid_utf8(line)) {
            auto decoded = decode_to_utf8(line);
            if (!decoded) {
                diagnose(file, origin, "not valid UTF-8 and not convertible", true);
                continue;
            }
            if (!reported_conversion && file.callbacks.converted) file.callbacks.converted(file.path, decoded->from);
            reported_conversion = true;
            line = std::move(decoded->text);
        }
        json object;
        try {
            object = json::parse(line);
        } catch (const json::parse_error& e) {
            diagnose(file, origin, "malformed JSON: " + parse_error_text(e.what()), true);
            continue;
        }
        if (!object.is_object()) {
            diagnose(file, origin, std::string("not a JSON object but ") + type_name(object), true);
            continue;
        }

        Record record(file, object, origin);
        Article a;
        a.origin = origin;
        a.title = collapse_spaces(normalise_text(record.text("title").value_or("")));
        a.body = trim(normalise_text(record.text("body").value_or("")));
        a.url = trim(normalise_text(record.text("url").value_or("")));
        a.source = collapse_spaces(normalise_text(record.text("source").value_or("")));
        if (a.source.empty()) a.source = file.collection;
        bool date_given = false;
        a.date = record.date(date_given);
        auto authors = record.list("authors");
        auto companies = record.list("companies");
        auto persons = record.list("persons");

        if (a.title.empty() && a.body.empty() && !date_given && a.url.empty() && (!authors || authors->empty()) &&
            (!companies || companies->empty()) && (!persons || persons->empty())) {
            diagnose(file, origin, "no text: the record has no title, body or other article field", true);
            continue;
        }
        if (a.title.empty() && a.body.empty()) ++textless;

        // Users search and deduplicate by their own ids, so a given id is used as is.
        // Without one, the url identifies the article; failing that, the line's content
        // (stable across runs, and identical lines are rightly one article).
        a.id = trim(record.text("id").value_or(""));
        if (a.id.empty()) a.id = !a.url.empty() ? a.url : file.id_base + "#" + hex64(stable_hash(line));

        // What the record does not state is read from the text as for a plain-text article.
        a.provided.title = !a.title.empty();
        // A title taken from the body's own lines would count their mentions twice.
        const std::string& stated_title = a.provided.title ? a.title : std::string();
        // Left to complete_layout(), after the unchanged check (most of a rerun's time
        // went into this analysis before).
        a.layout_pending = !a.body.empty() && (a.title.empty() || !date_given || !authors);
        a.provided.date = date_given;
        if (authors) {
            a.authors = clean_names(*authors);
            a.provided.authors = true;
        }
        // A list present in the record, even empty, is the record's statement of who is
        // in the article; only an absent (or null) list leaves the field to extraction.
        if (companies) {
            a.companies = given_entities(*companies, stated_title, a.body, false);
            a.provided.companies = true;
        }
        if (persons) {
            a.persons = given_entities(*persons, stated_title, a.body, true);
            a.provided.persons = true;
        }
        ++articles;
        if (file.callbacks.article) file.callbacks.article(std::move(a));
    }
    if (!reader.error().empty()) {
        // zlib's message starts with the path, which the origin already gives.
        std::string why = reader.error();
        if (why.rfind(file.path + ": ", 0) == 0) why.erase(0, file.path.size() + 2);
        diagnose(file, file.path + ":" + std::to_string(line_number + 1),
                 "cannot read further (" + why + "); the lines before were read", true);
    }
    if (textless > 0)
        diagnose(file, file.path,
                 std::to_string(textless) + " of " + std::to_string(articles) +
                     " records have no title or body text and are indexed by their other fields only"
                     " (if the text is under another key, map it with --field body=KEY)",
                 false);
}

}  // namespace ainews
