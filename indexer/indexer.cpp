// The indexing run: files are read in order on one thread, extraction and document
// building run on worker threads, and one writer stores documents in input order
// (so document ids, and ties in ranking, are the same on every run).
#include "ainews/indexer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "ainews/error.hpp"
#include "ainews/extract.hpp"
#include "ainews/index_writer.hpp"
#include "ainews/schema.hpp"
#include "common/bounded_queue.hpp"
#include "common/database.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_writer_impl.hpp"

namespace ainews {

namespace fs = std::filesystem;

namespace {

// Articles travel between threads in batches: one queue hand-off per article cost
// more than the work itself on a rerun, where most articles are only hashed.
constexpr std::size_t kBatch = 32;
constexpr std::size_t kQueueBatches = 16;
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

void report(const IndexOptions& options, const Diagnostic& d) {
    if (options.on_diagnostic) options.on_diagnostic(d);
}

bool is_cancelled(const IndexOptions& options) { return options.cancelled && options.cancelled(); }

Gazetteer load_gazetteer(const IndexOptions& options) {
    Gazetteer g = Gazetteer::load_default();
    for (const std::string& file : options.entity_files) g.load_file(file);
    return g;
}

// Changes whenever extraction would give other results: the gazetteer's content
// and the extractor's own version.
std::string extraction_fingerprint(const Gazetteer& g) {
    // The document layout's version rides along: a change to how documents are
    // built (stemming, fields) must rewrite unchanged articles too.
    return std::string(kDocumentLayoutVersion) + "-" + EntityExtractor::fingerprint_for(g);
}

// Below this much input a fresh build uses one writer (merging costs a little).
constexpr std::uint64_t kShardedBuildMinBytes = 4u << 20;

unsigned worker_count(unsigned jobs) {
    if (jobs) return jobs;
    unsigned n = std::thread::hardware_concurrency();
    return n ? n : 1;
}

// "collection/relative/path": names an input file the same way on every run,
// whatever the current folder, for the file term --prune relies on.
std::string file_key(const InputFile& f) { return f.collection + "/" + f.id_base; }

// Thrown out of read_file when the run is cancelled. Not a std::exception, so that a
// reader's handler for bad records cannot mistake it for one.
struct Cancelled {};

struct Unchanged {
    Xapian::docid docid;
};

// From the reader: an article to extract and store, or one found unchanged (then
// the article itself is dropped at once, and only its docid travels on).
struct RawItem {
    std::size_t sequence;
    std::size_t file;
    Article article;
    std::string hash;
    Xapian::docid unchanged = 0;
};

struct DoneItem {
    std::size_t sequence;
    std::variant<PreparedDocument, Unchanged> outcome;
};

using RawBatch = std::vector<RawItem>;
using DoneBatch = std::vector<DoneItem>;

// Per-file bookkeeping the reader keeps for prune protection and progress.
struct FileState {
    bool had_skip = false;  // a diagnostic skipped the file or one of its records
};

// Extraction is built on first need: a rerun over an unchanged corpus never needs
// the matcher, and building it is the largest fixed cost of a run.
class LazyExtractor {
public:
    explicit LazyExtractor(const Gazetteer& g) : gazetteer_(g) {}
    const EntityExtractor& get() {
        std::call_once(once_, [&] { extractor_.emplace(gazetteer_); });
        return *extractor_;
    }

private:
    const Gazetteer& gazetteer_;
    std::once_flag once_;
    std::optional<EntityExtractor> extractor_;
};

}  // namespace

double IndexProgress::articles_per_second() const { return seconds > 0 ? articles_done / seconds : 0.0; }

std::optional<double> IndexProgress::seconds_left() const {
    // Too early, or nothing to go by: an estimate would only flicker.
    if (bytes_total == 0 || bytes_done == 0 || seconds < 1.0) return std::nullopt;
    double fraction = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(bytes_total));
    return seconds * (1.0 - fraction) / fraction;
}

std::string progress_line(const IndexProgress& p) {
    auto clock = [](double s) {
        long total = std::lround(s);
        char buf[32];
        if (total >= 3600)
            std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
        else
            std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
        return std::string(buf);
    };
    std::string line = std::to_string(p.files_done) + "/" + std::to_string(p.files_total) + " files, " +
                       std::to_string(p.articles_done) + " articles, " +
                       std::to_string(std::lround(p.articles_per_second())) + "/s";
    if (p.final)
        line += ", " + clock(p.seconds);
    else if (auto left = p.seconds_left())
        line += ", " + clock(*left) + " left";
    return line;
}

InputSet collect_input_files(const std::vector<std::string>& paths,
                             const std::function<void(const Diagnostic&)>& on_diagnostic) {
    InputSet input;
    auto skip = [&](const std::string& origin, const std::string& message) {
        ++input.skipped;
        if (on_diagnostic) on_diagnostic({origin, message, true});
    };
    for (const std::string& arg : paths) {
        std::error_code ec;
        fs::path root(arg);
        fs::file_status status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            skip(arg, "no such file or directory");
            continue;
        }
        std::string collection = root.lexically_normal().filename().string();
        if (collection.empty() || collection == ".") collection = fs::absolute(root).lexically_normal().parent_path().filename().string();
        if (fs::is_regular_file(status)) {
            input.files.push_back({arg, root.filename().string(), collection, fs::file_size(root, ec)});
            continue;
        }
        // Walked folder by folder rather than with recursive_directory_iterator, which
        // stops at the first folder it cannot open: an unreadable subfolder is
        // reported and remembered (its articles must survive --prune), and the walk
        // goes on.
        std::vector<InputFile> found;
        std::vector<fs::path> pending{root};
        while (!pending.empty()) {
            fs::path dir = pending.back();
            pending.pop_back();
            std::string rel = dir == root ? std::string() : dir.lexically_relative(root).string();
            fs::directory_iterator it(dir, ec), end;
            if (ec) {
                skip(dir.string(), "cannot read folder: " + ec.message());
                input.unlisted_folders.push_back({dir.string(), rel, collection, 0});
                continue;
            }
            for (; it != end; it.increment(ec)) {
                if (ec) break;
                const fs::directory_entry& entry = *it;
                std::string name = entry.path().filename().string();
                if (!name.empty() && name[0] == '.') continue;  // hidden files, editor droppings
                std::error_code type_ec;
                if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
                    pending.push_back(entry.path());
                    continue;
                }
                if (!entry.is_regular_file(type_ec)) continue;
                std::string path = entry.path().string();
                if (!is_supported_file(path)) continue;
                std::uint64_t size = entry.file_size(type_ec);
                found.push_back({path, entry.path().lexically_relative(root).string(), collection, type_ec ? 0 : size});
            }
            if (ec) {
                skip(dir.string(), "cannot read folder: " + ec.message());
                input.unlisted_folders.push_back({dir.string(), rel, collection, 0});
            }
        }
        std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
        input.files.insert(input.files.end(), found.begin(), found.end());
    }
    return input;
}

namespace {

// Reads every file in order and hands each article to `sink` with its file's index.
void read_all(const std::vector<InputFile>& files, const IndexOptions& options, std::vector<FileState>& states,
              std::size_t& skipped, std::size_t& converted,
              const std::function<void(std::size_t, Article&&)>& sink,
              const std::function<void(std::size_t)>& after_file) {
    std::size_t current = 0;
    ReadCallbacks callbacks;
    callbacks.article = [&](Article&& a) { sink(current, std::move(a)); };
    callbacks.diagnostic = [&](const Diagnostic& d) {
        if (d.skipped) {
            ++skipped;
            if (current < states.size()) states[current].had_skip = true;
        }
        report(options, d);
    };
    callbacks.converted = [&](const std::string& path, const std::string& from) {
        ++converted;
        report(options, {path, "converted from " + from, false});
    };
    for (current = 0; current < files.size(); ++current) {
        if (is_cancelled(options)) return;
        read_file(files[current].path, files[current].id_base, files[current].collection, options.reader, callbacks);
        if (after_file) after_file(current);
    }
}

}  // namespace

void extract_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   const std::function<void(const Article&)>& sink) {
    Gazetteer gazetteer = load_gazetteer(options);
    EntityExtractor extractor(gazetteer);
    InputSet input = collect_input_files(paths, options.on_diagnostic);
    std::vector<FileState> states(input.files.size());
    std::size_t skipped = 0, converted = 0;
    read_all(input.files, options, states, skipped, converted,
             [&](std::size_t, Article&& a) {
                 extractor.fill(a);
                 sink(a);
             },
             nullptr);
}

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options) {
    return index_files(collect_input_files(paths, options.on_diagnostic), options);
}

IndexSummary index_files(const InputSet& input, const IndexOptions& options) {
    if (options.db_path.empty()) throw Error(ErrorCode::Usage, "no index path given (--db)");
    const auto started = std::chrono::steady_clock::now();
    const std::vector<InputFile>& files = input.files;
    Gazetteer gazetteer = load_gazetteer(options);
    LazyExtractor extractor(gazetteer);
    const std::string fingerprint = extraction_fingerprint(gazetteer);

    IndexSummary summary;
    summary.skipped = input.skipped;
    WriterOptions writer_options;
    writer_options.batch_size = std::max<std::size_t>(1, options.batch_size);
    writer_options.rebuild = options.rebuild;
    // Parallel writers pay off once Xapian's work dominates; a handful of files is
    // written by one writer, in input order.
    std::uint64_t input_bytes = 0;
    for (const InputFile& f : files) input_bytes += f.size;
    if (options.shards)
        writer_options.shards = options.shards;
    else if (input_bytes >= kShardedBuildMinBytes)
        writer_options.shards = worker_count(options.jobs);
    writer_options.wait_if_busy = options.wait_if_busy;
    writer_options.on_wait = options.on_message;
    writer_options.cancelled = options.cancelled;
    std::optional<IndexWriter> writer_holder;
    try {
        writer_holder.emplace(options.db_path, writer_options);
    } catch (const Error& e) {
        // Ctrl-C while waiting for a busy index: an interrupted run that did nothing.
        if (e.code() == ErrorCode::Busy && is_cancelled(options)) {
            summary.interrupted = true;
            return summary;
        }
        throw;
    }
    IndexWriter& writer = *writer_holder;
    IndexWriter::Impl& w = writer.impl();
    writer.store_aliases(gazetteer);

    // The file term of each input and the content-hash configuration it implies: an
    // article that moves to another file is stored again, with its new file term.
    const Field& file_field = schema_field("file");
    std::vector<std::string> file_terms, file_configs;
    file_terms.reserve(files.size());
    file_configs.reserve(files.size());
    std::uint64_t bytes_total = 0;
    for (const InputFile& f : files) {
        file_terms.push_back(field_term(file_field, file_key(f)));
        file_configs.push_back(fingerprint + '\x1f' + file_key(f));
        bytes_total += f.size;
    }

    const unsigned workers = worker_count(options.jobs);
    BoundedQueue<RawBatch> raw(kQueueBatches);
    BoundedQueue<DoneBatch> done(kQueueBatches);
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = e;
        failed = true;
    };

    std::vector<FileState> states(files.size());
    std::size_t skipped = 0, converted = 0, articles_read = 0;
    std::atomic<std::size_t> files_done{0};
    std::atomic<std::uint64_t> bytes_done{0};
    std::atomic<bool> interrupted{false};
    std::thread reader([&] {
        RawBatch batch;
        std::uint64_t bytes_before = 0;     // of the files finished
        std::uint64_t text_in_file = 0;    // article text seen in the current file
        auto flush = [&] {
            if (batch.empty()) return;
            raw.push(std::move(batch));
            batch = RawBatch();
            batch.reserve(kBatch);
        };
        try {
            read_all(files, options, states, skipped, converted,
                     [&](std::size_t file, Article&& a) {
                         if (failed) return;
                         if (is_cancelled(options)) throw Cancelled{};
                         text_in_file += a.title.size() + a.body.size();
                         bytes_done = bytes_before + std::min<std::uint64_t>(text_in_file, files[file].size);
                         RawItem item{articles_read++, file, Article(), content_hash(a, file_configs[file]), 0};
                         // Decided here, on the reader thread (the id -> hash table is
                         // read-only during the run): an unchanged article costs no
                         // copy, no extraction and no document.
                         item.unchanged = w.unchanged(a.id, item.hash);
                         if (!item.unchanged) item.article = std::move(a);
                         batch.push_back(std::move(item));
                         if (batch.size() >= kBatch) flush();
                     },
                     [&](std::size_t file) {
                         bytes_before += files[file].size;
                         text_in_file = 0;
                         bytes_done = bytes_before;
                         files_done = file + 1;
                     });
            if (is_cancelled(options)) interrupted = true;
            flush();
        } catch (const Cancelled&) {
            interrupted = true;
            try {
                flush();  // what was read before the stop is still stored
            } catch (...) {
                fail(std::current_exception());
            }
        } catch (...) {
            fail(std::current_exception());
        }
        raw.close();
    });

    std::atomic<unsigned> workers_left{workers};
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < workers; ++i) {
        pool.emplace_back([&] {
            try {
                while (auto batch = raw.pop()) {
                    if (failed) continue;  // drain so the reader never blocks forever
                    DoneBatch out;
                    out.reserve(batch->size());
                    for (RawItem& item : *batch) {
                        if (item.unchanged) {
                            out.push_back(DoneItem{item.sequence, Unchanged{item.unchanged}});
                            continue;
                        }
                        extractor.get().fill(item.article);
                        PreparedDocument prepared = build_document(item.article, item.hash);
                        prepared.document.add_boolean_term(file_terms[item.file]);
                        out.push_back(DoneItem{item.sequence, std::move(prepared)});
                    }
                    done.push(std::move(out));
                }
            } catch (...) {
                fail(std::current_exception());
                while (raw.pop()) {
                }
            }
            if (--workers_left == 0) done.close();
        });
    }

    // The writer: this thread, storing in input order.
    auto progress = [&](bool final) {
        IndexProgress p;
        p.files_done = files_done;
        p.files_total = files.size();
        p.articles_done = summary.added + summary.updated + summary.unchanged;
        p.bytes_done = bytes_done;
        p.bytes_total = bytes_total;
        p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        p.final = final;
        options.on_progress(p);
    };
    auto last_progress = std::chrono::steady_clock::now();
    std::map<std::size_t, DoneItem> waiting;
    std::size_t next = 0;
    try {
        while (auto batch = done.pop()) {
            if (failed) continue;
            for (DoneItem& item : *batch) waiting.emplace(item.sequence, std::move(item));
            for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(next)) {
                if (auto* u = std::get_if<Unchanged>(&it->second.outcome)) {
                    w.mark_seen(u->docid);
                    ++summary.unchanged;
                } else {
                    auto outcome = w.store(std::move(std::get<PreparedDocument>(it->second.outcome)));
                    ++(outcome == IndexWriter::Outcome::Added ? summary.added : summary.updated);
                }
                waiting.erase(it);
                ++next;
            }
            if (options.on_progress && std::chrono::steady_clock::now() - last_progress >= kProgressInterval) {
                progress(false);
                last_progress = std::chrono::steady_clock::now();
            }
        }
    } catch (...) {
        fail(std::current_exception());
        while (done.pop()) {
        }
    }
    reader.join();
    for (auto& t : pool) t.join();
    summary.skipped += skipped;
    summary.converted = converted;
    if (failure) {
        // Batches committed so far stay; for a rebuild, the unfinished index is
        // discarded with the writer and the old one stays.
        try {
            std::rethrow_exception(failure);
        } catch (const Xapian::Error& e) {
            throw translate(e, options.db_path);  // from a worker building a document
        }
    }

    if (interrupted) {
        // Keep what was done, but neither prune (most articles were not met) nor
        // switch a rebuild in (it is incomplete): the next run finishes the work.
        summary.interrupted = true;
        writer.commit();
    } else {
        if (options.prune) {
            std::vector<std::string> keep_files, keep_folders;
            for (std::size_t i = 0; i < files.size(); ++i)
                if (states[i].had_skip) keep_files.push_back(file_terms[i]);
            for (const InputFile& folder : input.unlisted_folders)
                keep_folders.push_back(field_term(file_field, file_key(folder) + (folder.id_base.empty() ? "" : "/")));
            w.keep_files(keep_files, keep_folders);
            summary.deleted = writer.prune_unseen();
        }
        writer.finish();
    }
    // An abandoned rebuild leaves the index readers see as it was: count that one.
    summary.documents = w.rebuilding ? open_for_reading(options.db_path).db.get_doccount() : writer.document_count();
    if (options.on_progress) progress(true);
    return summary;
}

}  // namespace ainews
