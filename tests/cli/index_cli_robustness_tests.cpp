// ainews-index under stress: bad input with and without --strict, a busy index,
// runs killed by SIGINT and SIGKILL, and the progress line.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ainews/error.hpp"
#include "ainews/index_writer.hpp"
#include "ainews/searcher.hpp"
#include "tests/support/test_support.hpp"

extern char** environ;

using namespace ainews::test;
namespace fs = std::filesystem;

namespace {

std::string index_cmd(const std::string& db, const std::string& args) {
    return sh_quote(index_bin()) + " --db " + sh_quote(db) + " " + args;
}

void make_corpus(const TempDir& dir, const std::string& name, int n) {
    for (int i = 0; i < n; ++i) {
        std::string id = std::to_string(10000 + i);
        dir.write(name + "/" + id.substr(0, 3) + "/a" + id + ".txt",
                  "Story " + id + "\n\nEvery story has the word marker, and this one the number " + id + ".\n");
    }
}

// ainews-index running in the background, output to files, so a test can signal it.
class Background {
public:
    Background(const TempDir& dir, std::vector<std::string> args) : out_(dir.str("bg.out")), err_(dir.str("bg.err")) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        args.insert(args.begin(), index_bin());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, index_bin().c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(rc == 0);
    }
    ~Background() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    bool running() {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == 0) return true;
        finished(status);
        return false;
    }
    void signal(int sig) { kill(pid_, sig); }
    // Exit code, or 128 + signal.
    int wait() {
        if (pid_ <= 0) return status_;
        int status = 0;
        waitpid(pid_, &status, 0);
        finished(status);
        return status_;
    }
    std::string err() const { return read_file(err_); }
    std::string out() const { return read_file(out_); }

private:
    void finished(int status) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        pid_ = -1;
    }
    std::string out_, err_;
    pid_t pid_ = -1;
    int status_ = -1;
};

// Documents a reader sees now; 0 while there is no index yet.
std::size_t visible_count(const std::string& db) {
    try {
        return ainews::Searcher(db).document_count();
    } catch (const ainews::Error&) {
        return 0;
    }
}

// Waits until a reader sees at least `n` documents (a commit happened) or the
// process ends.
bool wait_for_commit(Background& bg, const std::string& db, std::size_t n) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (visible_count(db) >= n) return true;
        if (!bg.running()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

}  // namespace

TEST_CASE("bad files are reported as path: reason and skipped; the rest is indexed and the run succeeds",
          "[cli][robustness]") {
    TempDir dir;
    make_corpus(dir, "corpus", 5);
    std::string empty = dir.write("corpus/empty.txt", "");
    std::string binary = dir.write("corpus/binary.txt", std::string("PK\3\4\0\0binary", 12));
    RunResult r = run(index_cmd(dir.str("db"), "--json " + sh_quote(dir.str("corpus"))));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains(empty + ": "));
    CHECK_THAT(r.err, Catch::Contains(binary + ": "));
    CHECK_THAT(r.out, Catch::Contains("\"added\":5"));
    CHECK_THAT(r.out, Catch::Contains("\"skipped\":2"));
}

TEST_CASE("--strict turns any skip into exit 1, after indexing everything else and printing the summary",
          "[cli][robustness]") {
    TempDir dir;
    make_corpus(dir, "corpus", 4);
    dir.write("corpus/empty.txt", " \n");
    std::string db = dir.str("db");
    RunResult r = run(index_cmd(db, "--strict " + sh_quote(dir.str("corpus"))));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("added 4"));
    CHECK_THAT(r.err, Catch::Contains("--strict"));
    CHECK(visible_count(db) == 4);

    fs::remove(dir.str("corpus/empty.txt"));
    RunResult clean = run(index_cmd(db, "--strict " + sh_quote(dir.str("corpus"))));
    CHECK(clean.exit_code == 0);

    RunResult missing = run(index_cmd(db, "--strict " + sh_quote(dir.str("corpus")) + " " + sh_quote(dir.str("nope"))));
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Catch::Contains(dir.str("nope") + ": no such file"));
}

TEST_CASE("a 50 MB single article is reported and skipped; the rest is indexed", "[cli][robustness]") {
    TempDir dir;
    make_corpus(dir, "corpus", 3);
    std::string huge = dir.str("corpus/huge.txt");
    {
        std::string line = "Endless log line with words in it, again and again and again.\n";
        std::ofstream out(huge, std::ios::binary);
        for (std::size_t written = 0; written < 50u * 1024u * 1024u; written += line.size()) out << line;
    }
    RunResult r = run(index_cmd(dir.str("db"), "--strict --json " + sh_quote(dir.str("corpus"))));
    fs::remove(huge);
    INFO(r.err);
    CHECK(r.exit_code == 1);  // --strict
    CHECK_THAT(r.err, Catch::Contains(huge + ": "));
    CHECK_THAT(r.err, Catch::Contains("over the limit"));
    CHECK_THAT(r.out, Catch::Contains("\"added\":3"));
}

TEST_CASE("an unreadable file is reported and skipped; the rest is indexed", "[cli][robustness]") {
    TempDir dir;
    make_corpus(dir, "corpus", 3);
    std::string locked = dir.write("corpus/locked.txt", "Locked\n\nNo one may read this.\n");
    fs::permissions(locked, fs::perms::none);
    std::string db = dir.str("db");
    std::string command = index_cmd(db, "--json " + sh_quote(dir.str("corpus")));
    if (geteuid() == 0) {
        // Root reads any file whatever its mode: run the indexer as nobody instead,
        // in an index folder nobody may write.
        if (run("command -v setpriv").exit_code != 0) {
            WARN("running as root without setpriv: chmod 000 cannot make a file unreadable; skipped");
            return;
        }
        fs::create_directories(db);
        fs::permissions(db, fs::perms::all);
        fs::permissions(dir.path(), fs::perms::all);
        command = "setpriv --reuid=65534 --regid=65534 --clear-groups " + command;
    }
    RunResult r = run(command);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains(locked + ": "));
    CHECK_THAT(r.err, Catch::Contains("ermission denied"));
    CHECK_THAT(r.out, Catch::Contains("\"added\":3"));
    CHECK_THAT(r.out, Catch::Contains("\"skipped\":1"));
}

TEST_CASE("a second ainews-index on a busy index fails with exit 3 under --no-wait, or waits and then runs",
          "[cli][robustness][lock]") {
    TempDir dir;
    make_corpus(dir, "corpus", 3);
    std::string db = dir.str("db");
    auto holder = std::make_unique<ainews::IndexWriter>(db);

    RunResult refused = run(index_cmd(db, "--no-wait " + sh_quote(dir.str("corpus"))));
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.err, Catch::Contains("index " + db + " is busy"));

    Background waiting(dir, {"--db", db, dir.str("corpus")});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (waiting.err().find("waiting") == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_THAT(waiting.err(), Catch::Contains("is busy (") && Catch::Contains("waiting..."));
    CHECK(waiting.running());
    holder.reset();
    CHECK(waiting.wait() == 0);
    CHECK_THAT(waiting.out(), Catch::Contains("added 3"));
}

TEST_CASE("SIGKILL after a commit leaves a searchable index of whole batches; the next run completes it",
          "[cli][robustness][kill]") {
    TempDir dir;
    const int total = 3000;
    make_corpus(dir, "corpus", total);
    std::string db = dir.str("db");
    const std::size_t batch = 100;
    Background bg(dir, {"--db", db, "--batch-size", std::to_string(batch), "-j", "1", dir.str("corpus")});
    REQUIRE(wait_for_commit(bg, db, batch));
    bg.signal(SIGKILL);
    CHECK(bg.wait() == 128 + SIGKILL);

    ainews::Searcher searcher(db);  // opens: the index is consistent
    std::size_t committed = searcher.document_count();
    CHECK(committed >= batch);
    CHECK(committed % batch == 0);
    ainews::SearchRequest marker;
    marker.query = "marker";
    marker.limit = 1;
    CHECK(searcher.search(marker).total == committed);

    RunResult rerun = run(index_cmd(db, "--json " + sh_quote(dir.str("corpus"))));
    INFO(rerun.err);
    CHECK(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains("\"unchanged\":" + std::to_string(committed)));
    CHECK(visible_count(db) == static_cast<std::size_t>(total));
}

TEST_CASE("Ctrl-C stops reading, commits what was read, exits 130; the next run completes it",
          "[cli][robustness][interrupt]") {
    TempDir dir;
    const int total = 3000;
    make_corpus(dir, "corpus", total);
    std::string db = dir.str("db");
    Background bg(dir, {"--db", db, "--batch-size", "100", "-j", "1", dir.str("corpus")});
    REQUIRE(wait_for_commit(bg, db, 100));
    bg.signal(SIGINT);
    int status = bg.wait();
    INFO(bg.err());
    if (status == 0) {
        WARN("the run finished before the signal arrived");
        return;
    }
    CHECK(status == 130);
    CHECK_THAT(bg.err(), Catch::Contains("interrupted"));
    CHECK_THAT(bg.out(), Catch::Contains("added "));  // the summary of what was done
    std::size_t committed = visible_count(db);
    CHECK(committed >= 100);
    CHECK(committed <= static_cast<std::size_t>(total));  // equal if reading had just ended

    RunResult rerun = run(index_cmd(db, sh_quote(dir.str("corpus"))));
    CHECK(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains("unchanged " + std::to_string(committed)));
    CHECK(visible_count(db) == static_cast<std::size_t>(total));
}

TEST_CASE("--rebuild switches in a complete new index and removes the old one", "[cli][robustness][rebuild]") {
    TempDir dir;
    make_corpus(dir, "corpus", 6);
    std::string db = dir.str("db");
    REQUIRE(run(index_cmd(db, sh_quote(dir.str("corpus")))).exit_code == 0);
    make_corpus(dir, "other", 2);
    RunResult r = run(index_cmd(db, "--rebuild " + sh_quote(dir.str("other"))));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(visible_count(db) == 2);
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(db)) entries.push_back(e.path().filename().string());
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "gen-2", "lock"});
}

TEST_CASE("no progress line when stderr is not a terminal, a live one when it is", "[cli][robustness][progress]") {
    TempDir dir;
    make_corpus(dir, "corpus", 20);
    RunResult plain = run(index_cmd(dir.str("db"), sh_quote(dir.str("corpus"))));
    CHECK(plain.exit_code == 0);
    CHECK(plain.err.find('\r') == std::string::npos);
    CHECK(plain.err.find("files,") == std::string::npos);

    if (run("command -v script").exit_code != 0) {
        WARN("no script(1) to give the indexer a terminal; the live case is skipped");
        return;
    }
    // script(1) runs the command on a pseudo-terminal and copies what it prints.
    RunResult live = run("script -qec " + sh_quote(index_cmd(dir.str("db2"), sh_quote(dir.str("corpus")))) + " /dev/null");
    CHECK(live.exit_code == 0);
    CHECK_THAT(live.out, Catch::Contains("\r20/20 files, 20 articles, "));
}

TEST_CASE("--help documents waiting, --no-wait, --rebuild, --strict and the exit codes", "[cli][robustness]") {
    RunResult r = run(sh_quote(index_bin()) + " --help");
    CHECK(r.exit_code == 0);
    for (const char* s : {"--no-wait", "--rebuild", "--strict", "--batch-size", "--max-article-mb", "3 index busy",
                          "130 interrupted"})
        CHECK_THAT(r.out, Catch::Contains(s));
}
