// Dates: parsing what articles and users write into YYYY-MM-DD, and filter bounds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ainews {

// A real calendar date as "YYYY-MM-DD" from the forms news metadata uses:
// ISO 8601 (2026-04-27, 2026-04-27T10:00:00Z), RFC 2822 (Mon, 27 Apr 2026 10:00:00 +0000),
// "Apr 27, 2026", "27 April 2026", "April 27th, 2026", and Unix seconds when allow_epoch.
// nullopt when the text is not a date or names an impossible day (2026-02-30).
std::optional<std::string> parse_date(std::string_view text, bool allow_epoch = false);

// True when y-m-d is a real calendar day.
bool is_valid_day(int year, int month, int day);

// A --since/--until bound or one end of date:A..B: YYYY, YYYY-MM or YYYY-MM-DD.
// As a start it means the first day of the period, as an end the last day (inclusive).
// Returns "YYYYMMDD"; throws ainews::Error(Usage) with a message naming the input.
std::string parse_date_bound(std::string_view text, bool is_end, std::string_view what = "date");

}  // namespace ainews
