#include <catch2/catch.hpp>

#include <set>

#include "ainews/schema.hpp"

TEST_CASE("schema slots and prefixes are unique", "[schema]") {
    std::set<int> slots;
    std::set<std::string> prefixes;
    for (const auto& f : ainews::kSchema) {
        if (f.slot != ainews::kNoSlot) CHECK(slots.insert(f.slot).second);
        if (!f.prefix.empty()) CHECK(prefixes.insert(std::string(f.prefix)).second);
    }
}

TEST_CASE("entity terms are folded and long values stay under Xapian's limit", "[schema]") {
    const auto& company = ainews::schema_field("company");
    CHECK(ainews::field_term(company, "Thinking Machines Lab") == "XCOthinking machines lab");
    CHECK(ainews::field_term(company, "MISTRAL AI") == ainews::field_term(company, "Mistral AI"));
    std::string long_name(600, 'x');
    std::string a = ainews::field_term(company, long_name);
    std::string b = ainews::field_term(company, long_name + "y");
    CHECK(a.size() <= 240);
    CHECK(a != b);
    // Ids keep their case: two files that differ only in case are two articles.
    const auto& id = ainews::schema_field("id");
    CHECK(ainews::field_term(id, "A.txt") != ainews::field_term(id, "a.txt"));
}
