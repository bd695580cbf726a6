// A fast word tokenizer for entity matching: byte-level over UTF-8, no allocation
// per token. Letters outside ASCII count as word characters; the General
// Punctuation block (dashes, curly quotes, bullets) separates words.
#pragma once

#include <string_view>
#include <vector>

namespace ainews {

struct Token {
    std::string_view text;     // without a trailing possessive 's
    std::size_t begin = 0;     // byte offsets into the tokenized text
    std::size_t end = 0;
    bool capitalised = false;  // first character is an ASCII capital or a non-ASCII letter
    bool hyphen_after = false; // followed directly by '-' and a word character ("Meta-analysis")
    bool sentence_start = false;
    bool line_start = false;
};

std::vector<Token> tokenize_words(std::string_view text);

// True when only a single space (or nothing) separates the two tokens.
bool adjacent(std::string_view text, const Token& a, const Token& b);

}  // namespace ainews
