#include <catch2/catch.hpp>

#include "ainews/date.hpp"
#include "ainews/error.hpp"

using ainews::parse_date;
using ainews::parse_date_bound;

TEST_CASE("publication dates are parsed from the forms news sites write", "[date]") {
    struct Case {
        const char* text;
        const char* expected;  // nullptr: not a date
    };
    const Case cases[] = {
        {"2026-04-27", "2026-04-27"},
        {"2026-04-27T10:31:00Z", "2026-04-27"},
        {"2025/06/30", "2025-06-30"},
        {"Apr 27, 2026", "2026-04-27"},
        {"April 27, 2026", "2026-04-27"},
        {"April 27th, 2026", "2026-04-27"},
        {"27 April 2026", "2026-04-27"},
        {"Sept. 3, 2025", "2025-09-03"},
        {"Mon, 27 Apr 2026 10:00:00 +0000", "2026-04-27"},
        {"Thu, 26 Feb 1987 15:01:01 GMT", "1987-02-26"},
        {"2024-02-29", "2024-02-29"},
        {"2026-02-29", nullptr},
        {"2026-02-30", nullptr},
        {"2026-13-01", nullptr},
        {"early 2025", nullptr},
        {"April 2026 was busy", nullptr},
        {"Apr 27, 2026 and then some", nullptr},
        {"", nullptr},
        {"yesterday", nullptr},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto got = parse_date(c.text);
        if (c.expected) {
            REQUIRE(got.has_value());
            CHECK(*got == c.expected);
        } else {
            CHECK_FALSE(got.has_value());
        }
    }
}

TEST_CASE("unix seconds are dates only where allowed", "[date]") {
    CHECK(parse_date("1777248000", true) == std::optional<std::string>("2026-04-27"));
    CHECK_FALSE(parse_date("1777248000", false).has_value());
}

TEST_CASE("filter bounds expand a year or month to its first or last day", "[date]") {
    struct Case {
        const char* text;
        bool is_end;
        const char* expected;
    };
    const Case cases[] = {
        {"2026", false, "20260101"},     {"2026", true, "20261231"},       {"2026-02", false, "20260201"},
        {"2026-02", true, "20260228"},   {"2024-02", true, "20240229"},    {"2026-04-27", false, "20260427"},
        {"2026-04-27", true, "20260427"},
    };
    for (const Case& c : cases) {
        INFO(c.text << (c.is_end ? " as end" : " as start"));
        CHECK(parse_date_bound(c.text, c.is_end) == c.expected);
    }
}

TEST_CASE("invalid filter dates are usage errors that name the input", "[date]") {
    for (const char* bad : {"2026-13-45", "2026-02-30", "yesterdayish", "26-04-01", "2026-4-1", "", "2026-00"}) {
        INFO(bad);
        try {
            parse_date_bound(bad, false, "--since");
            FAIL("accepted " << bad);
        } catch (const ainews::Error& e) {
            CHECK(e.code() == ainews::ErrorCode::Usage);
            CHECK(std::string(e.what()).find("--since") != std::string::npos);
            CHECK(e.exit_code() == 2);
        }
    }
}
