// The per-format readers behind read_file(). Each gets the file's decoded text.
#pragma once

#include <string>

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

// Checks and decodes bytes to normalised UTF-8; on failure reports and returns false.
bool decode_text(const FileContext& file, std::string& bytes, std::string& text);

void read_plain_text(const FileContext& file, std::string&& text);

}  // namespace ainews
