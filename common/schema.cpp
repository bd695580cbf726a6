#include "ainews/schema.hpp"

#include <stdexcept>

#include "common/text.hpp"

namespace ainews {

const Field& schema_field(std::string_view name) {
    for (const Field& f : kSchema)
        if (f.name == name) return f;
    throw std::logic_error("ainews: no schema field named " + std::string(name));
}

std::string field_term(const Field& field, std::string_view value) {
    // Xapian refuses terms over 245 bytes; keep a readable head and make the tail
    // a hash so that distinct long values stay distinct.
    constexpr std::size_t kMaxTerm = 240;
    std::string term(field.prefix);
    // Unique ids keep their case: two files differing only in case are two articles.
    term += field.kind == FieldKind::UniqueId ? std::string(value) : fold(value);
    if (term.size() > kMaxTerm) {
        std::string tail = "#" + hex64(stable_hash(term));
        std::size_t keep = kMaxTerm - tail.size();
        // Do not cut a UTF-8 sequence in half.
        while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
        term = term.substr(0, keep) + tail;
    }
    return term;
}

}  // namespace ainews
