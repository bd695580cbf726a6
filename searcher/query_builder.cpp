#include "searcher/query_builder.hpp"


#include "ainews/date.hpp"
#include "ainews/error.hpp"
#include "ainews/schema.hpp"
#include "common/database.hpp"
#include "common/text.hpp"

namespace ainews {

namespace {

// Query parser flags: the usual boolean syntax, phrases, +/-, and wildcards; not
// BOOLEAN_ANY_CASE, since a lower-case "and" in a query is a word, not an operator.
constexpr unsigned kParserFlags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                                  Xapian::QueryParser::FLAG_LOVEHATE |
                                  Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_DEFAULT;

Xapian::Query value_range(const std::string& start, const std::string& end) {
    const auto slot = static_cast<Xapian::valueno>(schema_field("date").slot);
    if (!start.empty() && !end.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, start, end);
    if (!start.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, start);
    if (!end.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, end);
    // date:.. : any dated article.
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string("0"));
}

// date:2026-01..2026-03, date:2026.., date:..2025-12-31
class DateRangeProcessor : public Xapian::RangeProcessor {
public:
    DateRangeProcessor() : Xapian::RangeProcessor(static_cast<Xapian::valueno>(schema_field("date").slot), "date:") {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        try {
            std::string from = begin.empty() ? "" : parse_date_bound(begin, false, "date:");
            std::string to = end.empty() ? "" : parse_date_bound(end, true, "date:");
            if (!from.empty() && !to.empty() && from > to)
                throw Xapian::QueryParserError("date:" + begin + ".." + end + ": the range ends before it starts");
            return value_range(from, to);
        } catch (const Error& e) {
            throw Xapian::QueryParserError(e.what());
        }
    }
};

// date:2026-04 (a single period, no "..") is the whole of that period.
class DateFieldProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& text) override {
        try {
            return value_range(parse_date_bound(text, false, "date:"), parse_date_bound(text, true, "date:"));
        } catch (const Error& e) {
            throw Xapian::QueryParserError(e.what());
        }
    }
};

// company:TML -> XCOthinking machines lab: the value is folded and resolved through
// the alias table stored in the index.
class EntityFieldProcessor : public Xapian::FieldProcessor {
public:
    EntityFieldProcessor(const QueryBuilder& builder, std::string field) : builder_(builder), field_(std::move(field)) {}
    Xapian::Query operator()(const std::string& text) override { return builder_.entity_query(field_, text); }

private:
    const QueryBuilder& builder_;
    std::string field_;
};

// author:"Emma Gordon", source:reuters -> folded boolean terms.
class FoldedFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit FoldedFieldProcessor(const Field& field) : field_(field) {}
    Xapian::Query operator()(const std::string& text) override { return Xapian::Query(field_term(field_, text)); }

private:
    const Field& field_;
};

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db) : stemmer_("english"), db_(db) {
    parser_.set_database(db);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // as the indexer (document_builder.cpp)
    parser_.set_default_op(Xapian::Query::OP_AND);
    static const std::string kNonExclusive;  // empty grouping: company:a company:b means both
    for (const Field& f : kSchema) {
        switch (f.kind) {
            case FieldKind::FreeText:
                if (!f.prefix.empty()) parser_.add_prefix(std::string(f.name), std::string(f.prefix));
                break;
            case FieldKind::Entity:
                parser_.add_boolean_prefix(std::string(f.name),
                                           (new EntityFieldProcessor(*this, std::string(f.name)))->release(),
                                           &kNonExclusive);
                break;
            case FieldKind::Boolean:
                parser_.add_boolean_prefix(std::string(f.name), (new FoldedFieldProcessor(f))->release(),
                                           &kNonExclusive);
                break;
            case FieldKind::Date:
                if (f.slot != kNoSlot) {
                    parser_.add_rangeprocessor((new DateRangeProcessor())->release());
                    parser_.add_boolean_prefix(std::string(f.name), (new DateFieldProcessor())->release());
                }
                break;
            case FieldKind::UniqueId:
            case FieldKind::Internal:
                break;
        }
    }
}

QueryBuilder::~QueryBuilder() = default;

std::optional<std::string> QueryBuilder::resolve(const std::string& field, const std::string& name) const {
    std::string canonical = db_.get_metadata(metadata::alias_key(field, fold(collapse_spaces(name))));
    if (canonical.empty()) return std::nullopt;
    return canonical;
}

Xapian::Query QueryBuilder::entity_query(const std::string& field, const std::string& name) const {
    const std::string resolved = entity_term(field, name);
    const std::string literal = field_term(schema_field(field), collapse_spaces(name));
    // The name as given may be an entity of its own in the index (input lists such as
    // Reuters' "nakasone" are stored as given) while the gazetteer resolves it to
    // another canonical name: either is the entity the user means.
    if (literal != resolved && db_.term_exists(literal))
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(resolved), Xapian::Query(literal));
    return Xapian::Query(resolved);
}

std::string QueryBuilder::entity_term(const std::string& field, const std::string& name) const {
    std::string value = collapse_spaces(name);
    if (auto canonical = resolve(field, value)) value = *canonical;
    return field_term(schema_field(field), value);
}

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

bool is_entity_term(const std::string& term) {
    for (const Field& f : kSchema)
        if (f.kind == FieldKind::Entity && starts_with(term, f.prefix)) return true;
    return false;
}

// Terms of free text start in lower case, a digit, a non-ASCII letter, or with the
// title prefix S or the stem marker Z; boolean terms start with a capital prefix.
bool is_free_text_term(const std::string& term) {
    if (term.empty()) return false;
    unsigned char c = static_cast<unsigned char>(term[0]);
    if (!(c >= 'A' && c <= 'Z')) return true;
    if (term[0] == 'Z') return true;
    for (const Field& f : kSchema)
        if (f.kind == FieldKind::FreeText && !f.prefix.empty() && starts_with(term, f.prefix)) {
            // "S" must not also claim "XSRC...": only a lone capital S prefix.
            return term.size() > 1 && !(term[1] >= 'A' && term[1] <= 'Z');
        }
    return false;
}

}  // namespace

QueryBuilder::Built QueryBuilder::build(const SearchRequest& request) {
    Built built;
    std::string text = trim(request.query);
    Xapian::Query parsed;
    if (!text.empty() && text != "*") {
        try {
            parsed = parser_.parse_query(text, kParserFlags);
        } catch (const Xapian::QueryParserError& e) {
            throw Error(ErrorCode::Usage, "invalid query '" + text + "': " + e.get_msg());
        }
    }

    // Entity filters from flags: every name given must be mentioned.
    std::vector<Xapian::Query> flag_entities;
    for (const std::string& c : request.companies) flag_entities.push_back(entity_query("company", c));
    for (const std::string& p : request.persons) flag_entities.push_back(entity_query("person", p));

    std::string since = request.since.empty() ? "" : parse_date_bound(request.since, false, "--since");
    std::string until = request.until.empty() ? "" : parse_date_bound(request.until, true, "--until");
    if (!since.empty() && !until.empty() && since > until)
        throw Error(ErrorCode::Usage, "--since " + request.since + " is after --until " + request.until);

    std::vector<Xapian::Query> weighting_entities = flag_entities;
    for (auto t = parsed.get_unique_terms_begin(); t != parsed.get_unique_terms_end(); ++t) {
        if (is_free_text_term(*t)) built.has_words = true;
        if (is_entity_term(*t)) weighting_entities.emplace_back(*t);
    }

    Xapian::Query query;
    Xapian::Query entity_filter = flag_entities.empty()
                                      ? Xapian::Query()
                                      : Xapian::Query(Xapian::Query::OP_AND, flag_entities.begin(), flag_entities.end());
    if (built.has_words) {
        query = entity_filter.empty() ? parsed : Xapian::Query(Xapian::Query::OP_FILTER, parsed, entity_filter);
    } else if (!weighting_entities.empty()) {
        // No words: the entity terms rank, by how much of the article is about them
        // (wdf = mentions, under BM25's length normalisation).
        Xapian::Query base = parsed.empty() ? entity_filter
                             : entity_filter.empty() ? parsed
                                                     : Xapian::Query(Xapian::Query::OP_AND, parsed, entity_filter);
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, base,
                              Xapian::Query(Xapian::Query::OP_OR, weighting_entities.begin(), weighting_entities.end()));
        built.ranked_by_entities = true;
    } else if (!parsed.empty()) {
        query = parsed;  // only filters such as author: or date:
    } else if (!text.empty() && text != "*") {
        query = Xapian::Query::MatchNothing;  // only stopwords or punctuation
    } else {
        query = Xapian::Query::MatchAll;
    }
    if (!since.empty() || !until.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, value_range(since, until));
    built.query = query;
    return built;
}

}  // namespace ainews
