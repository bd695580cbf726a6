#include "ainews/searcher.hpp"

#include <nlohmann/json.hpp>

#include <memory>

#include "ainews/error.hpp"
#include "ainews/schema.hpp"
#include "common/database.hpp"
#include "common/text.hpp"
#include "searcher/facet_spy.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/snippet.hpp"

namespace ainews {

namespace {

std::vector<std::string> strings_of(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

MultiValueCountSpy::Mode facet_mode(const std::string& name, Xapian::valueno& slot) {
    if (name == "month") {
        slot = static_cast<Xapian::valueno>(schema_field("date").slot);
        return MultiValueCountSpy::Mode::Month;
    }
    for (const Field& f : kSchema) {
        if (f.name != name) continue;
        if (!f.facet || f.slot == kNoSlot) break;
        slot = static_cast<Xapian::valueno>(f.slot);
        return f.kind == FieldKind::Entity ? MultiValueCountSpy::Mode::List : MultiValueCountSpy::Mode::Single;
    }
    std::string known;
    for (const Field& f : kSchema)
        if (f.facet) known += (known.empty() ? "" : ", ") + std::string(f.name);
    throw Error(ErrorCode::Usage, "unknown facet '" + name + "' (facets: " + known + ")");
}

}  // namespace

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    IndexStamp stamp;    // the stub the open went through
    bool stale = false;  // the last attempt failed in a way only a fresh open cures
    std::unique_ptr<QueryBuilder> builder;

    explicit Impl(const std::string& p) : path(p) { open(); }

    void open() {
        OpenedIndex opened = open_for_reading(path);
        db = opened.db;
        stamp = opened.stamp;
        stale = false;
        builder = std::make_unique<QueryBuilder>(db);
    }

    // Brings the reader up to date before each operation. A rebuild switches in a
    // new generation by renaming the stub: Xapian's reopen() would only reopen the
    // generation already open (stubs are followed once, at open), so a changed
    // stub means opening the folder afresh. Otherwise reopen() moves to the last
    // commit of the same generation.
    void refresh() {
        if (stale || index_stamp(path) != stamp) {
            open();
            return;
        }
        db.reopen();  // the builder shares this handle, and sees the new state too
    }

    // Runs f on an up-to-date reader; when the index changed under us (a writer
    // committed twice during the search: reopen() at the next attempt catches up;
    // or a rebuild removed the generation we were opening: open afresh), tries
    // again.
    template <typename F>
    auto with_retry(F f) -> decltype(f()) {
        for (int attempt = 0;; ++attempt) {
            try {
                refresh();
                return f();
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 5) throw Error(ErrorCode::Io, "index " + path + " keeps changing; try again");
            } catch (const Xapian::DatabaseOpeningError& e) {
                if (attempt >= 5) throw translate(e, path);
                stale = true;
            } catch (const Xapian::Error& e) {
                throw translate(e, path);
            }
        }
    }

    SearchResults search(const SearchRequest& request) {
        QueryBuilder::Built built = builder->build(request);
        Xapian::Enquire enquire(db);
        enquire.set_query(built.query);
        const auto date_slot = static_cast<Xapian::valueno>(schema_field("date").slot);
        const auto body_slot = static_cast<Xapian::valueno>(schema_field("body").slot);
        bool weighted = built.has_words || built.ranked_by_entities;
        switch (request.sort) {
            case SortOrder::Relevance:
                // Nothing carries weight (no words, only filters): newest first reads best.
                if (!weighted) enquire.set_sort_by_value_then_relevance(date_slot, true);
                break;
            case SortOrder::Newest:
                enquire.set_sort_by_value_then_relevance(date_slot, true);
                break;
            case SortOrder::Oldest:
                enquire.set_sort_by_value_then_relevance(date_slot, false);
                break;
        }
        if (!weighted) enquire.set_weighting_scheme(Xapian::BoolWeight());

        std::vector<std::pair<std::string, std::unique_ptr<MultiValueCountSpy>>> spies;
        for (const std::string& name : request.facets) {
            Xapian::valueno slot = 0;
            auto mode = facet_mode(name, slot);
            spies.emplace_back(name, std::make_unique<MultiValueCountSpy>(slot, mode));
            enquire.add_matchspy(spies.back().second.get());
        }
        // checkatleast = every document: the total and the facets are exact.
        Xapian::doccount all = db.get_doccount();
        Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                             static_cast<Xapian::doccount>(request.limit), all);
        SearchResults results;
        results.total = mset.get_matches_estimated();
        const SnippetMaker snippets(built.query, builder->stemmer());
        std::size_t rank = request.offset;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            hit.rank = ++rank;
            hit.score = weighted ? it.get_weight() : 0.0;
            Xapian::Document doc = it.get_document();
            nlohmann::json record = nlohmann::json::parse(doc.get_data(), nullptr, false);
            if (record.is_object()) {
                hit.id = record.value("id", "");
                hit.title = record.value("title", "");
                if (record.contains("date") && record["date"].is_string()) hit.date = record["date"].get<std::string>();
                hit.source = record.value("source", "");
                hit.url = record.value("url", "");
                hit.authors = strings_of(record, "authors");
                hit.companies = strings_of(record, "companies");
                hit.persons = strings_of(record, "persons");
                if (request.snippet_length) {
                    hit.snippet = snippets.make(doc.get_value(body_slot), request.snippet_length, request.highlight_start,
                                                request.highlight_end);
                }
            }
            results.hits.push_back(std::move(hit));
        }
        for (auto& [name, spy] : spies) results.facets.emplace_back(name, spy->top(0));
        return results;
    }
};

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
    return impl_->with_retry([&] { return impl_->search(request); });
}

std::string Searcher::describe(const SearchRequest& request) {
    return impl_->with_retry([&] { return impl_->builder->build(request).query.get_description(); });
}

std::optional<std::string> Searcher::resolve(const std::string& field, const std::string& name) {
    return impl_->with_retry([&] { return impl_->builder->resolve(field, name); });
}

std::size_t Searcher::document_count() {
    return impl_->with_retry([&] { return static_cast<std::size_t>(impl_->db.get_doccount()); });
}

}  // namespace ainews
