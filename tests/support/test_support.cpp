#include "tests/support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ainews::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = fs::temp_directory_path() /
                             ("ainews-test-" + std::to_string(getpid()) + "-" + std::to_string(rd() % 1000000));
        std::error_code ec;
        if (fs::create_directory(candidate, ec)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& relative, const std::string& bytes) const {
    fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
}

std::string sh_quote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

RunResult run(const std::string& command_line) {
    TempDir tmp;
    std::string out = tmp.str("out"), err = tmp.str("err");
    std::string full = "( " + command_line + " ) >" + sh_quote(out) + " 2>" + sh_quote(err) + " </dev/null";
    int status = std::system(full.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

std::string source_dir() { return AINEWS_SOURCE_DIR; }
std::string corpus_dir() { return source_dir() + "/corpus"; }
std::string shared_dir() { return AINEWS_SHARED_DIR; }
std::string index_bin() { return AINEWS_INDEX_BIN; }
std::string search_bin() { return AINEWS_SEARCH_BIN; }

}  // namespace ainews::test
