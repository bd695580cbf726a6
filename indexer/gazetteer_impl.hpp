// Private state of Gazetteer, shared with the extractor that compiles it.
#pragma once

#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ainews/gazetteer.hpp"

namespace ainews {

struct Gazetteer::Impl {
    std::vector<GazetteerEntry> entries;
    std::map<std::pair<EntityType, std::string>, std::size_t> by_name;
    std::unordered_set<std::string> given_names;
    std::vector<std::string> word_names;
    std::vector<std::string> non_names;
};

}  // namespace ainews
