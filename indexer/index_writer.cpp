#include "ainews/index_writer.hpp"

#include <nlohmann/json.hpp>

#include <unordered_map>
#include <vector>

#include "ainews/schema.hpp"
#include "common/database.hpp"
#include "common/text.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/index_writer_impl.hpp"

namespace ainews {

IndexWriter::Impl::Impl(const std::string& p, WriterOptions o) : path(p), options(o), db(open_writable(p, o.fresh_build)) {
    try {
        started_empty = db.get_doccount() == 0;
        // Load id -> (docid, hash) once: a reindex then decides "unchanged" without
        // a lookup per article, before any extraction work.
        const auto id_slot = static_cast<Xapian::valueno>(schema_field("id").slot);
        const auto hash_slot = static_cast<Xapian::valueno>(schema_field("hash").slot);
        if (!started_empty) {
            for (auto it = db.valuestream_begin(id_slot); it != db.valuestream_end(id_slot); ++it)
                known.emplace(*it, Known{it.get_docid(), std::string()});
            std::unordered_map<Xapian::docid, std::string> hashes;
            for (auto it = db.valuestream_begin(hash_slot); it != db.valuestream_end(hash_slot); ++it)
                hashes.emplace(it.get_docid(), *it);
            for (auto& [id, k] : known) {
                auto h = hashes.find(k.docid);
                if (h != hashes.end()) k.hash = h->second;
            }
        }
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

IndexWriter::IndexWriter(const std::string& path, WriterOptions options)
    : impl_(std::make_unique<Impl>(path, options)) {}

IndexWriter::~IndexWriter() {
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

IndexWriter::Outcome IndexWriter::Impl::store(PreparedDocument&& prepared) {
    try {
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
        if (++pending >= options.batch_size) {
            db.commit();
            pending = 0;
        }
        return outcome;
    } catch (const Xapian::Error& e) {
        throw translate(e, path);
    }
}

IndexWriter::Outcome IndexWriter::write(const Article& article) {
    std::string hash = content_hash(article, "");
    if (Xapian::docid did = impl_->unchanged(article.id, hash)) {
        impl_->mark_seen(did);
        return Outcome::Unchanged;
    }
    return impl_->store(build_document(article, hash));
}

void IndexWriter::store_aliases(const Gazetteer& gazetteer) {
    nlohmann::json companies = nlohmann::json::object();
    nlohmann::json persons = nlohmann::json::object();
    for (const GazetteerEntry& e : gazetteer.entries()) {
        nlohmann::json& table = e.type == EntityType::Company ? companies : persons;
        table[fold(e.canonical)] = e.canonical;
        for (const std::string& alias : e.aliases) table[fold(alias)] = e.canonical;
    }
    try {
        impl_->db.set_metadata(metadata::kCompanyAliases, companies.dump());
        impl_->db.set_metadata(metadata::kPersonAliases, persons.dump());
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
        if (!doomed.empty()) impl_->pending += doomed.size();
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
    return deleted;
}

void IndexWriter::commit() {
    try {
        impl_->db.commit();
        impl_->pending = 0;
    } catch (const Xapian::Error& e) {
        throw translate(e, impl_->path);
    }
}

std::size_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

IndexWriter::Impl& IndexWriter::impl() { return *impl_; }

}  // namespace ainews
