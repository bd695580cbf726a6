// Measures the entity extractor against labelled data: CoNLL-2003 (persons, and
// company precision against ORG spans) and a hand-labelled tech-news sample.
// The matching rules are written out in entity_eval.cpp's header comment and in
// tests/eval/README.md.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "ainews/extract.hpp"
#include "ainews/gazetteer.hpp"

namespace ainews::eval {

struct Score {
    std::size_t gold = 0;               // (document, name) pairs in the labels
    std::size_t predicted = 0;          // (document, name) pairs the extractor gave
    std::size_t gold_found = 0;         // gold pairs matched by some prediction
    std::size_t predicted_correct = 0;  // predictions matching some gold pair
    bool has_recall = true;             // false where only precision is defined

    double precision() const;
    double recall() const;
    double f1() const;
};

struct Row {
    std::string dataset;
    std::string type;  // "person" or "company"
    std::size_t documents = 0;
    Score score;
};

// Where errors go (false positives and misses, one per line), or nullptr.
struct Options {
    std::ostream* errors = nullptr;
};

// CoNLL-2003 column file (IOB1, -DOCSTART- between documents).
std::vector<Row> evaluate_conll(const EntityExtractor& extractor, const Gazetteer& gazetteer, const std::string& path,
                                const Options& options = {});

// Labels TSV (id, companies, persons) against the tech-news JSON Lines file.
std::vector<Row> evaluate_tech_news(const EntityExtractor& extractor, const Gazetteer& gazetteer,
                                    const std::string& jsonl_path, const std::string& labels_path,
                                    const Options& options = {});

std::string format_table(const std::vector<Row>& rows);

// Exposed for tests: the normal form names are compared in, and the person rule.
std::string normalise_name(const std::string& name);
bool person_matches(const std::string& predicted_normal, const std::string& gold_normal);

}  // namespace ainews::eval
