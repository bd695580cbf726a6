// The document data: a small JSON record of the fields a hit shows, then a NUL byte,
// then the article body as it is. Snippets need the body; keeping it out of the JSON
// means a search parses a few hundred bytes per hit, not the whole article.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace ainews {

inline std::string join_display_record(const std::string& json, const std::string& body) {
    std::string data;
    data.reserve(json.size() + 1 + body.size());
    data += json;
    data += '\0';  // never inside the JSON: a dump escapes NUL as \u0000
    data += body;
    return data;
}

// {json, body}; body is empty when the record holds none.
inline std::pair<std::string_view, std::string_view> split_display_record(std::string_view data) {
    std::size_t nul = data.find('\0');
    if (nul == std::string_view::npos) return {data, {}};
    return {data.substr(0, nul), data.substr(nul + 1)};
}

}  // namespace ainews
