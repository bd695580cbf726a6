#include "common/icu_runtime.hpp"

#include <dlfcn.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <mutex>
#include <stdexcept>
#include <vector>

// ICU renames its C functions by version (u_charType -> u_charType_72); stringifying
// the macro gives the name to look up.
#define AINEWS_STRINGIFY2(x) #x
#define AINEWS_STRINGIFY(x) AINEWS_STRINGIFY2(x)

namespace ainews {

namespace {

// decltype of the declarations only: nothing here links against ICU.
struct Api {
    decltype(&u_strFromUTF8WithSub) from_utf8 = nullptr;
    decltype(&u_strToUTF8) to_utf8 = nullptr;
    decltype(&unorm2_getNFKDInstance) nfkd_instance = nullptr;
    decltype(&unorm2_normalize) normalize = nullptr;
    decltype(&u_charType) char_type = nullptr;
    decltype(&u_strFoldCase) fold_case = nullptr;
    const UNormalizer2* nfkd = nullptr;
    std::string error;
};

template <typename F>
void bind(void* library, const char* name, F& target, std::string& error) {
    target = reinterpret_cast<F>(dlsym(library, name));
    if (!target && error.empty()) error = std::string("symbol ") + name + " missing";
}

const Api& api() {
    static Api loaded;
    static std::once_flag once;
    std::call_once(once, [] {
        const char* name = "libicuuc.so." AINEWS_STRINGIFY(U_ICU_VERSION_MAJOR_NUM);
        void* library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            const char* why = dlerror();
            loaded.error = std::string("cannot load ") + name + ": " + (why ? why : "unknown error");
            return;
        }
        std::string& e = loaded.error;
        bind(library, AINEWS_STRINGIFY(u_strFromUTF8WithSub), loaded.from_utf8, e);
        bind(library, AINEWS_STRINGIFY(u_strToUTF8), loaded.to_utf8, e);
        bind(library, AINEWS_STRINGIFY(unorm2_getNFKDInstance), loaded.nfkd_instance, e);
        bind(library, AINEWS_STRINGIFY(unorm2_normalize), loaded.normalize, e);
        bind(library, AINEWS_STRINGIFY(u_charType), loaded.char_type, e);
        bind(library, AINEWS_STRINGIFY(u_strFoldCase), loaded.fold_case, e);
        if (!e.empty()) return;
        UErrorCode status = U_ZERO_ERROR;
        loaded.nfkd = loaded.nfkd_instance(&status);
        if (U_FAILURE(status) || !loaded.nfkd) e = "ICU's NFKD normaliser is unavailable";
    });
    if (!loaded.error.empty()) throw std::runtime_error("ainews: " + loaded.error);
    return loaded;
}

// Runs an ICU "preflighting" call: first into a buffer of the guessed size, again
// with the size ICU asked for when that was too small.
template <typename T, typename Call>
std::vector<T> with_capacity(std::size_t guess, Call call) {
    std::vector<T> out(guess + 1);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = call(out.data(), static_cast<int32_t>(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.assign(static_cast<std::size_t>(length) + 1, T{});
        status = U_ZERO_ERROR;
        length = call(out.data(), static_cast<int32_t>(out.size()), &status);
    }
    if (U_FAILURE(status)) throw std::runtime_error("ainews: ICU failed with error " + std::to_string(status));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

}  // namespace

std::string icu_fold(std::string_view utf8) {
    const Api& icu = api();
    // Invalid UTF-8 becomes U+FFFD, as icu::UnicodeString::fromUTF8 does.
    auto text = with_capacity<UChar>(utf8.size(), [&](UChar* dest, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        icu.from_utf8(dest, capacity, &length, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, status);
        return length;
    });
    auto decomposed = with_capacity<UChar>(text.size() * 2, [&](UChar* dest, int32_t capacity, UErrorCode* status) {
        return icu.normalize(icu.nfkd, text.data(), static_cast<int32_t>(text.size()), dest, capacity, status);
    });
    std::vector<UChar> stripped;
    stripped.reserve(decomposed.size());
    for (std::size_t i = 0; i < decomposed.size();) {
        UChar32 c;
        U16_NEXT(decomposed.data(), i, decomposed.size(), c);
        if (icu.char_type(c) == U_NON_SPACING_MARK) continue;
        if (U_IS_BMP(c)) {
            stripped.push_back(static_cast<UChar>(c));
        } else {
            stripped.push_back(U16_LEAD(c));
            stripped.push_back(U16_TRAIL(c));
        }
    }
    auto folded = with_capacity<UChar>(stripped.size() + 8, [&](UChar* dest, int32_t capacity, UErrorCode* status) {
        return icu.fold_case(dest, capacity, stripped.data(), static_cast<int32_t>(stripped.size()), U_FOLD_CASE_DEFAULT,
                             status);
    });
    auto out = with_capacity<char>(folded.size() * 3, [&](char* dest, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        icu.to_utf8(dest, capacity, &length, folded.data(), static_cast<int32_t>(folded.size()), status);
        return length;
    });
    return std::string(out.begin(), out.end());
}

}  // namespace ainews
