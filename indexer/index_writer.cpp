#include "ainews/index_writer.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "ainews/extract.hpp"
#include "ainews/schema.hpp"
#include "common/database.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_writer_impl.hpp"

namespace ainews {

namespace fs = std::filesystem;

IndexWriter::Impl::Impl(const std::string& p, WriterOptions o) : path(p), options(std::move(o)) {
    prepare_index_folder(path);
    lock = std::make_unique<WriterLock>(path, WriterLock::Wait{options.wait_if_busy, options.on_wait, options.cancelled});
    const std::string current = current_generation(path);
    // Generations other than the current one are left by rebuilds that were killed
    // before switching; holding the lock, we know no one is writing them.
    remove_generations_except(path, current);
    try {
        if (current.empty() || options.rebuild) {
            generation = next_generation(path);
            rebuilding = !current.empty();
            db = open_writable(path, generation, rebuilding);
            started_empty = true;
            if (!rebuilding) {
                // The first build is published while still empty, so that every batch
                // it commits is searchable at once: a first run that is killed leaves
                // what it committed, like any other run.
                db.commit();
                publish_generation(path, generation, false);
            }
            if (options.shards > 1) {
                // Many writers, merged by finish() into a new generation: a first build
                // that is killed leaves the empty index and the next run starts over.
                shard_folder = (fs::path(path) / (std::string(kShardFolderPrefix) + generation)).string();
                fs::remove_all(shard_folder);
                sharded = std::make_unique<ShardedBuild>(shard_folder, options.shards, options.batch_size);
            }
            return;
        }
        generation = current;
        db = open_writable(path, generation);
        started_empty = db.get_doccount() == 0;
        if (started_empty) return;
        // Load id -> (docid, hash) once: a reindex then decides "unchanged" without a
        // lookup per article, before any extraction work. Both value streams run in
        // docid order, so one pass over each pairs them without a second map.
        const auto id_slot = static_cast<Xapian::valueno>(schema_field("id").slot);
        const auto hash_slot = static_cast<Xapian::valueno>(schema_field("hash").slot);
        known.reserve(db.get_doccount());
        auto hash_it = db.valuestream_begin(hash_slot);
        const auto hash_end = db.valuestream_end(hash_slot);
        for (auto it = db.valuestream_begin(id_slot); it != db.valuestream_end(id_slot); ++it) {
            const Xapian::docid did = it.get_docid();
            if (hash_it != hash_end && hash_it.get_docid() < did) hash_it.skip_to(did);
            std::string hash;
            if (hash_it != hash_end && hash_it.get_docid() == did) hash = *hash_it;
            known.emplace(*it, Known{did, std::move(hash)});
        }
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

IndexWriter::Impl::~Impl() {
    if (sharded) {
        sharded.reset();
        std::error_code ec;
        fs::remove_all(shard_folder, ec);
    }
    if (!rebuilding) return;
    // An unfinished rebuild: readers never saw it; drop it so it costs no disk.
    try {
        db.close();
    } catch (...) {
    }
    std::error_code ec;
    fs::remove_all(fs::path(path) / generation, ec);
}

IndexWriter::IndexWriter(const std::string& path, WriterOptions options)
    : impl_(std::make_unique<Impl>(path, std::move(options))) {}

IndexWriter::~IndexWriter() {
    if (impl_->rebuilding) return;
    try {
        impl_->db.commit();
    } catch (...) {
        // Destructors must not throw; callers who care call commit() first.
    }
}

Xapian::docid IndexWriter::Impl::unchanged(const std::string& id, const std::string& hash) const {
    auto it = known.find(id);
    return it == known.end() || it->second.hash != hash ? 0 : it->second.docid;
}

void IndexWriter::Impl::commit_if_due() {
    if (pending < options.batch_size) return;
    db.commit();
    pending = 0;
}

IndexWriter::Outcome IndexWriter::Impl::store(PreparedDocument&& prepared) {
    try {
        if (sharded) return sharded->add(prepared.id, prepared.id_term, std::move(prepared.document)) ? Outcome::Added : Outcome::Updated;
        Outcome outcome;
        Xapian::docid existing = 0;
        if (auto it = known.find(prepared.id); it != known.end()) existing = it->second.docid;
        if (auto it = added.find(prepared.id); it != added.end()) existing = it->second;
        if (existing) {
            // A repeated id (in the index or earlier in this run) updates the article.
            db.replace_document(existing, prepared.document);
            seen.insert(existing);
            outcome = Outcome::Updated;
        } else {
            Xapian::docid did = db.add_document(prepared.document);
            added.emplace(prepared.id, did);
            seen.insert(did);
            outcome = Outcome::Added;
        }
        ++pending;
        commit_if_due();
        return outcome;
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

void IndexWriter::Impl::keep_files(const std::vector<std::string>& file_terms,
                                   const std::vector<std::string>& folder_prefixes) {
    try {
        for (const std::string& term : file_terms)
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) seen.insert(*it);
        for (const std::string& prefix : folder_prefixes)
            for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
                for (auto it = db.postlist_begin(*t); it != db.postlist_end(*t); ++it) seen.insert(*it);
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

IndexWriter::Outcome IndexWriter::write(const Article& input) {
    std::optional<Article> completed;
    if (input.layout_pending) complete_layout(completed.emplace(input));
    const Article& article = completed ? *completed : input;
    std::string hash = content_hash(article, "");
    if (Xapian::docid did = impl_->unchanged(article.id, hash)) {
        impl_->mark_seen(did);
        return Outcome::Unchanged;
    }
    return impl_->store(build_document(article, hash));
}

void IndexWriter::store_aliases(const Gazetteer& gazetteer) {
    std::map<std::string, std::string> table;  // metadata key -> canonical name
    for (const GazetteerEntry& e : gazetteer.entries()) {
        const std::string field = e.type == EntityType::Company ? "company" : "person";
        table[metadata::alias_key(field, fold(e.canonical))] = e.canonical;
        for (const std::string& alias : e.aliases) table[metadata::alias_key(field, fold(alias))] = e.canonical;
    }
    std::uint64_t h = stable_hash("aliases-1");
    for (const auto& [key, canonical] : table) h = stable_hash(canonical, stable_hash(key, h));
    const std::string hash = hex64(h);
    try {
        // Unchanged tables are not rewritten: a rerun that changes nothing then
        // commits nothing, and readers' snapshots stay valid. (Not counted towards a
        // batch: they go out with the first commit, and batches stay whole articles.)
        Xapian::WritableDatabase& db = impl_->db;
        if (db.get_metadata(metadata::kAliasHash) == hash) return;
        std::vector<std::string> stale;
        for (auto key = db.metadata_keys_begin(metadata::kAliasPrefix); key != db.metadata_keys_end(metadata::kAliasPrefix);
             ++key)
            if (!table.count(*key)) stale.push_back(*key);
        for (const std::string& key : stale) db.set_metadata(key, "");  // an empty value deletes the key
        for (const auto& [key, canonical] : table) db.set_metadata(key, canonical);
        db.set_metadata(metadata::kAliasHash, hash);
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
}

std::size_t IndexWriter::prune_unseen() {
    std::size_t deleted = 0;
    try {
        std::vector<Xapian::docid> doomed;
        for (auto it = impl_->db.postlist_begin(""); it != impl_->db.postlist_end(""); ++it)
            if (!impl_->seen.count(*it)) doomed.push_back(*it);
        for (Xapian::docid did : doomed) {
            impl_->db.delete_document(did);
            ++deleted;
        }
        for (auto it = impl_->known.begin(); it != impl_->known.end();) {
            if (!impl_->seen.count(it->second.docid))
                it = impl_->known.erase(it);
            else
                ++it;
        }
        impl_->pending += doomed.size();
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
    return deleted;
}

void IndexWriter::commit() {
    try {
        if (impl_->sharded) impl_->sharded->flush();
        impl_->db.commit();
        impl_->pending = 0;
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
}

void IndexWriter::finish() {
    commit();
    if (impl_->sharded) {
        impl_->finish_sharded();
        return;
    }
    if (!impl_->rebuilding) return;
    try {
        // Close first: the generation's files are then complete on disk, ready to be
        // synced (they were written with DB_NO_SYNC) and switched in.
        impl_->db.close();
        publish_generation(impl_->path, impl_->generation, true);
        impl_->rebuilding = false;
        remove_generations_except(impl_->path, impl_->generation);
        impl_->db = open_writable(impl_->path, impl_->generation);
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
}

std::size_t IndexWriter::document_count() const {
    try {
        if (impl_->sharded) return impl_->sharded->document_count();
        return impl_->db.get_doccount();
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
}

IndexWriter::Impl& IndexWriter::impl() { return *impl_; }

void IndexWriter::Impl::finish_sharded() {
    try {
        // The generation opened at the start holds only metadata (schema, aliases);
        // the merged shards become the next generation, with that metadata.
        std::vector<std::pair<std::string, std::string>> metadata;
        for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key)
            metadata.emplace_back(*key, db.get_metadata(*key));
        db.close();
        const std::string merged = next_generation(path);
        sharded->merge_into((fs::path(path) / merged).string(), metadata);
        sharded.reset();
        std::error_code ec;
        fs::remove_all(shard_folder, ec);
        publish_generation(path, merged, true);
        rebuilding = false;
        generation = merged;
        remove_generations_except(path, generation);
        db = open_writable(path, generation);
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

}  // namespace ainews
