// The benchmark query set through the ainews library (ainews::Searcher), in process:
// each query becomes one SearchRequest (query text, companies, persons, since/until,
// newest-first or relevance, top `limit`, facets, snippets as the tools print them).
// Prints one RESULT line per mode (see query_set.hpp); bench/run.sh reads them.
#include <ainews/error.hpp>
#include <ainews/searcher.hpp>

#include <cstdio>

#include "query_set.hpp"

int main(int argc, char** argv) {
    bench::Options o = bench::parse_options(argc, argv, "an ainews index (ainews::Searcher)");
    try {
        auto queries = bench::load_queries(o.queries);
        ainews::Searcher searcher(o.db);
        auto run = [&](const bench::Query& q, const bench::Options& opt) {
            ainews::SearchRequest req;
            req.query = q.text;
            req.companies = q.companies;
            req.persons = q.persons;
            req.since = q.since;
            req.until = q.until;
            req.sort = q.newest ? ainews::SortOrder::Newest : ainews::SortOrder::Relevance;
            req.limit = opt.limit;
            req.facets = q.facets;
            if (!opt.snippets) req.snippet_length = 0;
            ainews::SearchResults res = searcher.search(req);
            bench::Outcome out;
            out.total = res.total;
            out.hits = res.hits.size();
            for (const auto& f : res.facets) {
                std::size_t sum = 0;
                for (const auto& v : f.second) sum += v.count;
                out.facet_sums.push_back(sum);
            }
            return out;
        };
        return bench::run_modes("ainews", o, queries, run);
    } catch (const ainews::Error& e) {
        std::fprintf(stderr, "ainews_query_bench: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ainews_query_bench: %s\n", e.what());
        return 1;
    }
}
