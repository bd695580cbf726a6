// Scraped news arrives in whatever the site or the scraper used: mostly UTF-8, often
// Windows-1252 or ISO-8859-1, now and then UTF-16 from Windows tools. Everything after
// the readers works on UTF-8 only, so conversion happens once, here.
#include "indexer/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "common/text.hpp"

namespace ainews {

namespace {

// Detection reads this much: enough for a confident guess, cheap on big files.
constexpr std::size_t kSample = 64 * 1024;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// A byte-order mark: the encoding it announces and its length.
struct Bom {
    const char* charset;
    std::size_t length;
};

std::optional<Bom> find_bom(std::string_view bytes) {
    // UTF-32LE before UTF-16LE: its BOM begins with the UTF-16LE one.
    if (starts_with(bytes, std::string_view("\xFF\xFE\0\0", 4))) return Bom{"UTF-32LE", 4};
    if (starts_with(bytes, std::string_view("\0\0\xFE\xFF", 4))) return Bom{"UTF-32BE", 4};
    if (starts_with(bytes, "\xFF\xFE")) return Bom{"UTF-16LE", 2};
    if (starts_with(bytes, "\xFE\xFF")) return Bom{"UTF-16BE", 2};
    if (starts_with(bytes, "\xEF\xBB\xBF")) return Bom{"UTF-8", 3};
    return std::nullopt;
}

// UTF-16 without a BOM (some exporters write it): mostly-ASCII text leaves a zero in
// every other byte, which binary data and every 8-bit encoding never do.
const char* bomless_utf16(std::string_view bytes) {
    std::size_t pairs = std::min(bytes.size(), kSample) / 2;
    if (pairs < 4) return nullptr;
    std::size_t zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        if (bytes[2 * i] == '\0') ++zero_even;
        if (bytes[2 * i + 1] == '\0') ++zero_odd;
    }
    if (zero_odd * 10 >= pairs * 7 && zero_even * 20 <= pairs) return "UTF-16LE";
    if (zero_even * 10 >= pairs * 7 && zero_odd * 20 <= pairs) return "UTF-16BE";
    return nullptr;
}

std::optional<std::string> convert(std::string_view bytes, const char* charset) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(charset, &status), ucnv_close);
    if (U_FAILURE(status) || !converter) return std::nullopt;
    // Bytes the charset does not define become U+FFFD, which normalise_text drops.
    icu::UnicodeString unicode(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string out;
    unicode.toUTF8String(out);
    return out;
}

// ISO-8859-1 names its bytes 0x80-0x9F control characters, which real text never
// contains; in practice such files are Windows-1252 (curly quotes, dashes, euro sign).
// Browsers decode ISO-8859-1 as Windows-1252 for the same reason.
bool is_latin1_family(const std::string& lower_name) {
    static const char* names[] = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
                                  "windows-1252", "cp1252",  "x-cp1252",   "us-ascii", "ascii", "iso-8859-15",
                                  "latin-9"};
    return std::find(std::begin(names), std::end(names), lower_name) != std::end(names);
}

bool has_c1_bytes(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(), [](char c) {
        auto b = static_cast<unsigned char>(c);
        return b >= 0x80 && b <= 0x9F;
    });
}

// ICU's detector is reliable for multi-byte encodings (Shift_JIS, GB18030, EUC-KR)
// and for single-byte ones on enough text, and guesses wildly on a few accented
// letters ("Caf\xE9" as KOI8-R). So a non-Latin single-byte charset must clearly beat
// the Latin-1 family on enough evidence; otherwise the answer is Windows-1252, the
// commonest legacy charset in scraped news.
constexpr int32_t kMultiByteConfidence = 50;
constexpr int32_t kSingleByteConfidence = 30;
constexpr int32_t kMargin = 5;
constexpr std::size_t kMinHighBytes = 16;

bool is_multibyte_charset(const std::string& lower) {
    return lower == "shift_jis" || lower == "euc-jp" || lower == "euc-kr" || lower == "gb18030" || lower == "big5" ||
           starts_with(lower, "iso-2022-");
}

std::string detect_charset(std::string_view bytes) {
    std::string_view sample = bytes.substr(0, kSample);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> detector(ucsdet_open(&status), ucsdet_close);
    if (U_FAILURE(status)) return "windows-1252";
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    if (U_FAILURE(status)) return "windows-1252";
    bool c1 = has_c1_bytes(sample);
    std::size_t high = static_cast<std::size_t>(
        std::count_if(sample.begin(), sample.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    int32_t latin = 0;
    std::string other;
    int32_t other_confidence = 0;
    for (int32_t i = 0; i < count; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        const char* name = ucsdet_getName(matches[i], &s);
        int32_t confidence = ucsdet_getConfidence(matches[i], &s);
        if (U_FAILURE(s) || !name) continue;
        std::string lower = lower_ascii(name);
        if (is_latin1_family(lower)) {
            latin = std::max(latin, confidence);
            continue;
        }
        // The bytes are not UTF-8, and UTF-16/32 were ruled out before; the EBCDIC
        // Arabic and Hebrew detectors fire on anything.
        if (starts_with(lower, "utf-") || starts_with(lower, "ibm4")) continue;
        // Other ISO-8859 parts also map 0x80-0x9F to controls: not the answer when present.
        if (starts_with(lower, "iso-8859-") && c1) continue;
        if (other.empty()) {
            other = name;
            other_confidence = confidence;
        }
    }
    if (!other.empty()) {
        if (is_multibyte_charset(lower_ascii(other))) {
            if (other_confidence >= kMultiByteConfidence) return other;
        } else if (other_confidence >= kSingleByteConfidence && other_confidence >= latin + kMargin &&
                   high >= kMinHighBytes) {
            return other;
        }
    }
    return "windows-1252";
}

// Windows-1252 0x80-0x9F; 0 where the code page leaves the byte undefined.
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Length of the valid UTF-8 sequence at s[i], or 0 when the byte starts none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) >= 0xA0) || (c == 0xF0 && b(i + 1) < 0x90) ||
        (c == 0xF4 && b(i + 1) >= 0x90))
        return 0;
    return n;
}

// Text that is UTF-8 except for a few stray bytes (an editor pasted Windows-1252 into a
// UTF-8 file; a scraper concatenated two sources). Converting it all as a legacy
// charset would garble every correct character, so only the stray bytes are read as
// Windows-1252. Real legacy text almost never forms valid multi-byte UTF-8 sequences,
// so at least as many of those as stray bytes marks the mixed case.
std::optional<std::string> repair_mixed_utf8(std::string_view bytes) {
    std::size_t valid = 0, stray = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
        } else if (std::size_t n = utf8_sequence(bytes, i)) {
            ++valid;
            i += n;
        } else {
            ++stray;
            ++i;
        }
    }
    if (valid == 0 || valid < stray) return std::nullopt;
    std::string out;
    out.reserve(bytes.size() + stray * 2);
    for (std::size_t i = 0; i < bytes.size();) {
        auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t n = c < 0x80 ? 1 : utf8_sequence(bytes, i);
        if (n) {
            out.append(bytes.data() + i, n);
            i += n;
            continue;
        }
        char32_t mapped = c >= 0xA0 ? c : kCp1252High[c - 0x80];
        if (mapped) append_utf8(out, mapped);
        ++i;
    }
    return out;
}

}  // namespace

std::optional<std::string> binary_reason(std::string_view bytes) {
    if (auto bom = find_bom(bytes); bom && std::string_view(bom->charset) != "UTF-8") return std::nullopt;
    if (bomless_utf16(bytes)) return std::nullopt;
    if (bytes.find('\0') != std::string_view::npos) return "binary file (contains NUL bytes), not text";
    // Text has tabs, newlines, the odd form feed; images and archives have every byte.
    std::string_view sample = bytes.substr(0, kSample);
    std::size_t control = 0;
    for (char c : sample) {
        auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7F) ++control;
    }
    if (!sample.empty() && control * 10 > sample.size())
        return "binary file (" + std::to_string(control * 100 / sample.size()) + "% control bytes), not text";
    return std::nullopt;
}

std::optional<DecodedBytes> decode_to_utf8(std::string_view bytes, std::string_view declared) {
    if (auto bom = find_bom(bytes)) {
        bytes.remove_prefix(bom->length);
        if (std::string_view(bom->charset) != "UTF-8") {
            auto text = convert(bytes, bom->charset);
            if (!text) return std::nullopt;
            return DecodedBytes{std::move(*text), bom->charset};
        }
    } else if (const char* utf16 = bomless_utf16(bytes)) {
        auto text = convert(bytes, utf16);
        if (!text) return std::nullopt;
        return DecodedBytes{std::move(*text), utf16};
    }
    if (is_valid_utf8(bytes)) return DecodedBytes{std::string(bytes), ""};

    std::string charset;
    std::string name = lower_ascii(trim(declared));
    // A page declaring UTF-8 whose bytes are not UTF-8 is lying; detect instead.
    if (!name.empty() && name != "utf-8" && name != "utf8") {
        if (is_latin1_family(name)) {
            charset = "windows-1252";
        } else {
            UErrorCode status = U_ZERO_ERROR;
            UConverter* probe = ucnv_open(name.c_str(), &status);
            if (U_SUCCESS(status) && probe) charset = name;
            if (probe) ucnv_close(probe);
        }
    }
    if (charset.empty()) {
        charset = detect_charset(bytes);
        // EUC and GB text forms valid UTF-8 pairs by chance; a confident multi-byte
        // detection wins over the mixed-UTF-8 reading.
        if (!is_multibyte_charset(lower_ascii(charset)))
            if (auto repaired = repair_mixed_utf8(bytes))
                return DecodedBytes{std::move(*repaired), "UTF-8 mixed with windows-1252"};
    }
    auto text = convert(bytes, charset.c_str());
    if (!text) return std::nullopt;
    return DecodedBytes{std::move(*text), charset};
}

std::string sniff_html_charset(std::string_view bytes) {
    // The HTML standard has browsers look in the first 1024 bytes; pages with long
    // heads put it later, so look a little further.
    std::string head = lower_ascii(bytes.substr(0, 4096));
    for (std::size_t pos = head.find("<meta"); pos != std::string::npos; pos = head.find("<meta", pos + 5)) {
        std::size_t end = head.find('>', pos);
        if (end == std::string::npos) break;
        std::string_view tag(head.data() + pos, end - pos);
        std::size_t at = tag.find("charset");
        if (at == std::string_view::npos) continue;
        std::size_t i = at + 7;
        while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) ++i;
        std::size_t start = i;
        while (i < tag.size() && tag[i] != '"' && tag[i] != '\'' && tag[i] != ';' && tag[i] != ' ' && tag[i] != '/')
            ++i;
        if (i > start) return std::string(tag.substr(start, i - start));
    }
    return "";
}

}  // namespace ainews
