// ainews-index: build or update an index from files and folders.
#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "ainews/ainews.hpp"
#include "common/cli.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    po::options_description visible("Usage: ainews-index [options] PATH...\n\n"
                                    "Indexes articles into a Xapian index: .txt, .md, .html, .jsonl/.ndjson (also .gz)\n"
                                    "files, folders recursively. Legacy encodings are converted to UTF-8.\n\nOptions");
    std::vector<std::string> fields;
    visible.add_options()
        ("help,h", "show this help")
        ("version", "show the version")
        ("db", po::value<std::string>(), "index folder (default: $AINEWS_DB, else ./ainews.db)")
        ("extract", "print one JSON object per article (id, source, title, date, authors, companies, persons); write no index")
        ("prune", "delete articles whose files are gone")
        ("entities", po::value<std::vector<std::string>>()->composing(), "extra or overriding gazetteer entries (TSV, repeatable)")
        ("field", po::value<std::vector<std::string>>(&fields)->composing(),
         "NAME=JSONKEY: read an article field from another key of JSON Lines records (repeatable; "
         "NAME: id, title, body, date, url, source, authors, companies, persons; e.g. persons=people; "
         "an empty JSONKEY ignores the field in the input)")
        ("jobs,j", po::value<unsigned>()->default_value(0), "worker threads (0 = all cores)")
        ("json", "print the summary as JSON")
        ("quiet,q", "no per-file messages, only the summary");
    po::options_description hidden;
    hidden.add_options()("path", po::value<std::vector<std::string>>()->composing(), "input");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("path", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return ainews::cli::usage_error("ainews-index", e.what());
    }
    if (vm.count("help")) {
        std::cout << visible << "\n";
        return 0;
    }
    if (vm.count("version")) {
        std::cout << "ainews-index " << ainews::kVersion << "\n";
        return 0;
    }
    if (!vm.count("path")) return ainews::cli::usage_error("ainews-index", "no PATH given (files or folders to index)");
    std::vector<std::string> paths = vm["path"].as<std::vector<std::string>>();

    ainews::IndexOptions options;
    options.db_path = ainews::cli::db_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    options.prune = vm.count("prune") > 0;
    options.jobs = vm["jobs"].as<unsigned>();
    if (vm.count("entities")) options.entity_files = vm["entities"].as<std::vector<std::string>>();
    try {
        for (const std::string& spec : fields) ainews::add_field_mapping(options.reader, spec);
    } catch (const ainews::Error& e) {
        return ainews::cli::usage_error("ainews-index", e.what());
    }
    bool quiet = vm.count("quiet") > 0;
    options.on_diagnostic = [quiet](const ainews::Diagnostic& d) {
        if (!quiet || d.skipped) std::cerr << d.origin << ": " << d.message << (d.skipped ? " (skipped)" : "") << "\n";
    };

    try {
        if (vm.count("extract")) {
            ainews::extract_paths(paths, options, [](const ainews::Article& a) {
                std::cout << ainews::article_to_json(a) << "\n";
            });
            return 0;
        }
        ainews::IndexSummary summary = ainews::index_paths(paths, options);
        if (vm.count("json"))
            std::cout << ainews::summary_to_json(summary) << "\n";
        else
            std::cout << ainews::summary_to_text(summary) << "\n";
        return 0;
    } catch (const ainews::Error& e) {
        std::cerr << "ainews-index: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "ainews-index: " << e.what() << "\n";
        return 1;
    }
}
