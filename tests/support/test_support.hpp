// Helpers every test program shares: temporary folders, files, and running the tools.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ainews::test {

// A fresh folder removed when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string str(const std::string& child = "") const { return child.empty() ? path_.string() : (path_ / child).string(); }
    // Writes bytes to a file under the folder (creating parent folders).
    std::string write(const std::string& relative, const std::string& bytes) const;

private:
    std::filesystem::path path_;
};

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command line; stdout and stderr are captured separately.
RunResult run(const std::string& command_line);

// Quotes one argument for /bin/sh.
std::string sh_quote(const std::string& arg);

// The project's paths and tools.
std::string source_dir();
std::string corpus_dir();
std::string shared_dir();  // ../shared beside the checkout (may not exist)
std::string index_bin();
std::string search_bin();
std::string read_file(const std::string& path);

}  // namespace ainews::test
