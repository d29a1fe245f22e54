// Names that become parts of file names (a layer's name gives indicators_<name>.csv): letters,
// digits and _ only, so a name can never leave its folder or hide a path.
#pragma once

#include <cctype>
#include <string_view>

namespace reachmap {

inline bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace reachmap
