#include "ainews/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/text.hpp"
#include "indexer/encoding.hpp"
#include "indexer/format_readers.hpp"

namespace ainews {

namespace {

std::string extension_of(const std::string& path) {
    std::size_t slash = path.find_last_of('/');
    std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    std::size_t dot = name.find('.');
    if (dot == std::string::npos || dot == 0) return "";
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // "report.v2.txt" -> "txt": only the last part, or the last two when the last is a
    // compression suffix ("feed.2024.jsonl.gz" -> "jsonl.gz").
    std::size_t last = ext.rfind('.');
    if (last == std::string::npos) return ext;
    if (ext.substr(last + 1) != "gz") return ext.substr(last + 1);
    std::size_t before = last == 0 ? std::string::npos : ext.rfind('.', last - 1);
    return before == std::string::npos ? ext : ext.substr(before + 1);
}

// Every format in one table: the extensions it claims and how its bytes reach it.
// Whole-file formats get decoded text; streaming ones open the file themselves.
struct Format {
    std::vector<std::string> extensions;
    void (*read_text)(const FileContext&, std::string&&);
    void (*read_stream)(const FileContext&);
    std::string (*declared_charset)(std::string_view bytes);
};

const std::vector<Format>& formats() {
    static const std::vector<Format> table = {
        {{"txt", "text"}, read_plain_text, nullptr, nullptr},
        {{"md", "markdown"}, read_markdown, nullptr, nullptr},
        {{"html", "htm"}, read_html, nullptr, sniff_html_charset},
        {{"jsonl", "ndjson", "jsonl.gz", "ndjson.gz"}, nullptr, read_json_lines, nullptr},
    };
    return table;
}

const Format* format_of(const std::string& path) {
    std::string ext = extension_of(path);
    for (const Format& f : formats())
        if (std::find(f.extensions.begin(), f.extensions.end(), ext) != f.extensions.end()) return &f;
    return nullptr;
}

}  // namespace

bool is_supported_file(const std::string& path) { return format_of(path) != nullptr; }

void diagnose(const FileContext& file, const std::string& origin, const std::string& message, bool skipped) {
    if (!file.callbacks.diagnostic) return;
    // Messages quote bits of the input; its control characters must not reach a terminal.
    std::string clean = message;
    for (char& c : clean)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    file.callbacks.diagnostic({origin, clean, skipped});
}

std::string size_text(std::uintmax_t bytes) {
    if (bytes >= 10u * 1024u * 1024u) return std::to_string(bytes / (1024 * 1024)) + " MB";
    if (bytes >= 10u * 1024u) return std::to_string(bytes / 1024) + " KB";
    return std::to_string(bytes) + " bytes";
}

bool read_bytes(const FileContext& file, std::string& bytes) {
    // Checked before reading so that a stray multi-gigabyte file is never loaded.
    std::error_code ec;
    std::uintmax_t size = std::filesystem::file_size(file.path, ec);
    if (!ec && size > file.options.max_article_bytes) {
        diagnose(file, file.path, "file is " + size_text(size) + ", over the limit for one article", true);
        return false;
    }
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
        diagnose(file, file.path, std::string("cannot read file: ") + std::strerror(errno), true);
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        diagnose(file, file.path, "read error", true);
        return false;
    }
    bytes = std::move(buffer).str();
    return true;
}

bool decode_text(const FileContext& file, std::string& bytes, std::string& text, std::string_view declared) {
    if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
        diagnose(file, file.path, "empty file", true);
        return false;
    }
    if (bytes.size() > file.options.max_article_bytes) {
        diagnose(file, file.path, "file is " + size_text(bytes.size()) + ", over the limit for one article", true);
        return false;
    }
    if (auto why = binary_reason(bytes)) {
        diagnose(file, file.path, *why, true);
        return false;
    }
    auto decoded = decode_to_utf8(bytes, declared);
    if (!decoded) {
        diagnose(file, file.path, "cannot decode the text (no converter for its encoding)", true);
        return false;
    }
    bytes.clear();
    bytes.shrink_to_fit();
    if (!decoded->from.empty() && file.callbacks.converted) file.callbacks.converted(file.path, decoded->from);
    text = normalise_text(decoded->text);
    // A UTF-16 file holding only a BOM and spaces passes the byte check above.
    if (text.find_first_not_of(" \t\n") == std::string::npos) {
        diagnose(file, file.path, "empty file", true);
        return false;
    }
    return true;
}

void read_file(const std::string& path, const std::string& id_base, const std::string& collection,
               const ReaderOptions& options, const ReadCallbacks& callbacks) {
    FileContext file{path, id_base, collection, options, callbacks};
    const Format* format = format_of(path);
    if (!format) {
        diagnose(file, path, "unsupported file type", true);
        return;
    }
    if (format->read_stream) {
        format->read_stream(file);
        return;
    }
    std::string bytes;
    if (!read_bytes(file, bytes)) return;
    std::string declared = format->declared_charset ? format->declared_charset(bytes) : std::string();
    std::string text;
    if (!decode_text(file, bytes, text, declared)) return;
    format->read_text(file, std::move(text));
}

}  // namespace ainews
