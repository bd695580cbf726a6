// Entity lists stated by the input (JSON Lines, Markdown front matter). The names are
// kept as given; what the text adds is how central each one is to the article.
#include <algorithm>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

namespace {

// Folded words: ASCII letters and digits, plus any non-ASCII byte (accented letters).
// "James A. Baker's" -> james a baker s; tags like "james-baker" split the same way.
std::vector<std::string> folded_words(const std::string& text) {
    std::vector<std::string> words;
    std::string folded = fold(text);
    std::string current;
    for (char c : folded) {
        auto b = static_cast<unsigned char>(c);
        if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80) {
            current += c;
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

unsigned count_sequence(const std::vector<std::string>& text, const std::vector<std::string>& name) {
    if (name.empty() || text.size() < name.size()) return 0;
    unsigned n = 0;
    for (std::size_t i = 0; i + name.size() <= text.size(); ++i)
        if (std::equal(name.begin(), name.end(), text.begin() + static_cast<std::ptrdiff_t>(i))) ++n;
    return n;
}

}  // namespace

std::vector<EntityCount> given_entities(const std::vector<std::string>& names, const std::string& title,
                                        const std::string& body, bool persons) {
    std::vector<EntityCount> out;
    std::vector<std::string> seen;
    std::vector<std::string> text;
    bool tokenised = false;
    for (const std::string& raw : names) {
        std::string name = collapse_spaces(normalise_text(raw));
        if (name.empty()) continue;
        std::string key = fold(name);
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        if (!tokenised) {
            text = folded_words(title + "\n" + body);
            tokenised = true;
        }
        std::vector<std::string> words = folded_words(name);
        unsigned mentions = count_sequence(text, words);
        // After the first full mention, reporters use the surname alone.
        if (persons && words.size() > 1) mentions = std::max(mentions, count_sequence(text, {words.back()}));
        out.push_back({name, std::max(1u, mentions)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const EntityCount& a, const EntityCount& b) { return a.mentions > b.mentions; });
    return out;
}

}  // namespace ainews
