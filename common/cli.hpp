// Small pieces both command-line tools share.
#pragma once

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "ainews/version.hpp"

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

// Parses argv: the `visible` options plus positional arguments gathered under
// `positional` (a repeatable string option). Answers --help (the options, then
// `help_tail`) and --version itself. Returns the exit code to end with at once, or
// nullopt to go on with `vm` filled.
inline std::optional<int> parse_command_line(const char* program, int argc, char** argv,
                                              const boost::program_options::options_description& visible,
                                              const char* positional, const std::string& help_tail,
                                              boost::program_options::variables_map& vm) {
    namespace po = boost::program_options;
    po::options_description hidden;
    hidden.add_options()(positional, po::value<std::vector<std::string>>()->composing(), positional);
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positionals;
    positionals.add(positional, -1);
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positionals).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error(program, e.what());
    }
    if (vm.count("help")) {
        std::cout << visible << "\n" << help_tail;
        return 0;
    }
    if (vm.count("version")) {
        std::cout << program << " " << kVersion << "\n";
        return 0;
    }
    return std::nullopt;
}

}  // namespace ainews::cli
