// ainews-index: build or update an index from files and folders.
#include <boost/program_options.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "ainews/ainews.hpp"
#include "common/cli.hpp"
#include "common/console.hpp"

namespace po = boost::program_options;

namespace {

// Ctrl-C (or SIGTERM) asks the run to stop: reading stops, what was read is stored
// and committed, and the exit status is 128 + signal. SA_RESETHAND: a second Ctrl-C
// kills at once (Xapian's atomic commits keep the index consistent even then).
std::atomic<int> stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "set from a signal handler");

extern "C" void on_stop_signal(int sig) { stop_signal = sig; }

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

const char* kExitStatus =
    "Exit status: 0 done; 1 error, or with --strict some input skipped; 2 bad usage;\n"
    "3 index busy (with --no-wait); 130 interrupted by Ctrl-C (what was committed stays\n"
    "searchable; run the same command again to finish).\n"
    "Bad input never stops a run: each problem is reported as 'path: reason' or\n"
    "'path:line: reason' and the rest is indexed. Articles over --max-article-mb are\n"
    "skipped. --prune keeps the articles of files that exist but could not be read.\n"
    "If another ainews-index is writing the same index, this one says so and waits\n"
    "for it (or, with --no-wait, exits 3). On a terminal, a progress line is shown.\n";

}  // namespace

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
        ("rebuild", "build a fresh index beside the old one and switch to it when complete (searches see the old index until then)")
        ("no-wait", "if another ainews-index is writing the index, fail at once (exit 3) instead of waiting for it")
        ("strict", "exit 1 if any file or article was skipped (after indexing the rest and printing the summary)")
        ("batch-size", po::value<std::size_t>()->default_value(ainews::IndexOptions{}.batch_size), "commit after this many changed articles (in a fresh build, each writer thread commits that often)")
        ("max-article-mb", po::value<std::size_t>()->default_value(32), "skip articles (files) larger than this")
        ("entities", po::value<std::vector<std::string>>()->composing(), "extra or overriding gazetteer entries (TSV, repeatable)")
        ("field", po::value<std::vector<std::string>>(&fields)->composing(),
         "NAME=JSONKEY: read an article field from another key of JSON Lines records (repeatable; "
         "NAME: id, title, body, date, url, source, authors, companies, persons; e.g. persons=people; "
         "an empty JSONKEY ignores the field in the input)")
        ("jobs,j", po::value<unsigned>()->default_value(0), "worker threads for extraction, and parallel writers for a fresh build of 4 MB or more (0 = all cores)")
        ("json", "print the summary as JSON")
        ("quiet,q", "no per-file messages, only the summary");
    po::variables_map vm;
    if (auto done = ainews::cli::parse_command_line("ainews-index", argc, argv, visible, "path", kExitStatus, vm))
        return *done;
    if (!vm.count("path")) return ainews::cli::usage_error("ainews-index", "no PATH given (files or folders to index)");
    std::vector<std::string> paths = vm["path"].as<std::vector<std::string>>();

    ainews::IndexOptions options;
    options.db_path = ainews::cli::db_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    options.prune = vm.count("prune") > 0;
    options.rebuild = vm.count("rebuild") > 0;
    options.wait_if_busy = vm.count("no-wait") == 0;
    options.jobs = vm["jobs"].as<unsigned>();
    options.batch_size = vm["batch-size"].as<std::size_t>();
    options.reader.max_article_bytes = vm["max-article-mb"].as<std::size_t>() * 1024 * 1024;
    if (vm.count("entities")) options.entity_files = vm["entities"].as<std::vector<std::string>>();
    try {
        for (const std::string& spec : fields) ainews::add_field_mapping(options.reader, spec);
    } catch (const ainews::Error& e) {
        return ainews::cli::usage_error("ainews-index", e.what());
    }
    bool quiet = vm.count("quiet") > 0;
    ainews::cli::Console console;
    options.on_diagnostic = [quiet, &console](const ainews::Diagnostic& d) {
        if (!quiet || d.skipped) console.message(d.origin + ": " + d.message + (d.skipped ? " (skipped)" : ""));
    };
    options.on_message = [&console](const std::string& m) { console.message("ainews-index: " + m); };
    if (console.live() && !quiet)
        options.on_progress = [&console](const ainews::IndexProgress& p) { console.progress(ainews::progress_line(p)); };
    options.cancelled = [] { return stop_signal.load() != 0; };
    install_stop_handlers();

    try {
        if (vm.count("extract")) {
            ainews::extract_paths(paths, options, [](const ainews::Article& a) {
                std::cout << ainews::article_to_json(a) << "\n";
            });
            return 0;
        }
        ainews::IndexSummary summary = ainews::index_paths(paths, options);
        console.finish();
        if (vm.count("json"))
            std::cout << ainews::summary_to_json(summary) << "\n";
        else
            std::cout << ainews::summary_to_text(summary) << "\n";
        std::cout.flush();
        if (summary.interrupted) {
            console.message(options.rebuild
                                ? "ainews-index: interrupted; the rebuild was abandoned, the index is as it was"
                                : "ainews-index: interrupted; what was indexed so far is committed, run again to finish");
            return 128 + (stop_signal ? stop_signal.load() : SIGINT);
        }
        if (vm.count("strict") && summary.skipped) {
            console.message("ainews-index: " + std::to_string(summary.skipped) + " skipped (--strict)");
            return 1;
        }
        return 0;
    } catch (const ainews::Error& e) {
        console.finish();
        console.message(std::string("ainews-index: ") + e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        console.finish();
        console.message(std::string("ainews-index: ") + e.what());
        return 1;
    }
}
