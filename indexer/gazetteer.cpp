#include "ainews/gazetteer.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "ainews/error.hpp"
#include "common/text.hpp"
#include "indexer/gazetteer_impl.hpp"

namespace ainews {

namespace fs = std::filesystem;

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

const std::vector<GazetteerEntry>& Gazetteer::entries() const { return impl_->entries; }

void Gazetteer::add(GazetteerEntry entry) {
    auto key = std::make_pair(entry.type, entry.canonical);
    auto found = impl_->by_name.find(key);
    if (found != impl_->by_name.end()) {
        impl_->entries[found->second] = std::move(entry);  // --entities overrides the shipped entry
        return;
    }
    impl_->by_name.emplace(key, impl_->entries.size());
    impl_->entries.push_back(std::move(entry));
}

namespace {

std::vector<std::string> split_list(const std::string& column) {
    std::vector<std::string> out;
    for (const std::string& part : split(column, '|')) {
        std::string t = trim(part);
        if (!t.empty()) out.push_back(t);
    }
    return out;
}

}  // namespace

void Gazetteer::load_string(const std::string& text, const std::string& origin) {
    std::istringstream in(text);
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string stripped = trim(line);
        if (stripped.empty() || stripped[0] == '#') continue;
        std::vector<std::string> cols = split(line, '\t');
        auto where = origin + ":" + std::to_string(number) + ": ";
        if (cols.size() < 2)
            throw Error(ErrorCode::Usage, where + "expected type<TAB>canonical<TAB>aliases<TAB>ambiguous<TAB>note");
        for (std::size_t extra = 5; extra < cols.size(); ++extra)
            if (!trim(cols[extra]).empty())
                throw Error(ErrorCode::Usage, where + "more than 5 columns (a tab too many?)");
        GazetteerEntry e;
        std::string type = trim(cols[0]);
        if (type == "company")
            e.type = EntityType::Company;
        else if (type == "person")
            e.type = EntityType::Person;
        else
            throw Error(ErrorCode::Usage, where + "type must be 'company' or 'person', not '" + type + "'");
        e.canonical = trim(cols[1]);
        if (e.canonical.empty()) throw Error(ErrorCode::Usage, where + "empty canonical name");
        if (!is_valid_utf8(line)) throw Error(ErrorCode::Usage, where + "not valid UTF-8");
        if (cols.size() > 2) e.aliases = split_list(cols[2]);
        if (cols.size() > 3) e.ambiguous = split_list(cols[3]);
        if (cols.size() > 4) e.note = trim(cols[4]);
        for (const std::string& form : e.ambiguous) {
            if (form != e.canonical && std::find(e.aliases.begin(), e.aliases.end(), form) == e.aliases.end())
                throw Error(ErrorCode::Usage,
                            where + "ambiguous form '" + form + "' is neither the canonical name nor an alias");
        }
        add(std::move(e));
    }
}

void Gazetteer::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::Io, path + ": cannot read entity file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    load_string(buffer.str(), path);
}

bool Gazetteer::is_given_name(const std::string& word) const { return impl_->given_names.count(word) > 0; }
void Gazetteer::add_given_name(const std::string& word) { impl_->given_names.insert(word); }
std::size_t Gazetteer::given_name_count() const { return impl_->given_names.size(); }
void Gazetteer::add_word_name(const std::string& word) { impl_->word_names.push_back(word); }
const std::vector<std::string>& Gazetteer::word_names() const { return impl_->word_names; }
void Gazetteer::add_non_name(const std::string& phrase) { impl_->non_names.push_back(phrase); }
const std::vector<std::string>& Gazetteer::non_names() const { return impl_->non_names; }

namespace {

// Non-empty, non-comment lines of a word list; a missing file gives nothing.
std::vector<std::string> read_list(const fs::path& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::string item = trim(line);
        if (!item.empty() && item[0] != '#') out.push_back(item);
    }
    return out;
}

}  // namespace

void Gazetteer::load_word_lists(const std::string& directory) {
    fs::path dir(directory);
    for (const std::string& name : read_list(dir / "given_names.txt")) add_given_name(name);
    for (const std::string& name : read_list(dir / "word_names.txt")) add_word_name(name);
    for (const std::string& phrase : read_list(dir / "non_names.txt")) add_non_name(phrase);
}

std::string Gazetteer::fingerprint() const {
    std::uint64_t h = stable_hash("gazetteer-1");
    for (const GazetteerEntry& e : impl_->entries) {
        h = stable_hash(e.type == EntityType::Company ? "\nC" : "\nP", h);
        h = stable_hash(e.canonical, h);
        for (const auto& a : e.aliases) h = stable_hash("|" + a, h);
        for (const auto& a : e.ambiguous) h = stable_hash("?" + a, h);
    }
    std::vector<std::string> given(impl_->given_names.begin(), impl_->given_names.end());
    std::sort(given.begin(), given.end());
    for (const auto& g : given) h = stable_hash("\ng" + g, h);
    for (const auto& w : impl_->word_names) h = stable_hash("\nw" + w, h);
    for (const auto& n : impl_->non_names) h = stable_hash("\nn" + n, h);
    return hex64(h);
}

std::string Gazetteer::default_directory() {
    if (const char* env = std::getenv("AINEWS_ENTITIES_DIR"); env && *env) return env;
    std::error_code ec;
    if (fs::is_directory(AINEWS_SOURCE_ENTITIES_DIR, ec)) return AINEWS_SOURCE_ENTITIES_DIR;
    return AINEWS_INSTALL_ENTITIES_DIR;
}

Gazetteer Gazetteer::load_default() {
    Gazetteer g;
    std::string dir = default_directory();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(ErrorCode::Io, "entity data folder " + dir + " not found (set AINEWS_ENTITIES_DIR)");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".tsv") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) g.load_file(f.string());
    g.load_word_lists(dir);
    return g;
}

}  // namespace ainews
