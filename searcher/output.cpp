#include "ainews/output.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace ainews {

namespace {

using json = nlohmann::ordered_json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::vector<std::string> names(const std::vector<EntityCount>& v) {
    std::vector<std::string> out;
    for (const auto& e : v) out.push_back(e.name);
    return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

std::string article_to_json(const Article& a) {
    json j;
    j["id"] = a.id;
    j["source"] = a.source;
    j["title"] = a.title;
    j["date"] = a.date ? json(*a.date) : json(nullptr);
    j["authors"] = a.authors;
    j["companies"] = names(a.companies);
    j["persons"] = names(a.persons);
    return dump(j);
}

std::string summary_to_json(const IndexSummary& s) {
    json j;
    j["added"] = s.added;
    j["updated"] = s.updated;
    j["unchanged"] = s.unchanged;
    j["deleted"] = s.deleted;
    j["skipped"] = s.skipped;
    j["converted"] = s.converted;
    j["documents"] = s.documents;
    return dump(j);
}

std::string summary_to_text(const IndexSummary& s) {
    std::ostringstream out;
    out << "added " << s.added << ", updated " << s.updated << ", unchanged " << s.unchanged << ", deleted "
        << s.deleted << ", skipped " << s.skipped;
    if (s.converted) out << ", converted " << s.converted;
    out << " (" << s.documents << " articles in the index)";
    return out.str();
}

std::string results_to_json(const SearchResults& r) {
    json j;
    j["total"] = r.total;
    j["results"] = json::array();
    for (const Hit& h : r.hits) {
        json hit;
        hit["id"] = h.id;
        hit["title"] = h.title;
        hit["date"] = h.date ? json(*h.date) : json(nullptr);
        hit["source"] = h.source;
        hit["url"] = h.url;
        hit["authors"] = h.authors;
        hit["companies"] = h.companies;
        hit["persons"] = h.persons;
        hit["score"] = h.score;
        hit["snippet"] = h.snippet;
        j["results"].push_back(hit);
    }
    j["facets"] = json::object();
    for (const auto& [name, values] : r.facets) {
        json list = json::array();
        for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
        j["facets"][name] = list;
    }
    return dump(j);
}

std::string results_to_text(const SearchResults& r) {
    std::ostringstream out;
    if (r.hits.empty()) {
        out << (r.total ? "no results on this page" : "no matching articles") << " (" << r.total << " in all)\n";
    } else {
        out << "results " << r.hits.front().rank << "-" << r.hits.back().rank << " of " << r.total << "\n";
    }
    for (const Hit& h : r.hits) {
        out << "\n" << h.rank << ". " << (h.date ? *h.date : std::string("----------")) << "  " << h.title << "\n";
        if (!h.companies.empty()) out << "   companies: " << join(h.companies, ", ") << "\n";
        if (!h.persons.empty()) out << "   persons: " << join(h.persons, ", ") << "\n";
        if (!h.snippet.empty()) out << "   " << h.snippet << "\n";
        out << "   [" << h.id << (h.source.empty() ? "" : " | " + h.source) << "]\n";
    }
    for (const auto& [name, values] : r.facets) {
        out << "\n" << name << ":\n";
        if (values.empty()) out << "  (none)\n";
        for (const FacetValue& v : values) out << "  " << v.count << "  " << v.value << "\n";
    }
    return out.str();
}

}  // namespace ainews
