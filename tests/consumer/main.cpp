// Indexes a folder and searches it using only the installed public headers.
#include <ainews/ainews.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: consumer CORPUS DB\n";
        return 2;
    }
    try {
        ainews::IndexOptions options;
        options.db_path = argv[2];
        ainews::IndexSummary summary = ainews::index_paths({argv[1]}, options);
        ainews::Searcher searcher(argv[2]);
        ainews::SearchRequest request;
        request.companies = {"TML"};
        ainews::SearchResults results = searcher.search(request);
        std::cout << "added " << summary.added << ", TML articles " << results.total << "\n";
        return summary.added == 4 && results.total == 2 ? 0 : 1;
    } catch (const ainews::Error& e) {
        std::cerr << "consumer: " << e.what() << "\n";
        return 1;
    }
}
