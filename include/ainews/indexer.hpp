// The whole indexing run: walk paths, read, extract, write, summarise.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "ainews/article.hpp"
#include "ainews/reader.hpp"

namespace ainews {

struct IndexOptions {
    std::string db_path;
    bool prune = false;      // delete articles whose files are gone
    bool rebuild = false;    // build a fresh index beside the old one and switch atomically
    unsigned jobs = 0;       // worker threads; 0 = all cores
    std::vector<std::string> entity_files;  // --entities: extra or overriding gazetteer entries
    ReaderOptions reader;
    std::function<void(const Diagnostic&)> on_diagnostic;
    // Called now and then with articles done so far (for a progress line).
    std::function<void(std::size_t files_done, std::size_t files_total, std::size_t articles_done)> on_progress;
};

struct IndexSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t deleted = 0;
    std::size_t skipped = 0;
    std::size_t converted = 0;  // files decoded from a legacy encoding
    std::size_t documents = 0;  // documents in the index afterwards
};

// Files under `paths` (recursively) that some reader supports, in a stable order,
// each with its id base (path relative to the argument) and collection name.
struct InputFile {
    std::string path;
    std::string id_base;
    std::string collection;
};
std::vector<InputFile> collect_input_files(const std::vector<std::string>& paths,
                                           const std::function<void(const Diagnostic&)>& on_diagnostic);

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options);

// --extract: read and extract without writing an index.
void extract_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   const std::function<void(const Article&)>& sink);

}  // namespace ainews
