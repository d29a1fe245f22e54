// A hash map keyed by std::string that is looked up by std::string_view too: a key read from a
// CSV row is found without copying it into a string first (an allocation per row, tens of
// millions of them on a national attendance file).
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

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace reachmap
