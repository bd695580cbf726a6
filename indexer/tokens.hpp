// A fast word tokenizer for entity matching: byte-level over UTF-8, no allocation
// per token. Letters outside ASCII count as word characters; the General
// Punctuation block (dashes, curly quotes, bullets) separates words.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace ainews {

struct Token {
    std::string_view text;     // without a trailing possessive 's
    std::size_t begin = 0;     // byte offsets into the tokenized text
    std::size_t end = 0;
    bool capitalised = false;  // first character is an ASCII capital or a non-ASCII capital letter
    bool has_lower = false;    // holds a lower-case letter (ASCII, or a non-ASCII letter after the first)
    bool all_caps = false;     // holds an ASCII capital and no lower-case letter ("OPENAI", "U.S")
    bool has_digit = false;
    bool hyphen_after = false; // followed directly by '-' and a word character ("Meta-analysis")
    bool period_after = false; // followed directly by '.' ("F." in "John F. Kennedy", "Inc.")
    bool possessive = false;   // a possessive 's followed and was dropped
    bool sentence_start = false;
    bool line_start = false;
};

std::vector<Token> tokenize_words(std::string_view text);
// The same into `out` (cleared first), reusing its capacity.
void tokenize_words(std::string_view text, std::vector<Token>& out);

// Sets capitalised, has_lower, all_caps and has_digit from the token's text.
void set_case_flags(Token& t);

// Two tokens from one, cut `at` bytes in ("ReutersOpenAI" -> "Reuters", "OpenAI").
std::pair<Token, Token> split_token(const Token& t, std::size_t at);

// True when only a single space (or nothing) separates the two tokens.
bool adjacent(std::string_view text, const Token& a, const Token& b);

// The bytes between two tokens (empty when b does not follow a).
inline std::string_view gap(std::string_view text, const Token& a, const Token& b) {
    return b.begin >= a.end ? text.substr(a.end, b.begin - a.end) : std::string_view();
}

}  // namespace ainews
