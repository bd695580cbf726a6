// extract_speed: single-threaded throughput of EntityExtractor::extract in MB/s of
// text (title + body), on JSON Lines corpora such as Reuters-21578 and the tech-news
// sample. Loads all articles first so that only extraction is timed.
//   build/bench/extract_speed [--repeat N] FILE.jsonl...
// Defaults to ../shared/data/reuters21578/reuters21578.jsonl and the tech-news file.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"

namespace {

struct Doc {
    std::string title, body;
};

std::vector<Doc> load(const std::string& path) {
    std::vector<Doc> docs;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded()) continue;
        docs.push_back({j.value("title", ""), j.value("body", "")});
    }
    return docs;
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 3;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else
            files.push_back(a);
    }
    if (files.empty()) {
        std::string shared = AINEWS_SHARED_DIR;
        files = {shared + "/data/reuters21578/reuters21578.jsonl",
                 shared + "/data/tech-news/openai-anthropic-news-2025-2026.jsonl"};
    }
    ainews::Gazetteer gazetteer = ainews::Gazetteer::load_default();
    auto t0 = std::chrono::steady_clock::now();
    ainews::EntityExtractor extractor(gazetteer);
    double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("gazetteer: %zu entries, %zu given names; extractor built in %.1f ms\n", gazetteer.entries().size(),
                gazetteer.given_name_count(), build_ms);
    std::printf("%-40s %8s %9s %9s %10s %10s\n", "corpus", "docs", "MB", "seconds", "MB/s", "entities");
    for (const std::string& f : files) {
        std::vector<Doc> docs = load(f);
        if (docs.empty()) {
            std::fprintf(stderr, "extract_speed: %s: no articles (missing?)\n", f.c_str());
            continue;
        }
        std::size_t bytes = 0;
        for (const Doc& d : docs) bytes += d.title.size() + d.body.size();
        double best = 1e300;
        std::size_t found = 0;
        for (int r = 0; r < repeat; ++r) {
            found = 0;
            auto start = std::chrono::steady_clock::now();
            for (const Doc& d : docs) {
                auto res = extractor.extract(d.title, d.body);
                found += res.companies.size() + res.persons.size();
            }
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::string name = f.substr(f.find_last_of('/') + 1);
        std::printf("%-40s %8zu %9.2f %9.3f %10.1f %10zu\n", name.c_str(), docs.size(), bytes / 1e6, best,
                    bytes / 1e6 / best, found);
    }
    return 0;
}
