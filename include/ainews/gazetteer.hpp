// Known companies and people with their aliases, loaded from tab-separated files
// (format documented in data/entities/README.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace ainews {

enum class EntityType { Company, Person };

struct GazetteerEntry {
    EntityType type = EntityType::Company;
    std::string canonical;
    std::vector<std::string> aliases;    // surface forms besides the canonical name
    std::vector<std::string> ambiguous;  // forms that count only with evidence in the article
    std::string note;
};

class Gazetteer {
public:
    Gazetteer();
    ~Gazetteer();
    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;

    // Adds or overrides entries from a file; a later entry with the same type and
    // canonical name replaces the earlier one. Malformed lines throw ainews::Error
    // naming path:line.
    void load_file(const std::string& path);
    void load_string(const std::string& text, const std::string& origin);
    void add(GazetteerEntry entry);

    // The gazetteer shipped with the project: AINEWS_ENTITIES_DIR if set, else the
    // source tree's data/entities when running from a build tree, else the installed
    // share/ainews/entities.
    static Gazetteer load_default();
    static std::string default_directory();

    const std::vector<GazetteerEntry>& entries() const;
    // Given names used to find people the gazetteer does not list ("Firstname Lastname").
    bool is_given_name(const std::string& word) const;
    void add_given_name(const std::string& word);
    std::size_t given_name_count() const;

    // Given names that are also ordinary words ("Will", "Mark", "Grant"): in headlines
    // written in title case they start a person only with more evidence.
    void add_word_name(const std::string& word);
    const std::vector<std::string>& word_names() const;

    // Capitalised phrases that are never people (places such as "Santa Clara", product
    // names such as "Claude Code"), and single words that never belong to a person's
    // name and end one ("Street", "Valley").
    void add_non_name(const std::string& phrase);
    const std::vector<std::string>& non_names() const;

    // Loads the word lists of a data folder: given_names.txt, word_names.txt and
    // non_names.txt (one entry per line, # comments); missing files are skipped.
    void load_word_lists(const std::string& directory);

    // Changes whenever the data would make extraction give other results.
    std::string fingerprint() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend class EntityExtractor;
};

}  // namespace ainews
