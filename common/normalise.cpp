// normalise_text(): the indexer's text clean-up, on ICU directly. Kept out of
// text.cpp so that a program using only the searcher does not link ICU at all
// (see icu_runtime.hpp).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/text.hpp"

namespace ainews {

std::string normalise_text(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    if (is_ascii(utf8)) {
        for (std::size_t i = 0; i < utf8.size(); ++i) {
            char c = utf8[i];
            if (c == '\r') {
                out += '\n';
                if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
            } else if (c == '\n' || c == '\t' || static_cast<unsigned char>(c) >= 0x20) {
                if (c != 0x7f) out += c;
            }
        }
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    icu::UnicodeString cleaned;
    for (int32_t i = 0; i < text.length();) {
        UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        if (c == '\r') {
            cleaned.append(static_cast<UChar>('\n'));
            if (i < text.length() && text.charAt(i) == '\n') ++i;
            continue;
        }
        if (c == '\n' || c == '\t') {
            cleaned.append(c);
            continue;
        }
        int8_t type = u_charType(c);
        if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || c == 0xFFFD) {
            // Zero-width joiners, BOMs, soft hyphens: invisible and word-breaking.
            continue;
        }
        if (type == U_SPACE_SEPARATOR) {
            cleaned.append(static_cast<UChar>(' '));
            continue;
        }
        cleaned.append(c);
    }
    icu::UnicodeString normal = U_SUCCESS(status) ? nfc->normalize(cleaned, status) : cleaned;
    if (U_FAILURE(status)) normal = cleaned;
    normal.toUTF8String(out);
    return out;
}

}  // namespace ainews
