// The benchmark query set straight through Xapian, on the database scriptindex builds
// with bench/ainews.script (same prefixes and value slots as ainews): the "same engine,
// no library" baseline. Per request it does what ainews::Searcher does: QueryParser
// (english, STEM_SOME, default OR), boolean filters for companies/persons, a value
// range on the date slot, relevance or newest-first order, an exact total, each hit's
// stored fields and a snippet, and facets counted by a MatchSpy over the whole match.
#include <xapian.h>

#include <cstdio>
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "query_set.hpp"

namespace {

constexpr Xapian::valueno kDateSlot = 0, kCompanySlot = 1, kPersonSlot = 2;

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string compact_date(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-') out += c;
    return out;
}

// Counts facet values over every matching document (the whole match is visited
// because get_mset is asked to check at least the collection size).
class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(std::vector<std::string> facets) : facets_(std::move(facets)), counts_(facets_.size()) {}
    void operator()(const Xapian::Document& doc, double) override {
        for (std::size_t i = 0; i < facets_.size(); ++i) {
            const auto& f = facets_[i];
            if (f == "month") {
                std::string d = doc.get_value(kDateSlot);
                if (d.size() >= 6) ++counts_[i][d.substr(0, 6)];
            } else {
                std::string v = doc.get_value(f == "company" ? kCompanySlot : kPersonSlot);
                std::size_t start = 0;
                while (start < v.size()) {
                    std::size_t nl = v.find('\n', start);
                    if (nl == std::string::npos) nl = v.size();
                    if (nl > start) ++counts_[i][v.substr(start, nl - start)];
                    start = nl + 1;
                }
            }
        }
    }
    std::vector<std::size_t> sums() const {
        std::vector<std::size_t> out;
        for (const auto& m : counts_) {
            // Sorted like a facet list would be, then summed for the comparison dump.
            std::vector<std::pair<std::size_t, std::string>> v;
            for (const auto& kv : m) v.emplace_back(kv.second, kv.first);
            std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
            std::size_t s = 0;
            for (const auto& x : v) s += x.first;
            out.push_back(s);
        }
        return out;
    }

private:
    std::vector<std::string> facets_;
    std::vector<std::unordered_map<std::string, std::size_t>> counts_;
};

std::string data_field(const std::string& data, const std::string& name) {
    // scriptindex stores "name=value" lines; body is last and may contain newlines.
    std::string key = name + "=";
    std::size_t p = data.compare(0, key.size(), key) == 0 ? 0 : data.find("\n" + key);
    if (p == std::string::npos) return {};
    if (p != 0) ++p;
    p += key.size();
    if (name == "body") return data.substr(p);
    std::size_t e = data.find('\n', p);
    return data.substr(p, e == std::string::npos ? std::string::npos : e - p);
}

}  // namespace

int main(int argc, char** argv) {
    bench::Options o = bench::parse_options(argc, argv, "a Xapian database built by scriptindex with bench/ainews.script");
    try {
        auto queries = bench::load_queries(o.queries);
        Xapian::Database db(o.db);
        Xapian::Stem stem("english");
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
        Xapian::Enquire enquire(db);
        auto run = [&](const bench::Query& q, const bench::Options& opt) {
            Xapian::Query query = q.text.empty() ? Xapian::Query::MatchAll : qp.parse_query(q.text);
            std::vector<Xapian::Query> filters;
            for (const auto& c : q.companies) filters.emplace_back("XCO" + lower(c));
            for (const auto& p : q.persons) filters.emplace_back("XPE" + lower(p));
            if (!q.since.empty() || !q.until.empty()) {
                std::string lo = q.since.empty() ? "" : compact_date(bench::lower_bound_iso(q.since));
                std::string hi = q.until.empty() ? "" : compact_date(bench::upper_bound_iso(q.until));
                if (q.until.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_GE, kDateSlot, lo);
                else if (q.since.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_LE, kDateSlot, hi);
                else filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kDateSlot, lo, hi);
            }
            if (!filters.empty())
                query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
            enquire.set_query(query);
            if (q.newest) enquire.set_sort_by_value_then_relevance(kDateSlot, true);
            else enquire.set_sort_by_relevance();
            enquire.clear_matchspies();
            std::unique_ptr<FacetSpy> spy;
            if (!q.facets.empty()) {
                spy.reset(new FacetSpy(q.facets));
                enquire.add_matchspy(spy.get());
            }
            Xapian::MSet mset = enquire.get_mset(0, opt.limit, db.get_doccount());
            bench::Outcome out;
            out.total = mset.get_matches_estimated();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Xapian::Document doc = it.get_document();
                std::string data = doc.get_data();
                std::string id = data_field(data, "id"), title = data_field(data, "title");
                std::string companies = doc.get_value(kCompanySlot), persons = doc.get_value(kPersonSlot);
                if (opt.snippets) {
                    std::string body = data_field(data, "body");
                    std::string snip = mset.snippet(body, 240, stem, Xapian::MSet::SNIPPET_EXHAUSTIVE, "**", "**", "...");
                    (void)snip;
                }
                ++out.hits;
            }
            if (spy) {
                out.facet_sums = spy->sums();
                enquire.clear_matchspies();
            }
            return out;
        };
        return bench::run_modes("xapian", o, queries, run);
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "xapian_query_bench: %s\n", e.get_description().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "xapian_query_bench: %s\n", e.what());
        return 1;
    }
}
