// The benchmark's query set (bench/queries.txt) and the timing loop every query
// driver shares, so that ainews, FTS5 and raw Xapian are measured the same way.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

struct Query {
    int line = 0;
    std::string kind;
    std::string text;  // words, AND, OR, "phrases"; empty = every article
    std::vector<std::string> companies;
    std::vector<std::string> persons;
    std::string since;  // YYYY, YYYY-MM or YYYY-MM-DD; empty = open
    std::string until;
    bool newest = false;  // sort=newest, else relevance
    std::vector<std::string> facets;
};

inline std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    return out;
}

inline std::vector<Query> load_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Query> out;
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() < 2) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": expected kind<TAB>query[<TAB>options]");
        Query q;
        q.line = lineno;
        q.kind = cols[0];
        q.text = cols[1];
        if (cols.size() > 2) {
            for (const auto& opt : split(cols[2], ';')) {
                if (opt.empty()) continue;
                auto eq = opt.find('=');
                if (eq == std::string::npos) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": bad option " + opt);
                std::string k = opt.substr(0, eq), v = opt.substr(eq + 1);
                if (k == "company") q.companies.push_back(v);
                else if (k == "person") q.persons.push_back(v);
                else if (k == "since") q.since = v;
                else if (k == "until") q.until = v;
                else if (k == "sort") q.newest = (v == "newest");
                else if (k == "facets") {
                    for (auto& f : split(v, ','))
                        if (!f.empty()) q.facets.push_back(f);
                } else throw std::runtime_error(path + ":" + std::to_string(lineno) + ": unknown option " + k);
            }
        }
        out.push_back(std::move(q));
    }
    return out;
}

// Date bounds as inclusive "YYYY-MM-DD" strings (string order = date order).
inline std::string lower_bound_iso(const std::string& d) {
    if (d.size() == 4) return d + "-01-01";
    if (d.size() == 7) return d + "-01";
    return d;
}
inline std::string upper_bound_iso(const std::string& d) {
    if (d.size() == 4) return d + "-12-31";
    if (d.size() == 7) return d + "-31";
    return d;
}

// The three ways the set is run: facets dropped, as written, or facets on every query.
enum class FacetMode { None, AsWritten, All };
inline const char* mode_name(FacetMode m) {
    return m == FacetMode::None ? "plain" : m == FacetMode::AsWritten ? "mixed" : "facets";
}
inline const std::vector<std::string>& all_facets() {
    static const std::vector<std::string> f{"company", "person", "month"};
    return f;
}
inline std::vector<Query> with_mode(std::vector<Query> qs, FacetMode m) {
    for (auto& q : qs) {
        if (m == FacetMode::None) q.facets.clear();
        else if (m == FacetMode::All) q.facets = all_facets();
    }
    return qs;
}

struct Options {
    std::string db;
    std::string queries;
    int rounds = 5;
    std::size_t limit = 10;
    bool snippets = true;
    std::string modes = "plain,mixed,facets";
    std::string dump;  // write "line<TAB>mode<TAB>total<TAB>facet sums" per query here
};

inline void usage(const char* prog, const char* what) {
    std::fprintf(stderr,
                 "usage: %s --db PATH --queries FILE [--rounds N] [--limit N] [--no-snippets]\n"
                 "          [--modes plain,mixed,facets] [--dump FILE]\n"
                 "Runs the query set against %s: one warm-up round, then N timed rounds;\n"
                 "prints one RESULT line per mode.\n",
                 prog, what);
}

inline Options parse_options(int argc, char** argv, const char* what) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto need = [&](const char* name) -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s: %s needs a value\n", argv[0], name);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--db") o.db = need("--db");
        else if (a == "--queries") o.queries = need("--queries");
        else if (a == "--rounds") o.rounds = std::atoi(need("--rounds").c_str());
        else if (a == "--limit") o.limit = std::strtoul(need("--limit").c_str(), nullptr, 10);
        else if (a == "--no-snippets") o.snippets = false;
        else if (a == "--modes") o.modes = need("--modes");
        else if (a == "--dump") o.dump = need("--dump");
        else if (a == "-h" || a == "--help") {
            usage(argv[0], what);
            std::exit(0);
        } else {
            usage(argv[0], what);
            std::exit(2);
        }
    }
    if (o.db.empty() || o.queries.empty() || o.rounds < 1) {
        usage(argv[0], what);
        std::exit(2);
    }
    return o;
}

// What one query returned, enough to compare engines: exact total and the sum of
// each facet's counts (the count of (document, value) pairs over the whole match).
struct Outcome {
    std::size_t total = 0;
    std::size_t hits = 0;
    std::vector<std::size_t> facet_sums;
};

// CPU time of the process (every thread): unlike wall time, barely moved by other
// processes competing for the cores.
inline double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    // Nearest rank.
    std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    if (rank < 1) rank = 1;
    if (rank > v.size()) rank = v.size();
    return v[rank - 1];
}

// Runs every mode: a warm-up round (not timed, outcomes dumped), then `rounds`
// timed rounds; prints
//   RESULT engine=E mode=M queries=Q rounds=R qps=... mean_ms=... p50_ms=... p95_ms=... p99_ms=... max_ms=...
//          cpu_ms=... (mean CPU time per query) errors=N
inline int run_modes(const char* engine, const Options& o, const std::vector<Query>& base,
                     const std::function<Outcome(const Query&, const Options&)>& run_one) {
    FILE* dump = nullptr;
    if (!o.dump.empty()) {
        dump = std::fopen(o.dump.c_str(), "w");
        if (!dump) {
            std::fprintf(stderr, "%s: cannot write %s\n", engine, o.dump.c_str());
            return 1;
        }
    }
    int failures = 0;
    for (const auto& mname : split(o.modes, ',')) {
        FacetMode m;
        if (mname == "plain") m = FacetMode::None;
        else if (mname == "mixed") m = FacetMode::AsWritten;
        else if (mname == "facets") m = FacetMode::All;
        else {
            std::fprintf(stderr, "%s: unknown mode %s\n", engine, mname.c_str());
            return 2;
        }
        auto qs = with_mode(base, m);
        std::size_t errors = 0;
        for (const auto& q : qs) {  // warm-up
            try {
                Outcome r = run_one(q, o);
                if (dump) {
                    std::fprintf(dump, "%d\t%s\t%zu", q.line, mode_name(m), r.total);
                    for (auto s : r.facet_sums) std::fprintf(dump, "\t%zu", s);
                    std::fprintf(dump, "\n");
                }
            } catch (const std::exception& e) {
                if (++errors <= 5)
                    std::fprintf(stderr, "%s: query at line %d (%s): %s\n", engine, q.line, q.text.c_str(), e.what());
            }
        }
        std::vector<double> lat;
        lat.reserve(qs.size() * static_cast<std::size_t>(o.rounds));
        auto t0 = std::chrono::steady_clock::now();
        double c0 = cpu_ms();
        for (int r = 0; r < o.rounds; ++r) {
            for (const auto& q : qs) {
                auto a = std::chrono::steady_clock::now();
                try {
                    run_one(q, o);
                } catch (const std::exception&) {
                    // already reported in the warm-up round
                }
                auto b = std::chrono::steady_clock::now();
                lat.push_back(std::chrono::duration<double, std::milli>(b - a).count());
            }
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double cpu = cpu_ms() - c0;
        double sum = 0;
        for (double x : lat) sum += x;
        std::printf("RESULT engine=%s mode=%s queries=%zu rounds=%d qps=%.1f mean_ms=%.3f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f cpu_ms=%.3f errors=%zu\n",
                    engine, mode_name(m), qs.size(), o.rounds, static_cast<double>(lat.size()) / secs,
                    lat.empty() ? 0.0 : sum / static_cast<double>(lat.size()), percentile(lat, 50), percentile(lat, 95),
                    percentile(lat, 99), lat.empty() ? 0.0 : *std::max_element(lat.begin(), lat.end()),
                    lat.empty() ? 0.0 : cpu / static_cast<double>(lat.size()), errors);
        std::fflush(stdout);
        if (errors) failures = 1;
    }
    if (dump) std::fclose(dump);
    return failures;
}

}  // namespace bench
