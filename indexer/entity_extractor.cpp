// Gazetteer matching over a token trie plus rules for people the gazetteer does not
// know. The rules for ambiguous names are documented in data/entities/README.md.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "ainews/extract.hpp"
#include "common/text.hpp"
#include "indexer/gazetteer_impl.hpp"
#include "indexer/tokens.hpp"

namespace ainews {

namespace {

struct Form {
    std::uint32_t entry;
    bool ambiguous;
};

struct TrieNode {
    std::unordered_map<std::string_view, std::uint32_t> next;
    std::vector<Form> forms;
};

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Words near an ambiguous company name that show it is the company being talked about.
const std::unordered_set<std::string>& company_cues() {
    static const std::unordered_set<std::string> cues{
        "ai",         "startup",   "startups",  "company",    "companies", "ceo",         "cto",        "founder",
        "founders",   "cofounder", "co",        "model",      "models",    "funding",     "raised",     "raises",
        "valuation",  "valued",    "inc",       "corp",       "ltd",       "llc",         "labs",       "lab",
        "shares",     "stock",     "investors", "investor",   "chatbot",   "llm",         "llms",       "platform",
        "acquired",   "acquires",  "acquisition", "partnership", "partnered", "billion", "million",    "rival",
        "rivals",     "firm",      "unicorn",   "launched",   "announced", "employees",   "customers",  "revenue",
        "openai",     "anthropic", "google",    "microsoft",  "nvidia",    "meta",        "backed",     "deal",
        "software",   "tech",      "chips",     "chip",       "cloud",     "api",         "generative", "agent",
        "agents",     "french",    "chinese",   "german",     "british",   "nasdaq",      "nyse",       "ipo",
        "spokesperson", "executive", "executives", "competitors", "competitor", "subsidiary", "series", "round"};
    return cues;
}

// Capitalised words that start sentences or headings and are never a surname.
const std::unordered_set<std::string>& non_surnames() {
    static const std::unordered_set<std::string> words{
        "The",   "A",    "An",   "And",  "Or",     "But",   "In",     "On",     "At",       "To",      "For",
        "Of",    "By",   "With", "From", "As",     "Is",    "Was",    "Are",    "Were",     "Has",     "Had",
        "Will",  "Would", "Can", "Could", "Should", "May",  "Might",  "This",   "That",     "These",   "Those",
        "It",    "He",   "She",  "They", "We",     "I",     "You",    "His",    "Her",      "Their",   "Our",
        "Said",  "Says", "Told", "Who",  "What",   "When",  "Where",  "Why",    "How",      "If",      "Not",
        "AI",    "CEO",  "CTO",  "CFO",  "Inc",    "Corp",  "Ltd",    "LLC",    "Group",    "News",    "Daily",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
        "March", "April", "June", "July", "August", "September", "October", "November", "December", "University",
        "Institute", "Foundation", "Street", "Avenue", "Road", "Capital", "Ventures", "Partners", "Technologies",
        "Systems", "Labs", "Lab", "Times", "Post", "Journal", "Review", "Bank", "Fund", "Award", "Prize", "City",
        "County", "State", "Valley", "House", "Senate", "Court", "Act", "Bill", "Center", "Centre", "School",
        "College", "Club", "Council", "Committee", "Department", "Ministry", "Agency", "Office", "Project",
        "Program", "Series", "Model", "Team", "Global", "International", "Research", "Health", "Media"};
    return words;
}

bool plausible_surname(const Token& t) {
    if (!t.capitalised || t.text.size() < 2) return false;
    if (non_surnames().count(std::string(t.text))) return false;
    // All-capitals words are acronyms (NASA, GPT), not surnames; digits never are.
    bool has_lower = false;
    for (char c : t.text) {
        if (c >= '0' && c <= '9') return false;
        if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) has_lower = true;
    }
    return has_lower;
}

struct Mention {
    std::uint32_t entry;
    bool ambiguous;
    std::size_t token;
};

}  // namespace

struct EntityExtractor::Impl {
    std::vector<GazetteerEntry> entries;
    std::vector<TrieNode> nodes;
    std::deque<std::string> keys;  // stable storage for the trie's string_view keys
    std::unordered_set<std::string> given_names;

    std::uint32_t child(std::uint32_t node, std::string_view key) {
        auto it = nodes[node].next.find(key);
        if (it != nodes[node].next.end()) return it->second;
        keys.emplace_back(key);
        auto id = static_cast<std::uint32_t>(nodes.size());
        nodes.emplace_back();
        nodes[node].next.emplace(keys.back(), id);
        return id;
    }

    void insert_form(const std::string& form, std::uint32_t entry, bool ambiguous) {
        std::vector<Token> tokens = tokenize_words(form);
        if (tokens.empty()) return;
        std::uint32_t node = 0;
        for (const Token& t : tokens) node = child(node, t.text);
        for (const Form& f : nodes[node].forms)
            if (f.entry == entry) return;
        nodes[node].forms.push_back({entry, ambiguous});
    }

    void build(const Gazetteer& g) {
        entries = g.entries();
        given_names = g.impl_->given_names;
        nodes.emplace_back();
        for (std::uint32_t i = 0; i < entries.size(); ++i) {
            const GazetteerEntry& e = entries[i];
            std::vector<std::string> forms{e.canonical};
            forms.insert(forms.end(), e.aliases.begin(), e.aliases.end());
            for (const std::string& form : forms) {
                bool ambiguous = std::find(e.ambiguous.begin(), e.ambiguous.end(), form) != e.ambiguous.end();
                insert_form(form, i, ambiguous);
                // Headlines in capitals ("OPENAI RAISES ...") still name the company.
                std::string upper = ascii_upper(form);
                if (upper != form) insert_form(upper, i, ambiguous);
            }
        }
    }

    // Longest gazetteer match starting at token i: returns tokens consumed (0 if none).
    std::size_t match_at(const std::vector<Token>& tokens, std::size_t i, const std::vector<Form>** forms) const {
        std::uint32_t node = 0;
        std::size_t best = 0;
        for (std::size_t j = i; j < tokens.size(); ++j) {
            auto it = nodes[node].next.find(tokens[j].text);
            if (it == nodes[node].next.end()) break;
            node = it->second;
            if (!nodes[node].forms.empty() && !tokens[j].hyphen_after) {
                best = j - i + 1;
                *forms = &nodes[node].forms;
            }
            if (tokens[j].hyphen_after) break;
        }
        return best;
    }

    bool has_company_cue(const std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                         std::size_t last) const {
        constexpr std::size_t kWindow = 6;
        std::size_t from = first >= kWindow ? first - kWindow : 0;
        std::size_t to = std::min(tokens.size(), last + 1 + kWindow);
        (void)text;
        for (std::size_t k = from; k < to; ++k) {
            if (k >= first && k <= last) continue;
            if (company_cues().count(fold(tokens[k].text))) return true;
        }
        return false;
    }

    Result extract(const std::string& title, const std::string& body) const {
        std::string text = title;
        text += "\n\n";
        text += body;
        std::vector<Token> tokens = tokenize_words(text);

        std::vector<Mention> mentions;
        std::vector<bool> taken(tokens.size(), false);
        for (std::size_t i = 0; i < tokens.size();) {
            const std::vector<Form>* forms = nullptr;
            std::size_t n = match_at(tokens, i, &forms);
            if (!n) {
                ++i;
                continue;
            }
            for (const Form& f : *forms) mentions.push_back({f.entry, f.ambiguous, i});
            for (std::size_t k = i; k < i + n; ++k) taken[k] = true;
            i += n;
        }

        // Evidence for ambiguous forms: an unambiguous mention of the same entity,
        // or (companies) business context around the mention.
        std::unordered_set<std::uint32_t> certain;
        for (const Mention& m : mentions)
            if (!m.ambiguous) certain.insert(m.entry);
        std::map<std::uint32_t, unsigned> counts;
        std::map<std::uint32_t, std::size_t> first_seen;
        for (const Mention& m : mentions) {
            bool accept = !m.ambiguous || certain.count(m.entry);
            if (!accept && entries[m.entry].type == EntityType::Company)
                accept = has_company_cue(text, tokens, m.token, m.token);
            if (!accept) continue;
            ++counts[m.entry];
            first_seen.emplace(m.entry, m.token);
        }

        Result result;
        std::vector<std::pair<std::uint32_t, unsigned>> found(counts.begin(), counts.end());
        std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
            if (a.second != b.second) return a.second > b.second;
            return first_seen.at(a.first) < first_seen.at(b.first);
        });
        std::unordered_set<std::string> known_persons;
        for (const auto& [entry, count] : found) {
            const GazetteerEntry& e = entries[entry];
            if (e.type == EntityType::Company)
                result.companies.push_back({e.canonical, count});
            else {
                result.persons.push_back({e.canonical, count});
                known_persons.insert(e.canonical);
            }
        }
        find_unlisted_persons(text, tokens, taken, known_persons, result.persons);
        return result;
    }

    // People the gazetteer does not list: "Firstname Lastname" with a known given
    // name; later surname-only mentions count for the same person.
    void find_unlisted_persons(const std::string& text, const std::vector<Token>& tokens, std::vector<bool>& taken,
                               const std::unordered_set<std::string>& known, std::vector<EntityCount>& persons) const {
        std::map<std::string, std::size_t> index;  // canonical -> position in `found`
        std::vector<std::pair<EntityCount, std::size_t>> found;
        std::unordered_map<std::string, std::string> by_surname;
        for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
            const Token& first = tokens[i];
            const Token& last = tokens[i + 1];
            if (taken[i] || taken[i + 1] || !first.capitalised || first.hyphen_after) continue;
            if (!given_names.count(std::string(first.text))) continue;
            if (!adjacent(text, first, last) || !plausible_surname(last) || last.hyphen_after) continue;
            std::string name = std::string(first.text) + " " + std::string(last.text);
            std::size_t consumed = 2;
            // A third capitalised word joined by a single space continues the name
            // ("Mary Ann Smith"), unless it starts the next sentence.
            if (i + 2 < tokens.size() && !taken[i + 2] && adjacent(text, last, tokens[i + 2]) &&
                plausible_surname(tokens[i + 2]) && given_names.count(std::string(last.text))) {
                name += " " + std::string(tokens[i + 2].text);
                consumed = 3;
            }
            if (known.count(name)) continue;
            auto it = index.find(name);
            if (it == index.end()) {
                index.emplace(name, found.size());
                found.push_back({{name, 1}, i});
            } else {
                ++found[it->second].first.mentions;
            }
            by_surname.emplace(std::string(tokens[i + consumed - 1].text), name);
            for (std::size_t k = i; k < i + consumed; ++k) taken[k] = true;
            i += consumed - 1;
        }
        if (found.empty()) return;
        // Surname alone after the full name: "Amodei said" after "Dario Amodei".
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (taken[i] || !tokens[i].capitalised) continue;
            auto s = by_surname.find(std::string(tokens[i].text));
            if (s == by_surname.end()) continue;
            std::size_t at = index.at(s->second);
            if (i > found[at].second) ++found[at].first.mentions;
        }
        std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return a.first.mentions > b.first.mentions;
        });
        for (auto& f : found) persons.push_back(std::move(f.first));
        std::stable_sort(persons.begin(), persons.end(),
                         [](const EntityCount& a, const EntityCount& b) { return a.mentions > b.mentions; });
    }
};

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer) : impl_(std::make_unique<Impl>()) {
    impl_->build(gazetteer);
}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;

EntityExtractor::Result EntityExtractor::extract(const std::string& title, const std::string& body) const {
    return impl_->extract(title, body);
}

void EntityExtractor::fill(Article& article) const {
    if (article.provided.companies && article.provided.persons) return;
    Result r = extract(article.title, article.body);
    if (!article.provided.companies) article.companies = std::move(r.companies);
    if (!article.provided.persons) article.persons = std::move(r.persons);
}

}  // namespace ainews
