#include "ainews/date.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "ainews/error.hpp"

namespace ainews {

bool is_valid_day(int year, int month, int day) {
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= last;
}

namespace {

std::string format_day(int y, int m, int d) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
    return buffer;
}

// Month from an English name or its abbreviation ("Apr", "April", "Sept."); 0 if none.
int month_from_name(std::string word) {
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!word.empty() && word.back() == '.') word.pop_back();
    static const char* names[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
    if (word.size() < 3) return 0;
    for (int i = 0; i < 12; ++i) {
        std::string full = names[i];
        if (word == full || word == full.substr(0, 3) || (i == 8 && word == "sept")) return i + 1;
    }
    return 0;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// Splits on spaces, commas and slashes; keeps words and numbers ("27th" -> "27").
std::vector<std::string> date_words(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    auto flush = [&] {
        if (current.empty()) return;
        // Ordinal suffixes: 1st 2nd 3rd 27th.
        if (current.size() > 2 && std::isdigit(static_cast<unsigned char>(current[0]))) {
            std::string tail = current.substr(current.size() - 2);
            for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (tail == "st" || tail == "nd" || tail == "rd" || tail == "th") current.resize(current.size() - 2);
        }
        words.push_back(current);
        current.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t')
            flush();
        else
            current += c;
    }
    flush();
    return words;
}

std::optional<std::string> parse_iso(std::string_view t) {
    // YYYY-MM-DD or YYYY/MM/DD, optionally followed by a time ("T10:00:00Z", " 10:00").
    if (t.size() < 10) return std::nullopt;
    if (!all_digits(t.substr(0, 4)) || !all_digits(t.substr(5, 2)) || !all_digits(t.substr(8, 2))) return std::nullopt;
    char sep = t[4];
    if ((sep != '-' && sep != '/') || t[7] != sep) return std::nullopt;
    if (t.size() > 10 && t[10] != 'T' && t[10] != ' ' && t[10] != 't') return std::nullopt;
    int y = std::atoi(std::string(t.substr(0, 4)).c_str());
    int m = std::atoi(std::string(t.substr(5, 2)).c_str());
    int d = std::atoi(std::string(t.substr(8, 2)).c_str());
    if (!is_valid_day(y, m, d)) return std::nullopt;
    return format_day(y, m, d);
}

}  // namespace

std::optional<std::string> parse_date(std::string_view raw, bool allow_epoch) {
    std::string_view text = raw;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty()) return std::nullopt;

    if (auto iso = parse_iso(text)) return iso;

    if (allow_epoch && all_digits(text) && text.size() >= 9 && text.size() <= 13) {
        long long seconds = std::atoll(std::string(text).c_str());
        if (text.size() == 13) seconds /= 1000;  // milliseconds
        std::time_t t = static_cast<std::time_t>(seconds);
        std::tm tm{};
        if (!gmtime_r(&t, &tm)) return std::nullopt;
        if (!is_valid_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) return std::nullopt;
        return format_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }

    // Word forms: "Apr 27, 2026", "April 27th 2026", "27 April 2026",
    // "Mon, 27 Apr 2026 10:00:00 +0000" (RFC 2822; weekday and time ignored).
    std::vector<std::string> words = date_words(text);
    std::size_t i = 0;
    static const char* weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (!words.empty()) {
        std::string first;
        for (char c : words[0].substr(0, 3)) first += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const char* w : weekdays)
            if (first == w && !all_digits(words[0])) i = 1;
    }
    if (words.size() < i + 3) return std::nullopt;
    const std::string& a = words[i];
    const std::string& b = words[i + 1];
    const std::string& c = words[i + 2];
    int y = 0, m = 0, d = 0;
    if (month_from_name(a) && all_digits(b) && all_digits(c) && c.size() == 4 && b.size() <= 2) {
        m = month_from_name(a), d = std::atoi(b.c_str()), y = std::atoi(c.c_str());
    } else if (all_digits(a) && a.size() <= 2 && month_from_name(b) && all_digits(c) && c.size() == 4) {
        d = std::atoi(a.c_str()), m = month_from_name(b), y = std::atoi(c.c_str());
    } else {
        return std::nullopt;
    }
    // Anything after the year must look like a time or zone, not more prose.
    for (std::size_t k = i + 3; k < words.size(); ++k) {
        const std::string& w = words[k];
        bool timeish = !w.empty() && (std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '+' || w[0] == '-' ||
                                      w == "GMT" || w == "UTC" || w == "UT" || w == "EST" || w == "EDT" ||
                                      w == "PST" || w == "PDT" || w == "AM" || w == "PM" || w == "am" || w == "pm" ||
                                      w == "ET" || w == "PT" || w == "at");
        if (!timeish) return std::nullopt;
    }
    if (!is_valid_day(y, m, d)) return std::nullopt;
    return format_day(y, m, d);
}

std::string parse_date_bound(std::string_view text, bool is_end, std::string_view what) {
    auto fail = [&](const std::string& why) -> std::string {
        throw Error(ErrorCode::Usage, std::string(what) + ": invalid date '" + std::string(text) + "': " + why +
                                          " (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    };
    std::string s(text);
    int y = 0, m = 0, d = 0;
    if (s.size() == 4 && all_digits(s)) {
        y = std::atoi(s.c_str());
        if (y < 1000) fail("year out of range");
        return std::to_string(y) + (is_end ? "1231" : "0101");
    }
    if (s.size() == 7 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2))) {
        y = std::atoi(s.substr(0, 4).c_str());
        m = std::atoi(s.substr(5, 2).c_str());
        if (m < 1 || m > 12) fail("no month " + s.substr(5, 2));
        if (y < 1000) fail("year out of range");
        int last = 31;
        while (!is_valid_day(y, m, last)) --last;
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", y, m, is_end ? last : 1);
        return buffer;
    }
    if (s.size() == 10 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) && s[7] == '-' &&
        all_digits(s.substr(8, 2))) {
        y = std::atoi(s.substr(0, 4).c_str());
        m = std::atoi(s.substr(5, 2).c_str());
        d = std::atoi(s.substr(8, 2).c_str());
        if (m < 1 || m > 12) fail("no month " + s.substr(5, 2));
        if (!is_valid_day(y, m, d)) fail("no such day");
        return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
    }
    return fail("not a date");
}

}  // namespace ainews
