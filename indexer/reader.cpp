#include "ainews/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/text.hpp"
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
    // "report.v2.txt" -> "txt": only the last part unless it is a compression suffix.
    std::size_t last = ext.rfind('.');
    if (last != std::string::npos && ext.substr(last + 1) != "gz") ext = ext.substr(last + 1);
    return ext;
}

}  // namespace

bool is_supported_file(const std::string& path) {
    std::string ext = extension_of(path);
    return ext == "txt" || ext == "text";
}

bool read_bytes(const FileContext& file, std::string& bytes) {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
        file.callbacks.diagnostic({file.path, std::string("cannot read file: ") + std::strerror(errno), true});
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        file.callbacks.diagnostic({file.path, "read error", true});
        return false;
    }
    bytes = std::move(buffer).str();
    return true;
}

bool decode_text(const FileContext& file, std::string& bytes, std::string& text) {
    if (bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
        file.callbacks.diagnostic({file.path, "empty file", true});
        return false;
    }
    if (bytes.size() > file.options.max_article_bytes) {
        file.callbacks.diagnostic({file.path,
                                   "file is " + std::to_string(bytes.size() / (1024 * 1024)) +
                                       " MB, over the limit for one article",
                                   true});
        return false;
    }
    // NUL bytes never occur in text: this is a binary file (image, PDF, archive).
    if (bytes.find('\0') != std::string::npos) {
        file.callbacks.diagnostic({file.path, "binary file (contains NUL bytes), not text", true});
        return false;
    }
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    if (!is_valid_utf8(bytes)) {
        file.callbacks.diagnostic({file.path, "not valid UTF-8", true});
        return false;
    }
    text = normalise_text(bytes);
    return true;
}

void read_file(const std::string& path, const std::string& id_base, const std::string& collection,
               const ReaderOptions& options, const ReadCallbacks& callbacks) {
    FileContext file{path, id_base, collection, options, callbacks};
    std::string bytes;
    if (!read_bytes(file, bytes)) return;
    std::string text;
    if (!decode_text(file, bytes, text)) return;
    read_plain_text(file, std::move(text));
}

}  // namespace ainews
