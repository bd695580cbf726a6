#include "indexer/shard_build.hpp"

#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "ainews/error.hpp"

namespace ainews {

namespace fs = std::filesystem;

struct ShardedBuild::Shard {
    Xapian::WritableDatabase db;
    BoundedQueue<Job> queue{512};
    std::thread thread;
    Xapian::docid next_docid = 1;
    std::size_t commit_every;
    std::size_t pending = 0;
    std::exception_ptr failure;

    // Flush handshake: the shard thread counts flush markers it has completed.
    std::mutex mutex;
    std::condition_variable flushed;
    std::size_t flushes_done = 0;

    void run() {
        while (auto job = queue.pop()) {
            if (failure) continue;  // drain: the producer never blocks on a dead shard
            try {
                if (job->docid == 0) {
                    db.commit();
                    pending = 0;
                    std::lock_guard<std::mutex> lock(mutex);
                    ++flushes_done;
                    flushed.notify_all();
                    continue;
                }
                // In an empty shard replace_document with a new docid adds it; with a
                // docid used before it replaces (a repeated id in the input).
                db.replace_document(job->docid, job->document);
                if (++pending >= commit_every) {
                    db.commit();
                    pending = 0;
                }
            } catch (...) {
                failure = std::current_exception();
                std::lock_guard<std::mutex> lock(mutex);
                flushed.notify_all();
            }
        }
    }
};

ShardedBuild::ShardedBuild(const std::string& folder, unsigned shards, std::size_t commit_every) : folder_(folder) {
    fs::create_directories(folder_);
    for (unsigned i = 0; i < shards; ++i) {
        auto shard = std::make_unique<Shard>();
        // No fsync: the shards are scratch; only the merged index is synced, by
        // whoever publishes it.
        shard->db = Xapian::WritableDatabase((fs::path(folder_) / std::to_string(i)).string(),
                                             Xapian::DB_CREATE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
        shard->commit_every = commit_every;
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) shard->thread = std::thread([s = shard.get()] { s->run(); });
}

ShardedBuild::~ShardedBuild() {
    for (auto& shard : shards_) shard->queue.close();
    for (auto& shard : shards_)
        if (shard->thread.joinable()) shard->thread.join();
}

void ShardedBuild::check_failures() {
    for (auto& shard : shards_)
        if (shard->failure) std::rethrow_exception(shard->failure);
}

bool ShardedBuild::add(const std::string& id, Xapian::Document&& document) {
    check_failures();
    auto found = ids_.find(id);
    if (found != ids_.end()) {
        shards_[found->second.first]->queue.push(Job{found->second.second, std::move(document)});
        return false;
    }
    // Runs of consecutive articles go to the same shard, shards taking turns: the
    // merged index keeps runs together, and the work is spread evenly.
    unsigned index = static_cast<unsigned>((added_++ / kRun) % shards_.size());
    Shard& shard = *shards_[index];
    Xapian::docid docid = shard.next_docid++;
    ids_.emplace(id, std::make_pair(index, docid));
    shard.queue.push(Job{docid, std::move(document)});
    return true;
}

void ShardedBuild::flush() {
    std::vector<std::size_t> targets;
    for (auto& shard : shards_) {
        std::lock_guard<std::mutex> lock(shard->mutex);
        targets.push_back(shard->flushes_done + 1);
    }
    for (auto& shard : shards_) shard->queue.push(Job{});
    for (std::size_t i = 0; i < shards_.size(); ++i) {
        Shard& shard = *shards_[i];
        std::unique_lock<std::mutex> lock(shard.mutex);
        shard.flushed.wait(lock, [&] { return shard.flushes_done >= targets[i] || shard.failure; });
    }
    check_failures();
}

void ShardedBuild::merge_into(const std::string& target,
                              const std::vector<std::pair<std::string, std::string>>& metadata) {
    flush();
    for (auto& shard : shards_) shard->queue.close();
    for (auto& shard : shards_) {
        if (shard->thread.joinable()) shard->thread.join();
        shard->db.close();
    }
    check_failures();
    Xapian::Database sources;
    for (std::size_t i = 0; i < shards_.size(); ++i)
        sources.add_database(Xapian::Database((fs::path(folder_) / std::to_string(i)).string()));
    Xapian::Compactor compactor;
    sources.compact(target, Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
    Xapian::WritableDatabase merged(target, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (const auto& [key, value] : metadata) merged.set_metadata(key, value);
    merged.commit();
    merged.close();
}

}  // namespace ainews
