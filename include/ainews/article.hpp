// One news article as it flows from a reader, through extraction, into the index.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ainews {

// A canonical entity name and how often the article mentions it; the count
// becomes the wdf of the entity term so "most central" ranking works.
struct EntityCount {
    std::string name;
    unsigned mentions = 1;

    bool operator==(const EntityCount& o) const { return name == o.name && mentions == o.mentions; }
};

// Which fields the input itself supplied. Extraction fills only the others:
// explicit metadata always wins over what we guess from the text.
struct Provided {
    bool title = false;
    bool date = false;
    bool authors = false;
    bool companies = false;
    bool persons = false;
};

struct Article {
    std::string id;        // unique within the index (file path relative to its root, or record id)
    std::string source;    // site or collection
    std::string url;
    std::string title;
    std::optional<std::string> date;  // YYYY-MM-DD; nullopt when the article states none
    std::vector<std::string> authors;
    std::string body;      // decoded, NFC-normalised UTF-8 without site chrome
    std::vector<EntityCount> companies;  // canonical names, most mentioned first
    std::vector<EntityCount> persons;
    Provided provided;
    // Title, date or authors the input did not state are still to be read from the
    // body's layout. Readers leave that to complete_layout() (extract.hpp), which
    // EntityExtractor::fill() calls: an article found unchanged by its content hash
    // then costs no layout analysis at all.
    bool layout_pending = false;
    std::string origin;    // "path" or "path:line", for messages
};

}  // namespace ainews
