// The benchmark query set against SQLite FTS5 (the database bench/fts5_load.sql builds),
// through the SQLite C API, doing what ainews::Searcher does for one request:
//   - the match: FTS5 MATCH (porter unicode61), filters as WHERE clauses on docs.date
//     and on the people/companies tables, ranked by bm25 (title weighted 5) or by date;
//     top `limit` hits plus the exact total (count(*) OVER () over the whole match);
//   - each hit: id, title, date, its companies and persons, and a snippet;
//   - each facet: a GROUP BY count over the whole match.
// Statements are prepared once per distinct SQL text and reused, as an application would.
#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "query_set.hpp"

namespace {

struct Db {
    sqlite3* db = nullptr;
    std::map<std::string, sqlite3_stmt*> cache;
    ~Db() {
        for (auto& kv : cache) sqlite3_finalize(kv.second);
        if (db) sqlite3_close(db);
    }
    sqlite3_stmt* prepare(const std::string& sql) {
        auto it = cache.find(sql);
        if (it != cache.end()) {
            sqlite3_reset(it->second);
            sqlite3_clear_bindings(it->second);
            return it->second;
        }
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db) + " in " + sql);
        cache.emplace(sql, st);
        return st;
    }
    bool step(sqlite3_stmt* st) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db));
    }
};

// Query text (words, AND, OR, NOT, "phrases") as an FTS5 expression: every bareword
// becomes a quoted string so punctuation and keywords cannot break the syntax.
std::string to_fts5(const std::string& text) {
    std::string out;
    std::size_t i = 0;
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) {
            if (c == '"') q += "\"\"";
            else q += c;
        }
        return q + "\"";
    };
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t') {
            ++i;
            continue;
        }
        std::string tok;
        if (text[i] == '"') {
            std::size_t j = text.find('"', i + 1);
            if (j == std::string::npos) j = text.size();
            tok = quote(text.substr(i + 1, j - i - 1));
            i = j + 1;
        } else {
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
            std::string w = text.substr(i, j - i);
            tok = (w == "AND" || w == "OR" || w == "NOT") ? w : quote(w);
            i = j;
        }
        if (!out.empty()) out += ' ';
        out += tok;
    }
    return out;
}

struct Bench {
    Db db;

    // FROM/WHERE shared by the ranked match, the count and the facets; binds in order.
    struct Where {
        std::string from;
        std::string where;
        std::vector<std::string> binds;
    };

    Where where_of(const bench::Query& q, bool need_docs) {
        Where w;
        bool text = !q.text.empty();
        bool docs = need_docs || !q.since.empty() || !q.until.empty() || !text;
        std::string key = text ? "fts.rowid" : "d.rowid";
        if (text) {
            w.from = "fts";
            if (docs) w.from += " JOIN docs d ON d.rowid = fts.rowid";
            w.where = "fts MATCH ?";
            w.binds.push_back(to_fts5(q.text));
        } else {
            w.from = "docs d";
            w.where = "1";
        }
        if (!q.since.empty()) {
            w.where += " AND d.date >= ?";
            w.binds.push_back(bench::lower_bound_iso(q.since));
        }
        if (!q.until.empty()) {
            w.where += " AND d.date <= ?";
            w.binds.push_back(bench::upper_bound_iso(q.until));
        }
        for (const auto& c : q.companies) {
            w.where += " AND " + key + " IN (SELECT docid FROM companies WHERE name = ?)";
            w.binds.push_back(c);
        }
        for (const auto& p : q.persons) {
            w.where += " AND " + key + " IN (SELECT docid FROM people WHERE name = ?)";
            w.binds.push_back(p);
        }
        return w;
    }

    static void bind_all(sqlite3_stmt* st, const std::vector<std::string>& binds, int first = 1) {
        for (std::size_t i = 0; i < binds.size(); ++i)
            sqlite3_bind_text(st, first + static_cast<int>(i), binds[i].data(), static_cast<int>(binds[i].size()),
                              SQLITE_STATIC);
    }

    static std::string col(sqlite3_stmt* st, int i) {
        const unsigned char* p = sqlite3_column_text(st, i);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
                 : std::string();
    }

    bench::Outcome run(const bench::Query& q, const bench::Options& o) {
        bench::Outcome out;
        bool text = !q.text.empty();
        Where w = where_of(q, q.newest);
        std::string key = text ? "fts.rowid" : "d.rowid";
        // bm25() cannot be called beside a window function, so the ranked match is a
        // subquery and the exact total a count(*) OVER () on top of it.
        std::string order = q.newest ? "d.date" : (text ? "bm25(fts, 5.0, 1.0)" : "d.rowid");
        std::string sql = "SELECT k, count(*) OVER () FROM (SELECT " + key + " AS k, " + order + " AS r FROM " + w.from +
                          " WHERE " + w.where + ") ORDER BY r" + (q.newest ? " DESC" : "") + " LIMIT ?";
        sqlite3_stmt* st = db.prepare(sql);
        bind_all(st, w.binds);
        sqlite3_bind_int64(st, static_cast<int>(w.binds.size()) + 1, static_cast<sqlite3_int64>(o.limit));
        std::vector<sqlite3_int64> rowids;
        while (db.step(st)) {
            rowids.push_back(sqlite3_column_int64(st, 0));
            out.total = static_cast<std::size_t>(sqlite3_column_int64(st, 1));
        }
        sqlite3_reset(st);

        // The hits' fields, entities and snippets.
        std::string fts_expr = text ? to_fts5(q.text) : std::string();
        for (auto rowid : rowids) {
            sqlite3_stmt* d = db.prepare("SELECT id, title, date, source FROM docs WHERE rowid = ?");
            sqlite3_bind_int64(d, 1, rowid);
            std::string id, title, date;
            if (db.step(d)) {
                id = col(d, 0);
                title = col(d, 1);
                date = col(d, 2);
            }
            sqlite3_reset(d);
            std::vector<std::string> names;
            for (const char* t : {"SELECT name FROM companies WHERE docid = ?", "SELECT name FROM people WHERE docid = ?"}) {
                sqlite3_stmt* e = db.prepare(t);
                sqlite3_bind_int64(e, 1, rowid);
                while (db.step(e)) names.push_back(col(e, 0));
                sqlite3_reset(e);
            }
            if (o.snippets) {
                std::string snip;
                if (text) {
                    sqlite3_stmt* s =
                        db.prepare("SELECT snippet(fts, -1, '**', '**', '...', 40) FROM fts WHERE fts MATCH ? AND rowid = ?");
                    sqlite3_bind_text(s, 1, fts_expr.data(), static_cast<int>(fts_expr.size()), SQLITE_STATIC);
                    sqlite3_bind_int64(s, 2, rowid);
                    if (db.step(s)) snip = col(s, 0);
                    sqlite3_reset(s);
                } else {
                    sqlite3_stmt* s = db.prepare("SELECT substr(body, 1, 240) FROM docs WHERE rowid = ?");
                    sqlite3_bind_int64(s, 1, rowid);
                    if (db.step(s)) snip = col(s, 0);
                    sqlite3_reset(s);
                }
            }
            ++out.hits;
        }

        // Facets: exact counts over the whole match.
        for (const auto& f : q.facets) {
            Where fw = where_of(q, f == "month");
            std::string fsql;
            if (f == "company" || f == "person") {
                const char* table = f == "company" ? "companies" : "people";
                fsql = "SELECT e.name, count(*) FROM " + fw.from + " JOIN " + table + " e ON e.docid = " + key +
                       " WHERE " + fw.where + " GROUP BY e.name ORDER BY 2 DESC, 1";
            } else if (f == "month") {
                fsql = "SELECT d.month, count(*) FROM " + fw.from + " WHERE " + fw.where +
                       " AND d.month IS NOT NULL GROUP BY d.month ORDER BY 2 DESC, 1";
            } else {
                throw std::runtime_error("unknown facet " + f);
            }
            sqlite3_stmt* fs = db.prepare(fsql);
            bind_all(fs, fw.binds);
            std::size_t sum = 0;
            while (db.step(fs)) sum += static_cast<std::size_t>(sqlite3_column_int64(fs, 1));
            sqlite3_reset(fs);
            out.facet_sums.push_back(sum);
        }
        return out;
    }
};

}  // namespace

int main(int argc, char** argv) {
    bench::Options o = bench::parse_options(argc, argv, "an FTS5 database (bench/fts5_load.sql)");
    try {
        auto queries = bench::load_queries(o.queries);
        Bench b;
        if (sqlite3_open_v2(o.db.c_str(), &b.db.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            std::fprintf(stderr, "fts5_query_bench: cannot open %s\n", o.db.c_str());
            return 1;
        }
        // A reader's usual tuning: a 64 MiB page cache and memory-mapped reads.
        sqlite3_exec(b.db.db, "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;", nullptr, nullptr, nullptr);
        return bench::run_modes("fts5", o, queries, [&](const bench::Query& q, const bench::Options& opt) { return b.run(q, opt); });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fts5_query_bench: %s\n", e.what());
        return 1;
    }
}
