// ainews-entity-eval: precision, recall and F1 of the entity extractor on CoNLL-2003
// dev and on the labelled tech-news sample. Run with no arguments from a build tree:
//   build/tests/ainews-entity-eval
// Options: --conll FILE, --news FILE (JSON Lines), --labels FILE, --entities FILE
// (extra gazetteer entries, repeatable), --errors FILE (false positives and misses),
// --text TEXT (print what is extracted from TEXT, first line = title, and stop).
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "ainews/error.hpp"
#include "tests/eval/entity_eval.hpp"

int main(int argc, char** argv) {
    std::string shared = AINEWS_SHARED_DIR;
    std::string conll = shared + "/data/conll2003/dev.txt";
    std::string news = shared + "/data/tech-news/openai-anthropic-news-2025-2026.jsonl";
    std::string labels = std::string(AINEWS_SOURCE_DIR) + "/tests/data/tech_news_entity_labels.tsv";
    std::string errors_path;
    std::vector<std::string> entity_files;
    std::string text;  // --text: show what is extracted from this text and stop
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "ainews-entity-eval: " << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--conll")
            conll = value();
        else if (a == "--news")
            news = value();
        else if (a == "--labels")
            labels = value();
        else if (a == "--entities")
            entity_files.push_back(value());
        else if (a == "--errors")
            errors_path = value();
        else if (a == "--text")
            text = value();
        else {
            std::cerr << "usage: ainews-entity-eval [--conll FILE] [--news FILE] [--labels FILE] [--entities FILE]... "
                         "[--errors FILE] [--text TEXT]\n";
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    try {
        ainews::Gazetteer gazetteer = ainews::Gazetteer::load_default();
        for (const std::string& f : entity_files) gazetteer.load_file(f);
        ainews::EntityExtractor extractor(gazetteer);
        if (!text.empty()) {
            std::size_t nl = text.find('\n');
            std::string title = nl == std::string::npos ? text : text.substr(0, nl);
            std::string body = nl == std::string::npos ? "" : text.substr(nl + 1);
            auto r = extractor.extract(title, body);
            for (const auto& m : r.mentions) {
                const auto& list = m.type == ainews::EntityType::Company ? r.companies : r.persons;
                const std::string& src = m.in_title ? title : body;
                std::cout << (m.type == ainews::EntityType::Company ? "company " : "person  ") << list[m.entity].name
                          << "\t<- \"" << src.substr(m.begin, m.end - m.begin) << "\"" << (m.in_title ? " (title)" : "")
                          << "\n";
            }
            return 0;
        }
        std::ofstream errors_file;
        ainews::eval::Options options;
        if (!errors_path.empty()) {
            errors_file.open(errors_path);
            options.errors = &errors_file;
        }
        std::vector<ainews::eval::Row> rows;
        namespace fs = std::filesystem;
        if (fs::exists(conll)) {
            auto r = ainews::eval::evaluate_conll(extractor, gazetteer, conll, options);
            rows.insert(rows.end(), r.begin(), r.end());
        } else {
            std::cerr << "ainews-entity-eval: " << conll << " not found, CoNLL skipped\n";
        }
        if (fs::exists(news)) {
            auto r = ainews::eval::evaluate_tech_news(extractor, gazetteer, news, labels, options);
            rows.insert(rows.end(), r.begin(), r.end());
        } else {
            std::cerr << "ainews-entity-eval: " << news << " not found, tech news skipped\n";
        }
        std::cout << ainews::eval::format_table(rows);
        return rows.empty() ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "ainews-entity-eval: " << e.what() << "\n";
        return 1;
    }
}
