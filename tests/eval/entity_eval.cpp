// How the extractor is scored. Everything is compared as sets of (document, name):
// a name counts once per document however often it is mentioned.
//
// Names are compared in a normal form: ASCII letters lower-cased, every character
// that is not a letter or digit (ASCII or not) turned into a space, spaces collapsed
// ("O'Brien" -> "o brien", "Character.AI" -> "character ai").
//
// CoNLL-2003 (IOB1; a span starts at B-X or at I-X after another tag). Each
// document's text is its tokens joined by single spaces, sentences by newlines; the
// extractor sees it as a body with an empty title.
//  - person: gold = the distinct PER span strings of the document. A predicted
//    person matches a gold name when the normal forms are equal, or when the gold
//    name is a whole-word suffix of the prediction (the article says "Akram" after
//    "Wasim Akram": the extractor links the surname to the full name and reports
//    one person). Precision = predictions matching some gold name / predictions;
//    recall = gold names matched by some prediction / gold names.
//  - company: precision only. A predicted company is correct when one of its
//    mentions overlaps a gold ORG span (token offsets). ORG also covers teams,
//    parties and agencies, so recall against it means nothing and is not reported.
// Tech news (labels in tests/data/tech_news_entity_labels.tsv, text = title + body):
//  - gold names are mapped to the gazetteer's canonical name when they equal a
//    canonical name or alias of exactly one entry of that type (labels use canonical
//    names, but the gazetteer may spell one differently, "Alibaba" / "Alibaba Group").
//  - company: normal forms equal. person: the same rule as CoNLL.
#include "tests/eval/entity_eval.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace ainews::eval {

double Score::precision() const { return predicted ? double(predicted_correct) / double(predicted) : 1.0; }
double Score::recall() const { return gold ? double(gold_found) / double(gold) : 1.0; }
double Score::f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

std::string normalise_name(const std::string& name) {
    std::string out;
    bool space = true;
    for (unsigned char c : name) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<unsigned char>(c - 'A' + 'a');
            keep = true;
        }
        if (keep) {
            out += static_cast<char>(c);
            space = false;
        } else if (!space) {
            out += ' ';
            space = true;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool person_matches(const std::string& predicted, const std::string& gold) {
    if (predicted == gold) return true;
    return gold.size() < predicted.size() && predicted.compare(predicted.size() - gold.size(), gold.size(), gold) == 0 &&
           predicted[predicted.size() - gold.size() - 1] == ' ';
}

namespace {

// Normal form of every canonical name and alias -> canonical, per type; forms shared
// by two entries map to nothing.
class AliasMap {
public:
    AliasMap(const Gazetteer& g, EntityType type) {
        std::map<std::string, std::set<std::string>> all;
        for (const GazetteerEntry& e : g.entries()) {
            if (e.type != type) continue;
            all[normalise_name(e.canonical)].insert(e.canonical);
            for (const std::string& a : e.aliases) all[normalise_name(a)].insert(e.canonical);
        }
        for (auto& [form, names] : all)
            if (names.size() == 1) map_.emplace(form, *names.begin());
    }
    std::string canonical(const std::string& name) const {
        auto it = map_.find(normalise_name(name));
        return normalise_name(it == map_.end() ? name : it->second);
    }

private:
    std::unordered_map<std::string, std::string> map_;
};

// Scores one document's sets; `match` says whether a prediction matches a gold name.
template <typename Match>
void score_sets(const std::set<std::string>& predicted, const std::set<std::string>& gold, Score& s, Match match,
                const std::string& where, const char* type, std::ostream* errors) {
    s.predicted += predicted.size();
    s.gold += gold.size();
    for (const std::string& p : predicted) {
        bool ok = std::any_of(gold.begin(), gold.end(), [&](const std::string& g) { return match(p, g); });
        if (ok)
            ++s.predicted_correct;
        else if (errors)
            *errors << where << "\tFP " << type << "\t" << p << "\n";
    }
    for (const std::string& g : gold) {
        bool ok = std::any_of(predicted.begin(), predicted.end(), [&](const std::string& p) { return match(p, g); });
        if (ok)
            ++s.gold_found;
        else if (errors)
            *errors << where << "\tFN " << type << "\t" << g << "\n";
    }
}

struct ConllDoc {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> token_spans;  // byte offsets
    std::vector<std::string> tags;                                 // entity type per token ("" for O)
    std::vector<std::pair<std::string, std::string>> entities;     // (type, text)
};

std::vector<ConllDoc> read_conll(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::vector<ConllDoc> docs;
    std::string line;
    std::string open_type;      // type of the span being built, "" if none
    bool sentence_open = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            open_type.clear();
            sentence_open = false;
            continue;
        }
        std::istringstream cols(line);
        std::string token, pos, chunk, tag;
        cols >> token >> pos >> chunk >> tag;
        if (token == "-DOCSTART-") {
            docs.emplace_back();
            open_type.clear();
            sentence_open = false;
            continue;
        }
        if (docs.empty()) docs.emplace_back();
        ConllDoc& d = docs.back();
        if (!d.text.empty()) d.text += sentence_open ? ' ' : '\n';
        sentence_open = true;
        std::size_t begin = d.text.size();
        d.text += token;
        d.token_spans.emplace_back(begin, d.text.size());
        std::string type = tag.size() > 2 ? tag.substr(2) : "";
        d.tags.push_back(type);
        if (type.empty()) {
            open_type.clear();
        } else if (tag[0] == 'B' || type != open_type) {
            d.entities.emplace_back(type, token);
            open_type = type;
        } else {
            d.entities.back().second += " " + token;
        }
    }
    return docs;
}

}  // namespace

std::vector<Row> evaluate_conll(const EntityExtractor& extractor, const Gazetteer& gazetteer, const std::string& path,
                                const Options& options) {
    std::vector<ConllDoc> docs = read_conll(path);
    AliasMap persons_map(gazetteer, EntityType::Person);
    Row per{"CoNLL-2003 dev", "person", docs.size(), {}};
    Row org{"CoNLL-2003 dev", "company (vs ORG)", docs.size(), {}};
    org.score.has_recall = false;
    for (std::size_t n = 0; n < docs.size(); ++n) {
        const ConllDoc& d = docs[n];
        EntityExtractor::Result r = extractor.extract("", d.text);
        std::string where = "conll#" + std::to_string(n + 1);

        std::set<std::string> gold, predicted;
        for (const auto& [type, text] : d.entities)
            if (type == "PER") gold.insert(persons_map.canonical(text));
        for (const EntityCount& p : r.persons) predicted.insert(normalise_name(p.name));
        score_sets(predicted, gold, per.score, person_matches, where, "person", options.errors);

        // Companies: correct when a mention overlaps an ORG token.
        std::vector<bool> correct(r.companies.size(), false);
        for (const EntityExtractor::Mention& m : r.mentions) {
            if (m.type != EntityType::Company || m.in_title) continue;
            for (std::size_t t = 0; t < d.token_spans.size(); ++t) {
                if (d.token_spans[t].second <= m.begin || d.token_spans[t].first >= m.end) continue;
                if (d.tags[t] == "ORG") correct[m.entity] = true;
            }
        }
        for (std::size_t c = 0; c < r.companies.size(); ++c) {
            ++org.score.predicted;
            if (correct[c])
                ++org.score.predicted_correct;
            else if (options.errors)
                *options.errors << where << "\tFP company\t" << r.companies[c].name << "\n";
        }
    }
    return {per, org};
}

std::vector<Row> evaluate_tech_news(const EntityExtractor& extractor, const Gazetteer& gazetteer,
                                    const std::string& jsonl_path, const std::string& labels_path,
                                    const Options& options) {
    struct Labels {
        std::set<std::string> companies, persons;
        bool seen = false;
    };
    AliasMap companies_map(gazetteer, EntityType::Company), persons_map(gazetteer, EntityType::Person);
    std::map<std::string, Labels> labels;
    std::vector<std::string> order;
    {
        std::ifstream in(labels_path);
        if (!in) throw std::runtime_error(labels_path + ": cannot read");
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line[0] == '#') continue;
            std::vector<std::string> cols;
            std::size_t start = 0;
            for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
                cols.push_back(line.substr(start, tab - start));
            cols.push_back(line.substr(start));
            cols.resize(3);
            Labels& l = labels[cols[0]];
            order.push_back(cols[0]);
            auto add = [](const std::string& list, std::set<std::string>& out, const AliasMap& map) {
                std::size_t s = 0;
                while (s <= list.size()) {
                    std::size_t bar = list.find('|', s);
                    if (bar == std::string::npos) bar = list.size();
                    std::string name = list.substr(s, bar - s);
                    if (!name.empty()) out.insert(map.canonical(name));
                    s = bar + 1;
                }
            };
            add(cols[1], l.companies, companies_map);
            add(cols[2], l.persons, persons_map);
        }
    }
    Row co{"tech news", "company", 0, {}};
    Row pe{"tech news", "person", 0, {}};
    std::ifstream in(jsonl_path);
    if (!in) throw std::runtime_error(jsonl_path + ": cannot read");
    std::string line;
    auto exact = [](const std::string& p, const std::string& g) { return p == g; };
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        nlohmann::json j = nlohmann::json::parse(line);
        std::string id = j.value("id", "");
        auto it = labels.find(id);
        if (it == labels.end()) continue;
        it->second.seen = true;
        EntityExtractor::Result r = extractor.extract(j.value("title", ""), j.value("body", ""));
        std::set<std::string> companies, persons;
        for (const EntityCount& c : r.companies) companies.insert(normalise_name(c.name));
        for (const EntityCount& p : r.persons) persons.insert(normalise_name(p.name));
        score_sets(companies, it->second.companies, co.score, exact, id, "company", options.errors);
        score_sets(persons, it->second.persons, pe.score, person_matches, id, "person", options.errors);
        ++co.documents;
        ++pe.documents;
    }
    for (const std::string& id : order)
        if (!labels[id].seen) throw std::runtime_error(labels_path + ": id " + id + " not found in " + jsonl_path);
    return {pe, co};
}

std::string format_table(const std::vector<Row>& rows) {
    std::ostringstream out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-16s %-17s %5s %6s %6s %6s %8s %7s %7s %7s\n", "dataset", "type", "docs",
                  "gold", "found", "pred", "correct", "P", "R", "F1");
    out << buf;
    for (const Row& r : rows) {
        const Score& s = r.score;
        if (s.has_recall)
            std::snprintf(buf, sizeof buf, "%-16s %-17s %5zu %6zu %6zu %6zu %8zu %7.3f %7.3f %7.3f\n",
                          r.dataset.c_str(), r.type.c_str(), r.documents, s.gold, s.gold_found, s.predicted,
                          s.predicted_correct, s.precision(), s.recall(), s.f1());
        else
            std::snprintf(buf, sizeof buf, "%-16s %-17s %5zu %6s %6s %6zu %8zu %7.3f %7s %7s\n", r.dataset.c_str(),
                          r.type.c_str(), r.documents, "-", "-", s.predicted, s.predicted_correct, s.precision(), "-",
                          "-");
        out << buf;
    }
    return out.str();
}

}  // namespace ainews::eval
