// Metadata and entity extraction: from raw article text to a filled Article.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ainews/article.hpp"
#include "ainews/gazetteer.hpp"

namespace ainews {

// What the layout of a plain-text article tells: the headline (not the ad banner or
// navigation above it), the stated publication date, bylines and author boxes, and
// the body without site chrome (sidebars, share buttons, bio boxes).
struct TextLayout {
    std::string title;
    std::optional<std::string> date;  // YYYY-MM-DD
    std::vector<std::string> authors;
    std::string body;
};

TextLayout analyse_text_layout(const std::string& text);

// For an article with layout_pending: fills the title, date and authors the input
// did not provide from analyse_text_layout(body), and clears the flag.
void complete_layout(Article& article);

// Finds companies and persons in an article's title and body. Built once per
// gazetteer (the matcher is a token trie), then used from any number of threads.
class EntityExtractor {
public:
    explicit EntityExtractor(const Gazetteer& gazetteer);
    ~EntityExtractor();
    EntityExtractor(EntityExtractor&&) noexcept;

    // Where one accepted mention is: `entity` indexes `companies` or `persons` (by
    // `type`); offsets are bytes into the title, or into the body when !in_title.
    struct Mention {
        EntityType type = EntityType::Company;
        std::size_t entity = 0;
        bool in_title = false;
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    struct Result {
        std::vector<EntityCount> companies;  // most mentioned first
        std::vector<EntityCount> persons;
        std::vector<Mention> mentions;       // in text order
    };
    Result extract(const std::string& title, const std::string& body) const;

    // Fills whatever the input did not provide (layout fields are the readers' job).
    void fill(Article& article) const;

    // Changes whenever extraction could give other results: the rules' version and
    // the gazetteer's data. An index stores it to know when to re-extract.
    std::string fingerprint() const;
    // The same, without building an extractor: what fingerprint() would return for
    // this gazetteer (the indexer checks it before deciding to extract anything).
    static std::string fingerprint_for(const Gazetteer& gazetteer);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ainews
