// ainews-search: query an index built by ainews-index.
#include <boost/program_options.hpp>

#include <iostream>

#include "ainews/ainews.hpp"
#include "common/cli.hpp"

namespace po = boost::program_options;

namespace {

std::vector<std::string> split_commas(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const std::string& arg : args) {
        std::size_t start = 0;
        while (start <= arg.size()) {
            std::size_t end = arg.find(',', start);
            if (end == std::string::npos) end = arg.size();
            if (end > start) out.push_back(arg.substr(start, end - start));
            start = end + 1;
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    po::options_description visible(
        "Usage: ainews-search [options] [QUERY...]\n\n"
        "QUERY uses Xapian's query syntax: words, \"phrases\", AND/OR/NOT, +word -word,\n"
        "company:NAME person:NAME title:WORD author:NAME source:NAME date:START..END.\n"
        "No query and no filters lists every article.\n\nOptions");
    visible.add_options()
        ("help,h", "show this help")
        ("version", "show the version")
        ("db", po::value<std::string>(), "index folder (default: $AINEWS_DB, else ./ainews.db)")
        ("company", po::value<std::vector<std::string>>()->composing(), "only articles naming this company (repeatable: all must match; aliases resolved)")
        ("person", po::value<std::vector<std::string>>()->composing(), "only articles naming this person (repeatable)")
        ("since", po::value<std::string>(), "published on or after: YYYY, YYYY-MM or YYYY-MM-DD")
        ("until", po::value<std::string>(), "published on or before (inclusive): YYYY, YYYY-MM or YYYY-MM-DD")
        ("sort", po::value<std::string>()->default_value("relevance"), "relevance, newest or oldest")
        ("limit,n", po::value<long long>()->default_value(10), "results per page")
        ("offset", po::value<long long>()->default_value(0), "skip this many results")
        ("facets", po::value<std::vector<std::string>>()->composing(), "count values over the whole match: company,person,month,source")
        ("json", "print results as JSON")
        ("explain", "print the Xapian query instead of searching");
    po::variables_map vm;
    if (auto done = ainews::cli::parse_command_line("ainews-search", argc, argv, visible, "query", "", vm))
        return *done;

    ainews::SearchRequest request;
    if (vm.count("query")) {
        for (const std::string& word : vm["query"].as<std::vector<std::string>>())
            request.query += (request.query.empty() ? "" : " ") + word;
    }
    if (vm.count("company")) request.companies = vm["company"].as<std::vector<std::string>>();
    if (vm.count("person")) request.persons = vm["person"].as<std::vector<std::string>>();
    if (vm.count("since")) request.since = vm["since"].as<std::string>();
    if (vm.count("until")) request.until = vm["until"].as<std::string>();
    std::string sort = vm["sort"].as<std::string>();
    if (sort == "relevance")
        request.sort = ainews::SortOrder::Relevance;
    else if (sort == "newest")
        request.sort = ainews::SortOrder::Newest;
    else if (sort == "oldest")
        request.sort = ainews::SortOrder::Oldest;
    else
        return ainews::cli::usage_error("ainews-search", "--sort must be relevance, newest or oldest, not '" + sort + "'");
    long long limit = vm["limit"].as<long long>();
    long long offset = vm["offset"].as<long long>();
    if (limit < 0 || limit > 100000) return ainews::cli::usage_error("ainews-search", "--limit must be between 0 and 100000");
    if (offset < 0) return ainews::cli::usage_error("ainews-search", "--offset must not be negative");
    request.limit = static_cast<std::size_t>(limit);
    request.offset = static_cast<std::size_t>(offset);
    if (vm.count("facets")) request.facets = split_commas(vm["facets"].as<std::vector<std::string>>());
    bool json = vm.count("json") > 0;
    if (json) request.highlight_start = request.highlight_end = "**";

    try {
        ainews::Searcher searcher(ainews::cli::db_path(vm.count("db") ? vm["db"].as<std::string>() : ""));
        if (vm.count("explain")) {
            std::cout << searcher.describe(request) << "\n";
            return 0;
        }
        ainews::SearchResults results = searcher.search(request);
        std::cout << (json ? ainews::results_to_json(results) + "\n" : ainews::results_to_text(results));
        return 0;
    } catch (const ainews::Error& e) {
        std::cerr << "ainews-search: " << e.what() << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << "ainews-search: " << e.what() << "\n";
        return 1;
    }
}
