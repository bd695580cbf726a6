// The per-format readers behind read_file(). Each gets the file's decoded text,
// except JSON Lines, which streams the file itself (it may be larger than memory).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ainews/reader.hpp"

namespace ainews {

struct FileContext {
    const std::string& path;
    const std::string& id_base;
    const std::string& collection;
    const ReaderOptions& options;
    const ReadCallbacks& callbacks;
};

// Reads a whole file as bytes; on failure reports "path: reason" and returns false.
bool read_bytes(const FileContext& file, std::string& bytes);

// Checks and decodes bytes to normalised UTF-8, converting legacy encodings (reported
// through callbacks.converted); `declared` is a charset the file itself names.
// On failure (empty, binary, too big) reports "path: reason" and returns false.
bool decode_text(const FileContext& file, std::string& bytes, std::string& text, std::string_view declared = {});

// "12 MB", "40 KB", "300 bytes": sizes in messages.
std::string size_text(std::uintmax_t bytes);

// Reports through the callbacks, which a library caller may have left unset.
void diagnose(const FileContext& file, const std::string& origin, const std::string& message, bool skipped);

// Entity lists the input states (JSON, front matter) are authoritative; each name gets
// the number of times title and body mention it (at least 1) so that ranking by
// centrality works as for extracted entities. Persons also count their surname alone
// ("Baker said"). Duplicates are dropped; most mentioned first.
std::vector<EntityCount> given_entities(const std::vector<std::string>& names, const std::string& title,
                                        const std::string& body, bool persons);

void read_plain_text(const FileContext& file, std::string&& text);
void read_markdown(const FileContext& file, std::string&& text);
void read_html(const FileContext& file, std::string&& text);
void read_json_lines(const FileContext& file);

}  // namespace ainews
