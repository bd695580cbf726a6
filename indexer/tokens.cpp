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

// Case of the character starting at t[i]: 'U' upper, 'L' lower, 'N' no case (digits,
// letters of scripts without case), for ASCII and the Latin-1 and Latin Extended-A blocks.
char char_case(std::string_view t, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= 'A' && c <= 'Z') return 'U';
    if (c >= 'a' && c <= 'z') return 'L';
    if (c < 0x80 || i + 1 >= t.size()) return 'N';
    unsigned char d = static_cast<unsigned char>(t[i + 1]);
    if (c == 0xC3) return d < 0x9F ? (d == 0x97 ? 'N' : 'U') : (d == 0xB7 ? 'N' : 'L');
    if (c == 0xC4 || c == 0xC5) {
        unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
        bool shifted = cp >= 0x139 && cp <= 0x148;  // Ĺ..ň pair odd/even the other way round
        return ((cp % 2 == 0) != shifted) ? 'U' : 'L';
    }
    return 'N';
}

// Words after which a period is an abbreviation, not the end of a sentence.
bool abbreviation(std::string_view t) {
    if (t.size() == 1) return t[0] >= 'A' && t[0] <= 'Z';
    static const std::string_view words[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Gov", "Sen",
                                             "Rep", "Lt", "Col", "Capt", "Mt", "Sgt", "Supt", "Rev", "Messrs", "vs"};
    for (std::string_view w : words)
        if (t == w) return true;
    return false;
}

}  // namespace

void set_case_flags(Token& t) {
    bool upper = false;
    t.capitalised = t.has_lower = t.has_digit = false;
    for (std::size_t k = 0; k < t.text.size(); ++k) {
        unsigned char b = static_cast<unsigned char>(t.text[k]);
        if (b < 0x80) {  // ASCII fast path
            if (b >= 'a' && b <= 'z') {
                t.has_lower = true;
            } else if (b >= 'A' && b <= 'Z') {
                upper = true;
                if (k == 0) t.capitalised = true;
            } else if (b >= '0' && b <= '9') {
                t.has_digit = true;
            }
            continue;
        }
        if ((b & 0xC0) == 0x80) continue;  // continuation byte
        char kind = char_case(t.text, k);
        if (k == 0) t.capitalised = kind == 'U' || (b >= 0xC6 && kind == 'N');
        if (kind == 'U') upper = true;
        if (kind == 'L') t.has_lower = true;
        if (b >= '0' && b <= '9') t.has_digit = true;
    }
    t.all_caps = upper && !t.has_lower;
}

std::pair<Token, Token> split_token(const Token& t, std::size_t at) {
    Token left = t, right = t;
    left.text = t.text.substr(0, at);
    left.end = t.begin + at;
    left.possessive = left.hyphen_after = left.period_after = false;
    right.text = t.text.substr(at);
    right.begin = t.begin + at;
    right.sentence_start = right.line_start = false;
    set_case_flags(left);
    set_case_flags(right);
    return {left, right};
}

std::vector<Token> tokenize_words(std::string_view s) {
    std::vector<Token> tokens;
    tokenize_words(s, tokens);
    return tokens;
}

void tokenize_words(std::string_view s, std::vector<Token>& tokens) {
    tokens.clear();
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
            unsigned char c = static_cast<unsigned char>(s[end]);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                ++end;  // the common case, without the UTF-8 checks below
                continue;
            }
            if (c >= 0x80 && !punctuation_length(s, end)) {
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
        set_case_flags(t);
        t.sentence_start = sentence_start;
        t.line_start = line_start;
        std::size_t next = end;
        std::size_t alen = 0;
        if (next < s.size() && is_apostrophe(s, next, &alen) && next + alen < s.size() &&
            (s[next + alen] == 's' || s[next + alen] == 'S')) {
            next += alen + 1;  // skip possessive
            t.possessive = true;
        }
        if (next + 1 < s.size() && s[next] == '-' && !punctuation_length(s, next + 1)) t.hyphen_after = true;
        t.period_after = next < s.size() && s[next] == '.';
        tokens.push_back(t);
        sentence_start = line_start = false;
        // "John F. Kennedy", "Mr. Smith": the period does not end the sentence.
        if (t.period_after && !t.possessive && abbreviation(t.text)) next += 1;
        i = next > end ? next : end;
    }
}

bool adjacent(std::string_view text, const Token& a, const Token& b) {
    if (b.begin < a.end) return false;
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap.empty() || gap == " ";
}

}  // namespace ainews
