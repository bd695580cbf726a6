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

// Finds companies and persons in an article's title and body. Built once per
// gazetteer (the matcher is a token trie), then used from any number of threads.
class EntityExtractor {
public:
    explicit EntityExtractor(const Gazetteer& gazetteer);
    ~EntityExtractor();
    EntityExtractor(EntityExtractor&&) noexcept;

    struct Result {
        std::vector<EntityCount> companies;  // most mentioned first
        std::vector<EntityCount> persons;
    };
    Result extract(const std::string& title, const std::string& body) const;

    // Fills whatever the input did not provide (layout fields are the readers' job).
    void fill(Article& article) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ainews
