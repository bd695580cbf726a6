// Reading one fixture file through ainews::read_file and keeping what came out.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "ainews/reader.hpp"

namespace ainews::test {

struct ReadResult {
    std::vector<Article> articles;
    std::vector<Diagnostic> diagnostics;
    std::vector<std::pair<std::string, std::string>> converted;  // path, from

    // The diagnostic whose origin and message contain these, or nullptr.
    const Diagnostic* find(const std::string& origin, const std::string& message_part) const {
        for (const Diagnostic& d : diagnostics)
            if (d.origin == origin && d.message.find(message_part) != std::string::npos) return &d;
        return nullptr;
    }
    std::size_t skipped() const {
        std::size_t n = 0;
        for (const Diagnostic& d : diagnostics) n += d.skipped ? 1 : 0;
        return n;
    }
};

inline ReadResult read_fixture(const std::string& path, const ReaderOptions& options = {},
                               const std::string& id_base = "", const std::string& collection = "fixtures") {
    ReadResult r;
    ReadCallbacks callbacks;
    callbacks.article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    callbacks.diagnostic = [&](const Diagnostic& d) { r.diagnostics.push_back(d); };
    callbacks.converted = [&](const std::string& p, const std::string& from) { r.converted.emplace_back(p, from); };
    std::string base = id_base;
    if (base.empty()) base = path.substr(path.find_last_of('/') + 1);
    read_file(path, base, collection, options, callbacks);
    return r;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace ainews::test

namespace Catch {
template <>
struct StringMaker<ainews::EntityCount> {
    static std::string convert(const ainews::EntityCount& e) { return e.name + " x" + std::to_string(e.mentions); }
};
}  // namespace Catch
