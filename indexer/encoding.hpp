// Bytes of unknown encoding to UTF-8: BOMs, a declared charset, then ICU's detector.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ainews {

struct DecodedBytes {
    std::string text;  // UTF-8, not yet normalised
    std::string from;  // the encoding converted from; empty when the bytes were UTF-8
};

// Why these bytes are not text at all (NUL bytes, mostly control bytes), or nullopt.
// Called before decoding; UTF-16 and UTF-32 are recognised first so their zero bytes
// do not count against them.
std::optional<std::string> binary_reason(std::string_view bytes);

// Converts `bytes` to UTF-8: a BOM decides; else valid UTF-8 stays as it is; else a
// charset the container declares (HTML <meta charset>) is used if ICU knows it; else
// UTF-8 with a few stray bytes is repaired; else ICU's detector chooses, Windows-1252
// when unsure. Returns nullopt only when no converter can be opened.
std::optional<DecodedBytes> decode_to_utf8(std::string_view bytes, std::string_view declared = {});

// The charset an HTML document declares in its first few kilobytes
// (<meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">).
std::string sniff_html_charset(std::string_view bytes);

}  // namespace ainews
