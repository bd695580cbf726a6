#include "searcher/snippet.hpp"

#include <algorithm>

namespace ainews {

namespace {

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Curly quotes and dashes are punctuation, not letters (UTF-8 E2 80 xx).
bool is_punctuation_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]) == 0xE2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80;
}

struct Word {
    std::size_t begin, end;
    std::size_t stem;  // index into the matched-stem list, or npos
};

char lower_byte(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Key of a word's first two bytes (one byte for one-letter words), lower-cased.
std::size_t head_key(std::string_view w) {
    std::size_t first = static_cast<unsigned char>(lower_byte(w[0]));
    std::size_t second = w.size() > 1 ? static_cast<unsigned char>(lower_byte(w[1])) : 0;
    return first << 8 | second;
}

std::string lower(std::string_view w) {
    std::string out(w);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

SnippetMaker::SnippetMaker(const Xapian::Query& query, const Xapian::Stem& stemmer) : stemmer_(stemmer) {
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.size() < 2 || term[0] != 'Z') continue;  // boolean filters, ids, dates
        std::string stem = term.substr(1);
        if (!stem.empty() && stem[0] == 'S') stem = stem.substr(1);  // title words
        if (stem.empty() || (stem[0] >= 'A' && stem[0] <= 'Z')) continue;
        heads_.set(head_key(stem));
        stems_.insert(std::move(stem));
    }
}

bool SnippetMaker::matches(std::string_view word) const {
    // Stemming keeps a word's first letters (Porter changes endings), so a word whose
    // first two letters begin no stem cannot stem to one.
    if (word.empty() || !heads_.test(head_key(word))) return false;
    std::string w = lower(word);
    if (stems_.count(stemmer_(w))) return true;
    // "Meta's" is indexed as "meta's"; its stem may be wanted without the 's.
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) return stems_.count(stemmer_(w.substr(0, w.size() - 2))) > 0;
    return false;
}

std::string SnippetMaker::make(std::string_view text, std::size_t length, const std::string& mark_start,
                               const std::string& mark_end) const {
    // Words, with the stem each matched (distinct stems are counted per window).
    std::vector<Word> words;
    words.reserve(text.size() / 5);
    std::vector<std::string> matched;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_byte(static_cast<unsigned char>(text[i])) || is_punctuation_at(text, i)) {
            ++i;
            continue;
        }
        std::size_t b = i;
        while (i < text.size() && !is_punctuation_at(text, i) &&
               (is_word_byte(static_cast<unsigned char>(text[i])) ||
                ((text[i] == '\'' || text[i] == '.' || text[i] == '&') && i + 1 < text.size() &&
                 is_word_byte(static_cast<unsigned char>(text[i + 1])) && i > b)))
            ++i;
        Word w{b, i, std::string::npos};
        if (!stems_.empty() && matches(text.substr(b, i - b))) {
            std::string key = lower(text.substr(b, i - b));
            auto found = std::find(matched.begin(), matched.end(), key);
            w.stem = static_cast<std::size_t>(found - matched.begin());
            if (found == matched.end()) matched.push_back(key);
        }
        words.push_back(w);
    }
    if (words.empty()) return "";

    // The window of words that holds the most distinct matched words; the earliest
    // such window wins, and starts a few words before its first match for context.
    std::size_t best_first = 0, best_score = 0;
    std::vector<std::size_t> seen(matched.size(), 0);
    for (std::size_t first = 0; first < words.size(); ++first) {
        if (words[first].stem == std::string::npos) continue;
        std::size_t start = first;
        for (int back = 0; back < 4 && start > 0 && words[first].begin - words[start - 1].begin < length / 4; ++back) --start;
        std::size_t score = 0;
        std::fill(seen.begin(), seen.end(), 0);
        for (std::size_t k = start; k < words.size() && words[k].end - words[start].begin <= length; ++k)
            if (words[k].stem != std::string::npos && !seen[words[k].stem]++) ++score;
        if (score > best_score) {
            best_score = score;
            best_first = start;
        }
    }

    std::string out;
    if (best_first > 0) out += "...";
    const std::size_t from = words[best_first].begin;
    std::size_t last = best_first;
    while (last + 1 < words.size() && words[last + 1].end - from <= length) ++last;
    bool open = false;
    std::size_t pos = from;
    for (std::size_t k = best_first; k <= last; ++k) {
        // Text between words, whitespace runs as one space.
        std::string between;
        bool pending_space = false;
        for (char c : text.substr(pos, words[k].begin - pos)) {
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                pending_space = true;
                continue;
            }
            if (pending_space) between += ' ';
            pending_space = false;
            between += c;
        }
        if (pending_space) between += ' ';
        bool hit = words[k].stem != std::string::npos;
        if (open && !(hit && (between == " " || between.empty()))) {
            out += mark_end;
            open = false;
        }
        out += between;
        if (hit && !open) {
            out += mark_start;
            open = true;
        }
        out += text.substr(words[k].begin, words[k].end - words[k].begin);
        pos = words[k].end;
    }
    if (open) out += mark_end;
    if (last + 1 < words.size()) {
        out += "...";
    } else {
        // Keep closing punctuation of the text's last word.
        for (std::size_t i = pos; i < text.size() && out.size() < length + 16; ++i) {
            char c = text[i];
            if (c == '\n') break;
            out += c;
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    return out;
}

}  // namespace ainews
