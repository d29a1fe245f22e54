// Names that become parts of file names (a layer's name gives indicators_<name>.csv): letters,
// digits and _ only, so a name can never leave its folder or hide a path.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace reachmap {

inline bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// A name as columns take it: "Stay and Play" -> "stay_and_play" (lower case, every run of
// other characters one _, none at the ends); an apostrophe (' or ’) goes: "children's
// centre" -> "childrens_centre".
inline std::string column_name_of(std::string_view written) {
  std::string out;
  for (std::size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\'') continue;
    if (written.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
      continue;
    }
    if (std::isalnum(u) && u < 0x80)
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

}  // namespace reachmap
