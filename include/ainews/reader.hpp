// Readers turn one input file into articles. The format is chosen by file name.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ainews/article.hpp"

namespace ainews {

struct ReaderOptions {
    // --field NAME=JSONKEY: maps an article field to another key in JSON Lines input.
    std::map<std::string, std::string> field_map;
    // Articles (files) larger than this are skipped with a message. 32 MB is far
    // beyond any real article yet keeps a stray dump or log file from being loaded
    // whole and indexed as one enormous document.
    std::size_t max_article_bytes = 32u * 1024u * 1024u;
};

// Where a warning or a skip happened and why: printed as "origin: message".
struct Diagnostic {
    std::string origin;  // "path" or "path:line"
    std::string message;
    bool skipped;        // true when an article (or the whole file) was not indexed
};

struct ReadCallbacks {
    std::function<void(Article&&)> article;
    std::function<void(const Diagnostic&)> diagnostic;
    std::function<void(const std::string& path, const std::string& from_encoding)> converted;
};

// The article fields a JSON Lines record can supply, and so the NAMEs --field accepts:
// id, title, body, date, url, source, authors, companies, persons.
const std::vector<std::string>& json_field_names();

// Adds one "NAME=JSONKEY" mapping (the --field option) to options.field_map. An empty
// JSONKEY ("companies=") ignores that field in the input, so it is extracted instead.
// Throws ainews::Error(Usage) for an unknown NAME or a missing '='.
void add_field_mapping(ReaderOptions& options, const std::string& spec);

// True when some reader handles this file name: .txt, .text, .md, .markdown, .html, .htm,
// .jsonl, .ndjson, .jsonl.gz, .ndjson.gz.
bool is_supported_file(const std::string& path);

// Reads `path`; `id_base` is its path relative to the argument it was found under,
// used as the article id (or id prefix for multi-article files); `collection` is the
// default source. Articles are delivered with layout fields filled, entities not.
void read_file(const std::string& path, const std::string& id_base, const std::string& collection,
               const ReaderOptions& options, const ReadCallbacks& callbacks);

}  // namespace ainews
