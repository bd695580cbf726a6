// Exact facet counts over the whole match. Xapian's ValueCountMatchSpy counts one
// value per document; company and person slots hold several names, so this spy
// splits the slot and counts each name once per document.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "ainews/searcher.hpp"

namespace ainews {

class MultiValueCountSpy : public Xapian::MatchSpy {
public:
    enum class Mode { List, Month, Single };
    MultiValueCountSpy(Xapian::valueno slot, Mode mode) : slot_(slot), mode_(mode) {}

    void operator()(const Xapian::Document& doc, double weight) override;

    // Most frequent first, ties by name.
    std::vector<FacetValue> top(std::size_t limit) const;

private:
    Xapian::valueno slot_;
    Mode mode_;
    std::unordered_map<std::string, std::size_t> counts_;
};

}  // namespace ainews
