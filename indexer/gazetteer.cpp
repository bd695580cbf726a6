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
    std::ifstream names(fs::path(dir) / "given_names.txt");
    std::string line;
    while (std::getline(names, line)) {
        std::string name = trim(line);
        if (!name.empty() && name[0] != '#') g.add_given_name(name);
    }
    return g;
}

}  // namespace ainews
