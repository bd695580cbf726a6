// Reindexing through the library: unchanged reruns, atomic rebuilds under live
// searches, interrupted runs, the one-writer lock, and what --prune keeps.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "ainews/error.hpp"
#include "ainews/index_writer.hpp"
#include "ainews/indexer.hpp"
#include "ainews/searcher.hpp"
#include "tests/support/test_support.hpp"

using namespace ainews;
namespace fs = std::filesystem;

namespace {

// n small plain-text articles under dir/name, each with a distinct title and a
// word ("marker") every one of them shares.
std::string make_corpus(const test::TempDir& dir, const std::string& name, int n, const std::string& flavour = "") {
    for (int i = 0; i < n; ++i) {
        std::string id = std::to_string(1000 + i);
        dir.write(name + "/" + id.substr(0, 2) + "/article-" + id + ".txt",
                  "Article " + id + " " + flavour + "\n\n2024-03-0" + std::to_string(1 + i % 9) +
                      "\n\nThe marker word appears in every article. This one is number " + id + " " + flavour +
                      ".\n");
    }
    return dir.str(name);
}

IndexOptions options_for(const std::string& db) {
    IndexOptions o;
    o.db_path = db;
    o.jobs = 2;
    return o;
}

std::size_t count(const std::string& db) { return Searcher(db).document_count(); }

std::size_t matches(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 0;
    r.snippet_length = 0;
    return s.search(r).total;
}

std::set<std::string> generations(const std::string& db) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(db))
        if (e.path().filename().string().rfind("gen-", 0) == 0) out.insert(e.path().filename().string());
    return out;
}

}  // namespace

TEST_CASE("a second run over an unchanged corpus finds every article unchanged and writes nothing", "[reindex]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 40);
    std::string db = dir.str("db");
    IndexSummary first = index_paths({corpus}, options_for(db));
    CHECK(first.added == 40);
    CHECK(first.documents == 40);

    IndexSummary second = index_paths({corpus}, options_for(db));
    CHECK(second.added == 0);
    CHECK(second.updated == 0);
    CHECK(second.unchanged == 40);
    CHECK(second.documents == 40);

    // One edited file is one updated article; the rest stay unchanged.
    dir.write("corpus/10/article-1005.txt", "Article 1005 rewritten\n\nA new body with the marker word.\n");
    IndexSummary third = index_paths({corpus}, options_for(db));
    CHECK(third.updated == 1);
    CHECK(third.unchanged == 39);
    Searcher s(db);
    CHECK(matches(s, "rewritten") == 1);
}

TEST_CASE("a rebuild is switched in whole: searches running meanwhile see the old or the new index, never an error",
          "[reindex][rebuild]") {
    test::TempDir dir;
    std::string big = make_corpus(dir, "big", 60, "alpha");
    std::string small = make_corpus(dir, "small", 35, "beta");
    std::string db = dir.str("db");
    REQUIRE(index_paths({big}, options_for(db)).documents == 60);

    std::atomic<bool> stop{false};
    std::atomic<int> searches{0};
    std::set<std::size_t> seen_counts;
    std::string error;
    std::thread searcher([&] {
        try {
            Searcher long_lived(db);  // follows the switches
            while (!stop) {
                std::size_t fresh = Searcher(db).document_count();  // opened anew each time
                std::size_t kept = matches(long_lived, "marker");
                seen_counts.insert(fresh);
                seen_counts.insert(kept);
                ++searches;
            }
        } catch (const std::exception& e) {
            error = e.what();
        }
    });

    for (int round = 0; round < 4; ++round) {
        IndexOptions o = options_for(db);
        o.rebuild = true;
        o.batch_size = 7;  // many commits inside the new generation, none visible
        IndexSummary s = index_paths({round % 2 == 0 ? small : big}, o);
        CHECK(s.documents == (round % 2 == 0 ? 35u : 60u));
        CHECK(generations(db).size() == 1);  // the old generation is gone
    }
    // Let the searcher see the final state at least once more.
    int before = searches;
    while (searches < before + 3 && error.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    searcher.join();
    INFO(error);
    CHECK(error.empty());
    CHECK(searches > 0);
    for (std::size_t c : seen_counts) CHECK((c == 60 || c == 35));
    CHECK(count(db) == 60);
}

TEST_CASE("searches running while a run commits in place never fail and see whole batches",
          "[reindex][retry]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 200);
    std::string db = dir.str("db");
    dir.write("seed/seed.txt", "Seed\n\nThe first article, with the marker word.\n");
    index_paths({dir.str("seed")}, options_for(db));

    std::atomic<bool> stop{false};
    std::string error;
    std::vector<std::size_t> counts;
    std::thread searcher([&] {
        try {
            Searcher s(db);
            while (!stop) counts.push_back(matches(s, "marker"));
        } catch (const std::exception& e) {
            error = e.what();
        }
    });
    IndexOptions o = options_for(db);
    o.batch_size = 20;  // ten commits while the searcher runs
    index_paths({corpus}, o);
    stop = true;
    searcher.join();
    INFO(error);
    CHECK(error.empty());
    CHECK(!counts.empty());
    // The seed article plus whole batches of 20, never going back.
    CHECK(std::all_of(counts.begin(), counts.end(), [](std::size_t c) { return c % 20 == 1; }));
    CHECK(std::is_sorted(counts.begin(), counts.end()));
}

TEST_CASE("a searcher opened before a rebuild sees the new index after the switch", "[reindex][rebuild]") {
    test::TempDir dir;
    std::string a = make_corpus(dir, "a", 5, "alpha");
    std::string b = make_corpus(dir, "b", 3, "beta");
    std::string db = dir.str("db");
    index_paths({a}, options_for(db));
    Searcher s(db);
    CHECK(matches(s, "alpha") == 5);
    IndexOptions o = options_for(db);
    o.rebuild = true;
    index_paths({b}, o);
    CHECK(matches(s, "alpha") == 0);
    CHECK(matches(s, "beta") == 3);
    CHECK(s.document_count() == 3);
}

TEST_CASE("an interrupted run keeps what it committed and the next run completes the work", "[reindex][interrupt]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 120);
    std::string db = dir.str("db");
    IndexOptions o = options_for(db);
    o.batch_size = 10;
    std::atomic<int> polls{0};
    o.cancelled = [&] { return ++polls > 45; };  // stop part-way through reading
    IndexSummary part = index_paths({corpus}, o);
    CHECK(part.interrupted);
    CHECK(part.added > 0);
    CHECK(part.added < 120);
    CHECK(count(db) == part.added);  // everything read before the stop was committed

    IndexSummary rest = index_paths({corpus}, options_for(db));
    CHECK_FALSE(rest.interrupted);
    CHECK(rest.unchanged == part.added);
    CHECK(rest.added == 120 - part.added);
    CHECK(count(db) == 120);
}

TEST_CASE("an interrupted rebuild leaves the old index as it was and no half-built generation", "[reindex][interrupt]") {
    test::TempDir dir;
    std::string a = make_corpus(dir, "a", 30, "alpha");
    std::string b = make_corpus(dir, "b", 80, "beta");
    std::string db = dir.str("db");
    index_paths({a}, options_for(db));
    auto before = generations(db);

    IndexOptions o = options_for(db);
    o.rebuild = true;
    o.batch_size = 5;
    std::atomic<int> polls{0};
    o.cancelled = [&] { return ++polls > 40; };
    IndexSummary s = index_paths({b}, o);
    CHECK(s.interrupted);
    CHECK(s.documents == 30);
    CHECK(generations(db) == before);
    Searcher searcher(db);
    CHECK(matches(searcher, "alpha") == 30);
    CHECK(matches(searcher, "beta") == 0);
}

TEST_CASE("a generation left by a killed rebuild is removed by the next run", "[reindex][rebuild]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 3);
    std::string db = dir.str("db");
    index_paths({corpus}, options_for(db));
    // What a rebuild killed before its switch leaves: a generation no stub names.
    dir.write("db/gen-7/iamglass", "half written");
    index_paths({corpus}, options_for(db));
    CHECK(generations(db) == std::set<std::string>{"gen-1"});
    CHECK(count(db) == 3);
}

TEST_CASE("a second writer on the same index is refused as busy, or waits for the first", "[reindex][lock]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 4);
    std::string db = dir.str("db");
    auto first = std::make_unique<IndexWriter>(db);

    try {
        index_paths({corpus}, options_for(db));
        FAIL("a second writer was let in");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Busy);
        CHECK(e.exit_code() == 3);
        CHECK_THAT(e.what(), Catch::Contains("busy"));
    }

    IndexOptions waiting = options_for(db);
    waiting.wait_if_busy = true;
    std::atomic<bool> told{false};
    waiting.on_message = [&](const std::string& m) {
        CHECK_THAT(m, Catch::Contains("waiting"));
        told = true;
    };
    std::thread release([&] {
        while (!told) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        first.reset();
    });
    IndexSummary s = index_paths({corpus}, waiting);
    release.join();
    CHECK(told);
    CHECK(s.added == 4);
}

TEST_CASE("waiting for a busy index can be cancelled, and is then an interrupted run", "[reindex][lock]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 2);
    std::string db = dir.str("db");
    IndexWriter first(db);
    IndexOptions o = options_for(db);
    o.wait_if_busy = true;
    std::atomic<bool> waiting{false};
    o.on_message = [&](const std::string&) { waiting = true; };
    o.cancelled = [&] { return waiting.load(); };
    IndexSummary s = index_paths({corpus}, o);
    CHECK(s.interrupted);
    CHECK(s.added == 0);
}

TEST_CASE("--prune deletes articles whose files are gone but keeps those of files that could not be read",
          "[reindex][prune]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 6);
    std::string db = dir.str("db");
    index_paths({corpus}, options_for(db));

    fs::remove(dir.str("corpus/10/article-1001.txt"));                 // gone: pruned
    dir.write("corpus/10/article-1002.txt", std::string("\0\1\2binary", 9));  // exists, unreadable as text: kept
    IndexOptions o = options_for(db);
    o.prune = true;
    std::vector<Diagnostic> diagnostics;
    o.on_diagnostic = [&](const Diagnostic& d) { diagnostics.push_back(d); };
    IndexSummary s = index_paths({corpus}, o);
    CHECK(s.deleted == 1);
    CHECK(s.skipped == 1);
    CHECK(s.documents == 5);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].origin == dir.str("corpus/10/article-1002.txt"));
    CHECK(diagnostics[0].skipped);
    Searcher searcher(db);
    CHECK(matches(searcher, "1002") == 1);  // the old version is still searchable
    CHECK(matches(searcher, "1001") == 0);
}

TEST_CASE("a file that vanishes between collection and reading is reported and the rest is indexed",
          "[reindex][bad-input]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 5);
    std::string db = dir.str("db");
    IndexOptions o = options_for(db);
    std::vector<Diagnostic> diagnostics;
    o.on_diagnostic = [&](const Diagnostic& d) { diagnostics.push_back(d); };
    InputSet input = collect_input_files({corpus}, o.on_diagnostic);
    REQUIRE(input.files.size() == 5);
    std::string vanished = dir.str("corpus/10/article-1003.txt");
    fs::remove(vanished);
    IndexSummary s = index_files(input, o);
    CHECK(s.added == 4);
    CHECK(s.skipped == 1);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].origin == vanished);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("no such file", Catch::CaseSensitive::No));
}

TEST_CASE("an article over the size limit is reported and skipped, the rest indexed", "[reindex][bad-input]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 3);
    std::string big = dir.write("corpus/big.txt", "Big one\n\n" + std::string(20000, 'x') + "\n");
    IndexOptions o = options_for(dir.str("db"));
    o.reader.max_article_bytes = 10000;
    std::vector<Diagnostic> diagnostics;
    o.on_diagnostic = [&](const Diagnostic& d) { diagnostics.push_back(d); };
    IndexSummary s = index_paths({corpus}, o);
    CHECK(s.added == 3);
    CHECK(s.skipped == 1);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].origin == big);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("over the limit"));
}

TEST_CASE("the default article size limit is 32 MB", "[reindex][bad-input]") {
    CHECK(ReaderOptions().max_article_bytes == 32u * 1024u * 1024u);
}

TEST_CASE("an unlistable folder is reported, and --prune keeps what was indexed from it", "[reindex][prune]") {
    if (geteuid() == 0) {
        WARN("running as root, which lists any folder: skipped (the CLI tests cover unreadable files as root)");
        return;
    }
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 6);
    std::string db = dir.str("db");
    index_paths({corpus}, options_for(db));
    fs::permissions(dir.str("corpus/10"), fs::perms::none);
    IndexOptions o = options_for(db);
    o.prune = true;
    std::vector<Diagnostic> diagnostics;
    o.on_diagnostic = [&](const Diagnostic& d) { diagnostics.push_back(d); };
    IndexSummary s = index_paths({corpus}, o);
    fs::permissions(dir.str("corpus/10"), fs::perms::owner_all);
    CHECK(s.deleted == 0);
    CHECK(s.documents == 6);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].origin == dir.str("corpus/10"));
}

TEST_CASE("progress comes a few times a second at most, and once at the end marked final", "[reindex][progress]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 50);
    IndexOptions o = options_for(dir.str("db"));
    std::vector<IndexProgress> calls;
    o.on_progress = [&](const IndexProgress& p) { calls.push_back(p); };
    index_paths({corpus}, o);
    REQUIRE(!calls.empty());
    const IndexProgress& last = calls.back();
    CHECK(last.final);
    CHECK(last.files_done == 50);
    CHECK(last.files_total == 50);
    CHECK(last.articles_done == 50);
    CHECK(last.bytes_done == last.bytes_total);
    for (std::size_t i = 1; i + 1 < calls.size(); ++i) CHECK(calls[i].seconds - calls[i - 1].seconds >= 0.2);
    CHECK_THAT(progress_line(last), Catch::StartsWith("50/50 files, 50 articles, "));
}

TEST_CASE("the progress line estimates the time left from the bytes read", "[reindex][progress]") {
    IndexProgress p;
    p.files_done = 10;
    p.files_total = 40;
    p.articles_done = 300;
    p.bytes_done = 1000;
    p.bytes_total = 4000;
    p.seconds = 10;
    CHECK(progress_line(p) == "10/40 files, 300 articles, 30/s, 0:30 left");
    p.seconds = 0.5;  // too early to guess
    CHECK(progress_line(p) == "10/40 files, 300 articles, 600/s");
}

TEST_CASE("an index folder holding anything else is refused rather than written into", "[reindex]") {
    test::TempDir dir;
    std::string corpus = make_corpus(dir, "corpus", 1);
    dir.write("notes/todo.txt", "not an index");
    try {
        index_paths({corpus}, options_for(dir.str("notes")));
        FAIL("wrote into a folder that is not an index");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::Io);
        CHECK_THAT(e.what(), Catch::Contains("not an ainews index"));
    }
    CHECK_FALSE(fs::exists(dir.str("notes/XAPIANDB")));
}
