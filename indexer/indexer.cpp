// The indexing run: files are read in order on one thread, extraction and document
// building run on worker threads, and one writer stores documents in input order
// (so document ids, and ties in ranking, are the same on every run).
#include "ainews/indexer.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>
#include <variant>

#include "ainews/error.hpp"
#include "ainews/extract.hpp"
#include "ainews/index_writer.hpp"
#include "common/bounded_queue.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_writer_impl.hpp"

namespace ainews {

namespace fs = std::filesystem;

namespace {

void report(const IndexOptions& options, const Diagnostic& d) {
    if (options.on_diagnostic) options.on_diagnostic(d);
}

Gazetteer load_gazetteer(const IndexOptions& options) {
    Gazetteer g = Gazetteer::load_default();
    for (const std::string& file : options.entity_files) g.load_file(file);
    return g;
}

// Changes whenever extraction would give other results: the gazetteer's content
// and the extractor's own version.
std::string extraction_fingerprint(const Gazetteer& g) {
    constexpr const char* kExtractorVersion = "extract-1";
    std::uint64_t h = stable_hash(kExtractorVersion);
    for (const GazetteerEntry& e : g.entries()) {
        h = stable_hash(e.canonical, h);
        for (const auto& a : e.aliases) h = stable_hash("|" + a, h);
        for (const auto& a : e.ambiguous) h = stable_hash("?" + a, h);
        h = stable_hash(e.type == EntityType::Company ? "C" : "P", h);
    }
    h = stable_hash(std::to_string(g.given_name_count()), h);
    return hex64(h);
}

unsigned worker_count(unsigned jobs) {
    if (jobs) return jobs;
    unsigned n = std::thread::hardware_concurrency();
    return n ? n : 1;
}

struct RawItem {
    std::size_t sequence;
    Article article;
    std::string hash;
};

struct Unchanged {
    Xapian::docid docid;
};

using Outcome = std::variant<PreparedDocument, Unchanged>;

struct DoneItem {
    std::size_t sequence;
    Outcome outcome;
};

}  // namespace

std::vector<InputFile> collect_input_files(const std::vector<std::string>& paths,
                                           const std::function<void(const Diagnostic&)>& on_diagnostic) {
    std::vector<InputFile> files;
    for (const std::string& arg : paths) {
        std::error_code ec;
        fs::path root(arg);
        fs::file_status status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            if (on_diagnostic) on_diagnostic({arg, "no such file or directory", true});
            continue;
        }
        std::string collection = root.lexically_normal().filename().string();
        if (collection.empty() || collection == ".") collection = fs::absolute(root).lexically_normal().parent_path().filename().string();
        if (fs::is_regular_file(status)) {
            files.push_back({arg, root.filename().string(), collection});
            continue;
        }
        std::vector<InputFile> found;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        if (ec) {
            if (on_diagnostic) on_diagnostic({arg, "cannot read directory: " + ec.message(), true});
            continue;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                if (on_diagnostic) on_diagnostic({it->path().string(), "cannot read: " + ec.message(), true});
                break;
            }
            if (!it->is_regular_file(ec)) continue;
            std::string path = it->path().string();
            std::string name = it->path().filename().string();
            if (!name.empty() && name[0] == '.') continue;  // hidden files, editor droppings
            if (!is_supported_file(path)) continue;
            found.push_back({path, it->path().lexically_relative(root).string(), collection});
        }
        std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

namespace {

// Reads every file in order and hands each article to `sink`; counts skips.
void read_all(const std::vector<InputFile>& files, const IndexOptions& options, std::size_t& skipped,
              std::size_t& converted, const std::function<void(Article&&)>& sink,
              const std::function<void(std::size_t)>& after_file) {
    ReadCallbacks callbacks;
    callbacks.article = sink;
    callbacks.diagnostic = [&](const Diagnostic& d) {
        if (d.skipped) ++skipped;
        report(options, d);
    };
    callbacks.converted = [&](const std::string& path, const std::string& from) {
        ++converted;
        report(options, {path, "converted from " + from, false});
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
        read_file(files[i].path, files[i].id_base, files[i].collection, options.reader, callbacks);
        if (after_file) after_file(i + 1);
    }
}

}  // namespace

void extract_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   const std::function<void(const Article&)>& sink) {
    Gazetteer gazetteer = load_gazetteer(options);
    EntityExtractor extractor(gazetteer);
    std::vector<InputFile> files = collect_input_files(paths, options.on_diagnostic);
    std::size_t skipped = 0, converted = 0;
    read_all(files, options, skipped, converted,
             [&](Article&& a) {
                 extractor.fill(a);
                 sink(a);
             },
             nullptr);
}

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options) {
    if (options.db_path.empty()) throw Error(ErrorCode::Usage, "no index path given (--db)");
    Gazetteer gazetteer = load_gazetteer(options);
    const EntityExtractor extractor(gazetteer);
    const std::string fingerprint = extraction_fingerprint(gazetteer);
    std::vector<InputFile> files = collect_input_files(paths, options.on_diagnostic);

    IndexSummary summary;
    IndexWriter writer(options.db_path);
    IndexWriter::Impl& w = writer.impl();
    writer.store_aliases(gazetteer);

    const unsigned workers = worker_count(options.jobs);
    BoundedQueue<RawItem> raw(256);
    BoundedQueue<DoneItem> done(256);
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = e;
        failed = true;
    };

    std::size_t skipped = 0, converted = 0, articles_read = 0;
    std::atomic<std::size_t> files_done{0};
    std::thread reader([&] {
        try {
            read_all(files, options, skipped, converted,
                     [&](Article&& a) {
                         if (failed) return;
                         std::string hash = content_hash(a, fingerprint);
                         raw.push(RawItem{articles_read++, std::move(a), std::move(hash)});
                     },
                     [&](std::size_t n) { files_done = n; });
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
                while (auto item = raw.pop()) {
                    if (failed) continue;  // drain so the reader never blocks forever
                    if (Xapian::docid did = w.unchanged(item->article.id, item->hash)) {
                        done.push(DoneItem{item->sequence, Unchanged{did}});
                        continue;
                    }
                    extractor.fill(item->article);
                    done.push(DoneItem{item->sequence, build_document(item->article, item->hash)});
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
    std::map<std::size_t, Outcome> waiting;
    std::size_t next = 0;
    std::size_t stored = 0;
    try {
        while (auto item = done.pop()) {
            if (failed) continue;
            waiting.emplace(item->sequence, std::move(item->outcome));
            for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(next)) {
                if (auto* u = std::get_if<Unchanged>(&it->second)) {
                    w.mark_seen(u->docid);
                    ++summary.unchanged;
                } else {
                    auto outcome = w.store(std::move(std::get<PreparedDocument>(it->second)));
                    ++(outcome == IndexWriter::Outcome::Added ? summary.added : summary.updated);
                }
                waiting.erase(it);
                ++next;
                ++stored;
                if (options.on_progress && stored % 1000 == 0) options.on_progress(files_done, files.size(), stored);
            }
        }
    } catch (...) {
        fail(std::current_exception());
        while (done.pop()) {
        }
    }
    reader.join();
    for (auto& t : pool) t.join();
    if (failure) {
        // What was committed stays; pending changes of the failed batch are dropped
        // with the writer (Xapian discards uncommitted changes on close).
        std::rethrow_exception(failure);
    }

    if (options.prune) summary.deleted = writer.prune_unseen();
    writer.commit();
    if (options.on_progress) options.on_progress(files.size(), files.size(), stored);
    summary.skipped = skipped;
    summary.converted = converted;
    summary.documents = writer.document_count();
    return summary;
}

}  // namespace ainews
