// A hash for std::unordered_map keyed by strings that is looked up by std::string_view too: a
// key read from a CSV row is found without copying it into a string first (an allocation per
// row, tens of millions of them on a national attendance file). A large index of strings that
// only grows: string_index.hpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reachmap {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace reachmap
