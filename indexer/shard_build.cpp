#include "indexer/shard_build.hpp"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "ainews/error.hpp"

namespace ainews {

namespace fs = std::filesystem;

namespace {

// Merges `sources` (oldest first: docids keep that order) into a new database at
// `target`.
void compact(const std::vector<std::string>& sources, const std::string& target) {
    Xapian::Database all;
    for (const std::string& source : sources) all.add_database(Xapian::Database(source));
    Xapian::Compactor compactor;
    all.compact(target, Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
}

}  // namespace

struct ShardedBuild::Writer {
    std::string folder;
    std::size_t commit_every;
    std::size_t part_documents;
    std::size_t fan_in;
    BoundedQueue<Job> queue{512};
    std::thread thread;
    std::exception_ptr failure;

    // The part being written, if any.
    std::unique_ptr<Xapian::WritableDatabase> part;
    std::string part_path;
    std::size_t in_part = 0;
    std::size_t uncommitted = 0;
    // Closed databases by level, each list oldest first: level 0 holds parts, level
    // k + 1 databases merged from fan_in of level k. Every database of a higher
    // level is older than all those of the levels below it.
    std::vector<std::vector<std::string>> levels{1};
    unsigned next_name = 0;
    std::size_t merges = 0;
    bool finishing = false;  // set by merge_into() before it closes the queue

    // Flush handshake: the thread counts flush markers it has completed.
    std::mutex mutex;
    std::condition_variable flushed;
    std::size_t flushes_done = 0;

    std::string new_path() { return (fs::path(folder) / std::to_string(next_name++)).string(); }

    // Commits and closes the part; with cascade, merges full levels.
    void close_part(bool cascade) {
        if (!part) return;
        part->commit();
        part->close();
        part.reset();
        levels[0].push_back(part_path);
        in_part = 0;
        uncommitted = 0;
        for (std::size_t level = 0; cascade && level < levels.size() && levels[level].size() >= fan_in; ++level) {
            std::string merged = new_path();
            compact(levels[level], merged);
            for (const std::string& source : levels[level]) fs::remove_all(source);
            levels[level].clear();
            if (level + 1 == levels.size()) levels.emplace_back();
            levels[level + 1].push_back(merged);
            ++merges;
        }
    }

    // Every closed database, oldest first.
    std::vector<std::string> databases() const {
        std::vector<std::string> out;
        for (auto level = levels.rbegin(); level != levels.rend(); ++level) out.insert(out.end(), level->begin(), level->end());
        return out;
    }

    void run() {
        while (auto job = queue.pop()) {
            if (failure) continue;  // drain: the producer never blocks on a dead writer
            try {
                if (job->flush) {
                    if (part) part->commit();
                    uncommitted = 0;
                    std::lock_guard<std::mutex> lock(mutex);
                    ++flushes_done;
                    flushed.notify_all();
                    continue;
                }
                if (!part) {
                    // No fsync: parts are scratch; only the merged index is synced.
                    part_path = new_path();
                    part = std::make_unique<Xapian::WritableDatabase>(
                        part_path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
                }
                part->add_document(job->document);
                ++in_part;
                if (++uncommitted >= commit_every) {
                    part->commit();
                    uncommitted = 0;
                }
                if (in_part >= part_documents) close_part(true);
            } catch (...) {
                failure = std::current_exception();
                std::lock_guard<std::mutex> lock(mutex);
                flushed.notify_all();
            }
        }
        // The input is complete: close the last part here, in parallel with the
        // other writers. Nothing is merged now: the final merge takes all there is.
        if (finishing && !failure) {
            try {
                close_part(false);
            } catch (...) {
                failure = std::current_exception();
            }
        }
    }
};

ShardedBuild::ShardedBuild(const std::string& folder, unsigned threads, std::size_t commit_every,
                           std::size_t part_documents, std::size_t fan_in)
    : folder_(folder) {
    fs::create_directories(folder_);
    for (unsigned i = 0; i < threads; ++i) {
        auto writer = std::make_unique<Writer>();
        writer->folder = (fs::path(folder_) / std::to_string(i)).string();
        fs::create_directories(writer->folder);
        writer->commit_every = std::max<std::size_t>(1, commit_every);
        writer->part_documents = std::max<std::size_t>(1, part_documents);
        writer->fan_in = std::max<std::size_t>(2, fan_in);
        writers_.push_back(std::move(writer));
    }
    for (auto& writer : writers_) writer->thread = std::thread([w = writer.get()] { w->run(); });
}

ShardedBuild::~ShardedBuild() {
    for (auto& writer : writers_) writer->queue.close();
    for (auto& writer : writers_)
        if (writer->thread.joinable()) writer->thread.join();
}

void ShardedBuild::check_failures() {
    for (auto& writer : writers_)
        if (writer->failure) std::rethrow_exception(writer->failure);
}

std::size_t ShardedBuild::merges() const {
    std::size_t n = 0;
    for (const auto& writer : writers_) n += writer->merges;
    return n;
}

bool ShardedBuild::add(const std::string& id, const std::string& id_term, Xapian::Document&& document) {
    check_failures();
    auto found = ids_.find(id);
    if (found != ids_.end()) {
        repeated_.push_back(id_term);
        writers_[found->second]->queue.push(Job{false, std::move(document)});
        return false;
    }
    // Runs of consecutive articles go to the same writer, writers taking turns: the
    // merged index keeps runs together, and the work is spread evenly.
    auto index = static_cast<unsigned>((added_++ / kRun) % writers_.size());
    ids_.emplace(id, index);
    writers_[index]->queue.push(Job{false, std::move(document)});
    return true;
}

void ShardedBuild::flush() {
    std::vector<std::size_t> targets;
    for (auto& writer : writers_) {
        std::lock_guard<std::mutex> lock(writer->mutex);
        targets.push_back(writer->flushes_done + 1);
    }
    for (auto& writer : writers_) writer->queue.push(Job{true, {}});
    for (std::size_t i = 0; i < writers_.size(); ++i) {
        Writer& writer = *writers_[i];
        std::unique_lock<std::mutex> lock(writer.mutex);
        writer.flushed.wait(lock, [&] { return writer.flushes_done >= targets[i] || writer.failure; });
    }
    check_failures();
}

void ShardedBuild::merge_into(const std::string& target,
                              const std::vector<std::pair<std::string, std::string>>& metadata) {
    for (auto& writer : writers_) {
        writer->finishing = true;  // read by the thread after close(), which synchronises
        writer->queue.close();
    }
    for (auto& writer : writers_)
        if (writer->thread.joinable()) writer->thread.join();
    check_failures();
    // Writer by writer, oldest first: within a writer, a later version of an id
    // ends up with a higher docid than the earlier ones.
    std::vector<std::string> sources;
    for (auto& writer : writers_) {
        auto mine = writer->databases();
        sources.insert(sources.end(), mine.begin(), mine.end());
    }
    if (sources.empty()) {
        Xapian::WritableDatabase(target, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).close();
    } else {
        compact(sources, target);
    }
    // No fsync here: whoever publishes the index syncs it.
    Xapian::WritableDatabase merged(target, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    // A repeated id keeps its last version: the one with the highest docid.
    std::sort(repeated_.begin(), repeated_.end());
    repeated_.erase(std::unique(repeated_.begin(), repeated_.end()), repeated_.end());
    for (const std::string& term : repeated_) {
        std::vector<Xapian::docid> versions(merged.postlist_begin(term), merged.postlist_end(term));
        for (std::size_t i = 0; i + 1 < versions.size(); ++i) merged.delete_document(versions[i]);
    }
    for (const auto& [key, value] : metadata) merged.set_metadata(key, value);
    merged.commit();
    merged.close();
}

}  // namespace ainews
