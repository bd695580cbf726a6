// Renderings the command-line tools print; embedding programs may use them too.
#pragma once

#include <string>

#include "ainews/article.hpp"
#include "ainews/indexer.hpp"
#include "ainews/searcher.hpp"

namespace ainews {

// One line of JSON: id, source, title, date, authors, companies, persons.
std::string article_to_json(const Article& article);
std::string summary_to_json(const IndexSummary& summary);
std::string summary_to_text(const IndexSummary& summary);
std::string results_to_json(const SearchResults& results);
std::string results_to_text(const SearchResults& results);

}  // namespace ainews
