// A fresh build written by several writer threads and merged must give the same
// index as one writer, and later runs must update it in place as usual.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "ainews/indexer.hpp"
#include "ainews/searcher.hpp"
#include "indexer/shard_build.hpp"
#include "tests/support/test_support.hpp"

using namespace ainews;
namespace fs = std::filesystem;

namespace {

std::string corpus_copy(const test::TempDir& dir) {
    fs::path to = dir.path() / "corpus";
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(test::corpus_dir())) fs::copy_file(e.path(), to / e.path().filename());
    // Enough articles that every shard gets several runs of documents.
    for (int i = 0; i < 300; ++i) {
        std::ofstream out(to / ("generated-" + std::to_string(i) + ".txt"));
        out << "Generated Story Number " << i << " About Chips\n\nby | Mar " << (i % 28) + 1
            << ", 2026\n\nNvidia and OpenAI discussed chips, story " << i << ". Anthropic declined to comment.\n";
    }
    return to.string();
}

struct Snapshot {
    std::size_t total;
    std::vector<std::string> ids_by_date;
    std::vector<FacetValue> companies;
    std::vector<FacetValue> months;
};

Snapshot snapshot(const std::string& db) {
    Searcher s(db);
    SearchRequest all;
    all.limit = 1000;
    all.facets = {"company", "month"};
    all.sort = SortOrder::Oldest;
    SearchResults r = s.search(all);
    Snapshot out{r.total, {}, r.facets[0].second, r.facets[1].second};
    for (const Hit& h : r.hits) out.ids_by_date.push_back((h.date ? *h.date : "-") + " " + h.id);
    std::sort(out.ids_by_date.begin(), out.ids_by_date.end());
    return out;
}

bool same(const std::vector<FacetValue>& a, const std::vector<FacetValue>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].value != b[i].value || a[i].count != b[i].count) return false;
    return true;
}

}  // namespace

TEST_CASE("a sharded fresh build gives the same index as a single writer", "[sharded]") {
    test::TempDir dir;
    std::string corpus = corpus_copy(dir);
    IndexOptions one;
    one.db_path = dir.str("one.db");
    one.shards = 1;
    IndexOptions two = one;
    two.db_path = dir.str("two.db");
    two.shards = 2;
    two.jobs = 2;

    IndexSummary s1 = index_paths({corpus}, one);
    IndexSummary s2 = index_paths({corpus}, two);
    CHECK(s1.added == 304);
    CHECK(s2.added == 304);
    CHECK(s2.documents == 304);
    Snapshot a = snapshot(one.db_path), b = snapshot(two.db_path);
    CHECK(b.total == 304);
    CHECK(a.ids_by_date == b.ids_by_date);
    CHECK(same(a.companies, b.companies));
    CHECK(same(a.months, b.months));
    // Nothing of the shards is left beside the index.
    for (const auto& e : fs::directory_iterator(two.db_path))
        CHECK(e.path().filename().string().rfind("shards-", 0) == std::string::npos);

    SearchRequest tml;
    tml.companies = {"TML"};
    CHECK(Searcher(two.db_path).search(tml).total == 2);

    // Later runs update the merged index in place.
    IndexSummary again = index_paths({corpus}, two);
    CHECK(again.unchanged == 304);
    CHECK(again.added == 0);
    {
        std::ofstream edit(corpus + "/generated-7.txt", std::ios::app);
        edit << "A late word about quokkas.\n";
    }
    IndexSummary edited = index_paths({corpus}, two);
    CHECK(edited.updated == 1);
    SearchRequest quokkas;
    quokkas.query = "quokkas";
    CHECK(Searcher(two.db_path).search(quokkas).total == 1);

    // A rebuild is sharded again and switched in whole.
    IndexOptions rebuild = two;
    rebuild.rebuild = true;
    IndexSummary rebuilt = index_paths({corpus}, rebuild);
    CHECK(rebuilt.added == 304);
    CHECK(snapshot(two.db_path).total == 304);
    CHECK(Searcher(two.db_path).search(quokkas).total == 1);
}

TEST_CASE("a repeated id within a sharded build keeps its last version", "[sharded]") {
    test::TempDir dir;
    dir.write("in/a.jsonl", R"({"id": "x", "title": "First version", "body": "alpha words"})"
                            "\n"
                            R"({"id": "y", "title": "Other", "body": "beta words"})"
                            "\n"
                            R"({"id": "x", "title": "Second version", "body": "gamma words"})"
                            "\n");
    IndexOptions o;
    o.db_path = dir.str("db");
    o.shards = 2;
    IndexSummary s = index_paths({dir.str("in")}, o);
    CHECK(s.added == 2);
    CHECK(s.updated == 1);
    Searcher searcher(o.db_path);
    SearchRequest r;
    r.query = "gamma";
    CHECK(searcher.search(r).total == 1);
    r.query = "alpha";
    CHECK(searcher.search(r).total == 0);
    CHECK(searcher.document_count() == 2);
}

TEST_CASE("a sharded build in many small parts merges them all, repeated ids keeping their last version",
          "[sharded]") {
    // Batches of 3 over 200 records: each writer closes dozens of parts and merges
    // them level by level (16 at a time), and the repeated ids' versions land in
    // different parts, some already merged when the next version comes.
    test::TempDir dir;
    std::string lines;
    for (int i = 0; i < 200; ++i) {
        std::string id = i == 120 ? "x" : i == 190 ? "y" : "n" + std::to_string(i);
        std::string word = i == 3 ? "firstx" : i == 120 ? "lastx" : i == 7 ? "firsty" : i == 190 ? "lasty" : "plain";
        if (i == 3) id = "x";
        if (i == 7) id = "y";
        lines += R"({"id": ")" + id + R"(", "title": "Record )" + std::to_string(i) + R"(", "body": ")" + word +
                 R"( words", "date": "2026-01-)" + (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + "\"}\n";
    }
    dir.write("in/records.jsonl", lines);
    IndexOptions o;
    o.db_path = dir.str("db");
    o.shards = 2;
    o.jobs = 2;
    o.batch_size = 3;
    IndexSummary s = index_paths({dir.str("in")}, o);
    CHECK(s.added == 198);
    CHECK(s.updated == 2);
    Searcher searcher(o.db_path);
    CHECK(searcher.document_count() == 198);
    auto total = [&](const std::string& q) {
        SearchRequest r;
        r.query = q;
        return searcher.search(r).total;
    };
    CHECK(total("lastx") == 1);
    CHECK(total("lasty") == 1);
    CHECK(total("firstx") == 0);
    CHECK(total("firsty") == 0);
    CHECK(total("plain") == 196);
    SearchRequest all;
    all.limit = 1000;
    std::set<std::string> ids;
    for (const Hit& h : searcher.search(all).hits) ids.insert(h.id);
    CHECK(ids.size() == 198);
    CHECK(ids.count("x") == 1);
    CHECK(ids.count("n199") == 1);
    for (const auto& e : fs::directory_iterator(o.db_path))
        CHECK(e.path().filename().string().rfind("shards-", 0) == std::string::npos);
}

TEST_CASE("the writers merge their parts level by level and the result holds every document once",
          "[sharded]") {
    // Parts of 2 documents merged 3 at a time: 150 documents over 2 writers give
    // dozens of parts, merges of merges, and a final merge of what remains.
    test::TempDir dir;
    std::size_t merges = 0;
    {
        ShardedBuild build(dir.str("scratch"), 2, 1, 2, 3);
        for (int i = 0; i < 150; ++i) {
            // Ids 0-9 come again at the end with other words: the last version wins.
            int n = i < 140 ? i : i - 140;
            std::string id = "doc" + std::to_string(n);
            Xapian::Document doc;
            doc.add_boolean_term("Q" + id);
            doc.add_term(i < 140 ? "Zfirst" : "Zsecond");
            doc.set_data(id);
            CHECK(build.add(id, "Q" + id, std::move(doc)) == (i < 140));
        }
        CHECK(build.document_count() == 140);
        build.merge_into(dir.str("merged"), {{"ainews.test", "kept"}});
        merges = build.merges();
    }
    CHECK(merges >= 10);
    Xapian::Database db(dir.str("merged"));
    CHECK(db.get_doccount() == 140);
    CHECK(db.get_termfreq("Zfirst") == 130);
    CHECK(db.get_termfreq("Zsecond") == 10);
    CHECK(db.get_metadata("ainews.test") == "kept");
    for (int n = 0; n < 140; ++n) CHECK(db.get_termfreq("Qdoc" + std::to_string(n)) == 1);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("Qdoc3"));
    Xapian::MSet mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    Xapian::Document doc3 = mset.begin().get_document();
    CHECK(doc3.get_data() == "doc3");
    CHECK(db.term_exists("Zsecond"));
    CHECK(std::find(doc3.termlist_begin(), doc3.termlist_end(), "Zsecond") != doc3.termlist_end());
}
