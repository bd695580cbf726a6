// The whole indexing run: walk paths, read, extract, write, summarise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ainews/article.hpp"
#include "ainews/reader.hpp"

namespace ainews {

// Where a run stands, for a progress line. Byte counts drive the time-left
// estimate: articles per file vary too much to count ahead.
struct IndexProgress {
    std::size_t files_done = 0;
    std::size_t files_total = 0;
    std::size_t articles_done = 0;   // stored or found unchanged
    std::uint64_t bytes_done = 0;    // input read so far (estimated inside a file)
    std::uint64_t bytes_total = 0;
    double seconds = 0;              // since the run started
    bool final = false;              // the last call of the run

    double articles_per_second() const;
    std::optional<double> seconds_left() const;  // nullopt until an estimate makes sense
};

// "1234/19043 files, 1234 articles, 850/s, 0:21 left"
std::string progress_line(const IndexProgress& progress);

struct IndexOptions {
    std::string db_path;
    bool prune = false;      // delete articles whose files are gone (see index_files)
    bool rebuild = false;    // build a fresh index beside the old one and switch atomically
    unsigned jobs = 0;       // worker threads; 0 = all cores
    // Commit after this many changed articles. Xapian buffers a batch in maps keyed
    // by term, which get slower to update as they grow: on Reuters-21578 a fresh
    // build was 7% faster with 500 than with 1000, and 250 was slower again.
    std::size_t batch_size = 500;
    // Writer threads for a fresh build (first build or --rebuild), merged at the end;
    // 0 = automatic: one per job when the input is large enough to gain from it.
    unsigned shards = 0;
    bool wait_if_busy = false;      // another writer holds the index: wait (else Error(Busy))
    std::vector<std::string> entity_files;  // --entities: extra or overriding gazetteer entries
    ReaderOptions reader;
    std::function<void(const Diagnostic&)> on_diagnostic;
    // Notes about the run itself rather than an input ("index ... is busy; waiting...").
    std::function<void(const std::string&)> on_message;
    // Called from the writing thread at most about four times a second, and once at
    // the end with final set.
    std::function<void(const IndexProgress&)> on_progress;
    // Polled between articles (and while waiting for a busy index): true stops
    // reading; what was read is still stored and committed, and the summary says
    // interrupted. Must be cheap and thread-safe (a signal flag).
    std::function<bool()> cancelled;
};

struct IndexSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t deleted = 0;
    std::size_t skipped = 0;    // articles, files and paths reported and not indexed
    std::size_t converted = 0;  // files decoded from a legacy encoding
    std::size_t documents = 0;  // documents in the index afterwards
    bool interrupted = false;   // stopped by `cancelled`: committed so far, not pruned or switched
};

// One input file: its path, its id base (path relative to the argument it was found
// under) and collection name (the argument's folder name).
struct InputFile {
    std::string path;
    std::string id_base;
    std::string collection;
    std::uint64_t size = 0;  // bytes when collected (for progress only)
};

// What a run reads: supported files under the given paths, in a stable order.
struct InputSet {
    std::vector<InputFile> files;
    // Folders that exist but could not be listed: their files are unknown this run,
    // so --prune keeps whatever was indexed from them. Same fields as a file, with
    // id_base the folder's relative path.
    std::vector<InputFile> unlisted_folders;
    std::size_t skipped = 0;  // paths reported and skipped while collecting
};
InputSet collect_input_files(const std::vector<std::string>& paths,
                             const std::function<void(const Diagnostic&)>& on_diagnostic);

// Indexes the files. With options.prune, articles not met in this run are deleted,
// except those of a file that exists but was skipped in whole or in part (unreadable,
// too large, bad record, vanished while the run was going) or lies under an unlisted
// folder: a transient problem with a file must not lose what was indexed from it.
IndexSummary index_files(const InputSet& input, const IndexOptions& options);
// collect_input_files, then index_files.
IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options);

// --extract: read and extract without writing an index.
void extract_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   const std::function<void(const Article&)>& sink);

}  // namespace ainews
