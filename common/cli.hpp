// Small pieces both command-line tools share.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>

namespace ainews::cli {

// --db if given, else $AINEWS_DB, else ./ainews.db.
inline std::string db_path(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("AINEWS_DB"); env && *env) return env;
    return "ainews.db";
}

// A bad option or argument: a message, a hint, and exit status 2.
inline int usage_error(const char* program, const std::string& message) {
    std::cerr << program << ": " << message << "\n" << "Try '" << program << " --help'.\n";
    return 2;
}

}  // namespace ainews::cli
