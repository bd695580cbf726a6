#include "searcher/facet_spy.hpp"

#include <algorithm>

namespace ainews {

void MultiValueCountSpy::operator()(const Xapian::Document& doc, double) {
    std::string value = doc.get_value(slot_);
    if (value.empty()) return;
    switch (mode_) {
        case Mode::Single:
            ++counts_[value];
            break;
        case Mode::Month:
            // "20260427" -> "2026-04"
            if (value.size() >= 6) ++counts_[value.substr(0, 4) + "-" + value.substr(4, 2)];
            break;
        case Mode::List: {
            std::size_t start = 0;
            while (start <= value.size()) {
                std::size_t end = value.find('\n', start);
                if (end == std::string::npos) end = value.size();
                if (end > start) ++counts_[value.substr(start, end - start)];
                start = end + 1;
            }
            break;
        }
    }
}

std::vector<FacetValue> MultiValueCountSpy::top(std::size_t limit) const {
    std::vector<FacetValue> out;
    out.reserve(counts_.size());
    for (const auto& [value, count] : counts_) out.push_back({value, count});
    std::sort(out.begin(), out.end(), [&](const FacetValue& a, const FacetValue& b) {
        if (mode_ == Mode::Month) return a.value > b.value;  // months read best newest first
        if (a.count != b.count) return a.count > b.count;
        return a.value < b.value;
    });
    if (limit && out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace ainews
