#include "indexer/document_builder.hpp"

#include <nlohmann/json.hpp>

#include "ainews/schema.hpp"
#include "common/text.hpp"

namespace ainews {

namespace {

// Term positions jump between fields so a phrase cannot match across them.
constexpr Xapian::termpos kFieldGap = 100;
// Title words count this many times in the unprefixed (default) field.
constexpr Xapian::termcount kTitleBoost = 5;

std::string join_names(const std::vector<EntityCount>& entities) {
    std::string out;
    for (const EntityCount& e : entities) {
        if (!out.empty()) out += '\n';
        out += e.name;
    }
    return out;
}

// Typographic apostrophes inside words ("Meta’s") are indexed like ASCII ones so
// that "Meta's" and "Meta’s" find each other.
std::string plain_apostrophes(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) == 0xE2 && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0x99 || static_cast<unsigned char>(text[i + 2]) == 0x98)) {
            out += '\'';
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

Xapian::TermGenerator& term_generator() {
    thread_local Xapian::TermGenerator generator = [] {
        Xapian::TermGenerator g;
        g.set_stemmer(Xapian::Stem("english"));
        // Only stemmed terms (Z-prefixed, with positions): half the terms of STEM_SOME,
        // which also stores every unstemmed word, and indexing is mostly Xapian's
        // work per term. Phrases still match (on stems); exact-form search is lost.
        g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        return g;
    }();
    return generator;
}

}  // namespace

std::string display_record(const Article& a) {
    nlohmann::json j;
    j["id"] = a.id;
    j["title"] = a.title;
    j["date"] = a.date ? nlohmann::json(*a.date) : nlohmann::json(nullptr);
    j["source"] = a.source;
    j["url"] = a.url;
    j["authors"] = a.authors;
    auto names = [](const std::vector<EntityCount>& v) {
        std::vector<std::string> out;
        for (const auto& e : v) out.push_back(e.name);
        return out;
    };
    j["companies"] = names(a.companies);
    j["persons"] = names(a.persons);
    // The body is not here but in its value slot (see schema.hpp).
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string content_hash(const Article& a, const std::string& config) {
    std::uint64_t h = stable_hash(config);
    auto mix = [&](const std::string& s) {
        h = stable_hash(s, h);
        h = stable_hash(std::string(1, '\x1f'), h);
    };
    mix(a.id);
    mix(a.source);
    mix(a.url);
    mix(a.title);
    mix(a.date ? *a.date : std::string("-"));
    for (const auto& s : a.authors) mix(s);
    mix(a.body);
    mix(a.layout_pending ? "L" : "l");
    mix(a.provided.companies ? "C" : "c");
    for (const auto& e : a.companies) mix(e.name + "#" + std::to_string(e.mentions));
    mix(a.provided.persons ? "P" : "p");
    for (const auto& e : a.persons) mix(e.name + "#" + std::to_string(e.mentions));
    return hex64(h);
}

PreparedDocument build_document(const Article& a, const std::string& hash) {
    PreparedDocument out;
    out.id = a.id;
    out.id_term = field_term(schema_field("id"), a.id);
    Xapian::Document& doc = out.document;
    doc.add_boolean_term(out.id_term);

    Xapian::TermGenerator& tg = term_generator();
    tg.set_document(doc);
    tg.set_termpos(0);
    std::string title = plain_apostrophes(a.title);
    tg.index_text(title, 1, std::string(schema_field("title").prefix));
    tg.increase_termpos(kFieldGap);
    tg.index_text(title, kTitleBoost);
    tg.increase_termpos(kFieldGap);
    tg.index_text(plain_apostrophes(a.body));

    for (const Field& f : kSchema) {
        switch (f.kind) {
            case FieldKind::Entity: {
                const auto& list = f.name == "company" ? a.companies : a.persons;
                for (const EntityCount& e : list) doc.add_term(field_term(f, e.name), std::max(1u, e.mentions));
                if (!list.empty()) doc.add_value(static_cast<Xapian::valueno>(f.slot), join_names(list));
                break;
            }
            case FieldKind::Boolean:
                if (f.name == "author") {
                    for (const std::string& author : a.authors) doc.add_boolean_term(field_term(f, author));
                } else if (f.name == "source" && !a.source.empty()) {
                    doc.add_boolean_term(field_term(f, a.source));
                    doc.add_value(static_cast<Xapian::valueno>(f.slot), a.source);
                }
                break;
            case FieldKind::Date:
                if (!a.date) break;
                if (f.slot != kNoSlot) {
                    // "2026-04-27" -> "20260427": sorts and ranges as a string.
                    doc.add_value(static_cast<Xapian::valueno>(f.slot),
                                  a.date->substr(0, 4) + a.date->substr(5, 2) + a.date->substr(8, 2));
                } else {
                    doc.add_boolean_term(std::string(f.prefix) + a.date->substr(0, 4) + a.date->substr(5, 2));
                }
                break;
            case FieldKind::Internal:
                if (f.name == "hash") doc.add_value(static_cast<Xapian::valueno>(f.slot), hash);
                break;
            case FieldKind::UniqueId:
                doc.add_value(static_cast<Xapian::valueno>(f.slot), a.id);
                break;
            case FieldKind::FreeText:
                if (f.slot != kNoSlot && f.name == "body" && !a.body.empty())
                    doc.add_value(static_cast<Xapian::valueno>(f.slot), a.body);
                break;
        }
    }
    doc.set_data(display_record(a));
    return out;
}

}  // namespace ainews
