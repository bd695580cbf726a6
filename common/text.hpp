// Text helpers shared by the indexer and the searcher. normalise_text() is in
// normalise.cpp (ICU, linked); fold() reaches ICU only for non-ASCII text, loading
// it on first use (icu_runtime.hpp), so the searcher does not link ICU at all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ainews {

bool is_valid_utf8(std::string_view text);
bool is_ascii(std::string_view text);  // no byte above 0x7F: the fast paths

// NFC, control characters dropped (tab and newline kept), CR LF and CR to LF,
// no-break and other Unicode spaces to plain spaces.
std::string normalise_text(std::string_view utf8);

// Lower case with accents removed: the form entity and author terms are stored in,
// so that "Mistral AI", "MISTRAL AI" and "Mistral Ai" meet.
std::string fold(std::string_view utf8);

// Whitespace at both ends removed; runs of inner whitespace collapsed to one space.
std::string collapse_spaces(std::string_view text);
std::string trim(std::string_view text);

std::vector<std::string> split(std::string_view text, char separator);

// 64-bit FNV-1a: stable across runs and machines (content hashes, long-id hashing).
std::uint64_t stable_hash(std::string_view data, std::uint64_t seed = 1469598103934665603ULL);
std::string hex64(std::uint64_t value);

}  // namespace ainews
