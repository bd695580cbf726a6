#include "indexer/tokens.hpp"

namespace ainews {

namespace {

// Length of the UTF-8 punctuation sequence at i (curly quotes, dashes, bullets,
// no-break space), or 0 when the byte starts a word character.
std::size_t punctuation_length(std::string_view s, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return word ? 0 : 1;
    }
    if (c == 0xE2 && i + 1 < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i + 1]);
        if (d == 0x80 || d == 0x81 || d == 0x82 || d == 0x84 || d == 0x86 || d == 0x96 || d == 0x97 || d == 0x9C ||
            d == 0x9A || d == 0x9D)
            return 3;  // U+2000..U+20FF punctuation/currency, arrows, box and shapes, dingbats
    }
    if (c == 0xC2 && i + 1 < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i + 1]);
        if (d < 0xC0) return 2;  // U+0080..U+00BF: NBSP, ©, «, », ·, ¿
    }
    if (c == 0xC3 && i + 1 < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i + 1]);
        if (d == 0x97 || d == 0xB7) return 2;  // × ÷
    }
    if (c == 0xF0) return 4;  // emoji and other astral symbols
    return 0;
}

bool is_apostrophe(std::string_view s, std::size_t i, std::size_t* len) {
    if (s[i] == '\'') {
        *len = 1;
        return true;
    }
    if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x99) {
        *len = 3;
        return true;
    }
    return false;
}

bool is_upper_start(std::string_view t) {
    unsigned char c = static_cast<unsigned char>(t[0]);
    return (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5 && t.size() > 1 && static_cast<unsigned char>(t[1]) < 0x9F) ||
           c >= 0xC6;
}

}  // namespace

std::vector<Token> tokenize_words(std::string_view s) {
    std::vector<Token> tokens;
    tokens.reserve(s.size() / 6);
    std::size_t i = 0;
    bool sentence_start = true;
    bool line_start = true;
    while (i < s.size()) {
        std::size_t p = punctuation_length(s, i);
        if (p) {
            char c = s[i];
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') sentence_start = true;
            if (c == '\n') sentence_start = line_start = true;
            if (p > 1 && static_cast<unsigned char>(c) == 0xE2) sentence_start = true;  // bullets, dashes
            i += p;
            continue;
        }
        std::size_t begin = i;
        std::size_t end = i;
        while (end < s.size()) {
            if (!punctuation_length(s, end)) {
                ++end;
                while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
                continue;
            }
            // Joiners keep "Character.AI", "AT&T", "O'Brien" whole, but a possessive
            // 's ends the word.
            std::size_t alen = 0;
            if (is_apostrophe(s, end, &alen)) {
                std::size_t after = end + alen;
                if (after < s.size() && (s[after] == 's' || s[after] == 'S') &&
                    (after + 1 >= s.size() || punctuation_length(s, after + 1)))
                    break;
                if (after < s.size() && !punctuation_length(s, after)) {
                    end = after;
                    continue;
                }
                break;
            }
            if ((s[end] == '.' || s[end] == '&') && end + 1 < s.size() && !punctuation_length(s, end + 1) &&
                end > begin) {
                ++end;
                continue;
            }
            break;
        }
        Token t;
        t.text = s.substr(begin, end - begin);
        t.begin = begin;
        t.end = end;
        t.capitalised = is_upper_start(t.text);
        t.sentence_start = sentence_start;
        t.line_start = line_start;
        std::size_t next = end;
        std::size_t alen = 0;
        if (next < s.size() && is_apostrophe(s, next, &alen)) next += alen + 1;  // skip possessive
        if (next + 1 < s.size() && s[next] == '-' && !punctuation_length(s, next + 1)) t.hyphen_after = true;
        tokens.push_back(t);
        sentence_start = line_start = false;
        i = next > end ? next : end;
    }
    return tokens;
}

bool adjacent(std::string_view text, const Token& a, const Token& b) {
    if (b.begin < a.end) return false;
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap.empty() || gap == " ";
}

}  // namespace ainews
