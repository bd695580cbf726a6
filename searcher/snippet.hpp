// Snippets: the passage of an article that holds the most query words, with those
// words marked. Written here rather than using Xapian's MSet::snippet, which took
// half of a search's time and marks nothing inside phrases of stemmed terms.
#pragma once

#include <xapian.h>

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ainews {

class SnippetMaker {
public:
    // Words match when their English stem is one of the query's stemmed free-text
    // terms (Z-prefixed, title terms included).
    SnippetMaker(const Xapian::Query& query, const Xapian::Stem& stemmer);

    bool has_terms() const { return !stems_.empty(); }

    // At most about `length` bytes of `text`, cut at word boundaries, "..." where
    // text was left out, matched words between `mark_start` and `mark_end` (adjacent
    // marked words share one pair of marks). Whitespace is collapsed.
    std::string make(std::string_view text, std::size_t length, const std::string& mark_start,
                     const std::string& mark_end) const;

private:
    bool matches(std::string_view word) const;

    Xapian::Stem stemmer_;
    std::unordered_set<std::string> stems_;
    // The first two bytes of each stem, lower-cased: most words are ruled out by one
    // bit test, without copying or stemming them.
    std::bitset<1u << 16> heads_;
};

}  // namespace ainews
