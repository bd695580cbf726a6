// ICU, loaded when first needed rather than when the program starts.
//
// The searcher needs ICU for one thing: folding a non-ASCII name in a query
// ("Société Générale") to the form its terms were indexed in. Linking libicuuc
// (and through it the 30 MB libicudata) cost every ainews-search process about
// 0.3 ms of its ~3 ms start-up whether or not the query had a non-ASCII name, so
// fold() reaches ICU through this loader instead: the library is opened on the
// first non-ASCII fold, by dlopen of the very version the project was built
// against (its C API, whose symbols carry that version). In the indexer, which
// links ICU directly for normalise_text(), dlopen just finds it already loaded.
#pragma once

#include <string>
#include <string_view>

namespace ainews {

// NFKD, combining marks removed, case folded: fold()'s non-ASCII path. Loads ICU
// on the first call (thread-safely); throws std::runtime_error when it cannot.
std::string icu_fold(std::string_view utf8);

}  // namespace ainews
