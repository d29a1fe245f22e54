// The kinds of carer a run counts ([carers]) and the values an attendance system writes for
// each: the config reads them, the attendance loader sorts each contact's carer by them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reachmap {

// The kinds of carer a run counts, each with the values an attendance system writes for it.
// Values are matched with case and surrounding spaces ignored; a value no kind lists counts as
// "other" and is named in the manifest.
struct CarerKinds {
  std::vector<std::string> kinds;                // in the config's order; "other" last
  std::vector<std::vector<std::string>> values;  // by kind, lower case (other: as listed)
  bool from_config = false;                      // [carers], not the built-in kinds

  // The kind a written value counts as; nullopt when no kind lists it (it counts as other).
  std::optional<std::size_t> kind_of(std::string_view value) const;
  std::size_t other() const { return kinds.size() - 1; }
  // The kind `seen_with_father` counts ("father"), or -1 when the config has none.
  long father() const;
};

// father, mother and grandparent with the words systems commonly write for them, then other.
CarerKinds default_carer_kinds();

// Kinds from the config's lists (kind -> values), in order, with other last (its values, if
// listed, count as other without being named as unknown). The config reader checks names and
// values (engine/config).
CarerKinds carer_kinds(const std::vector<std::pair<std::string, std::vector<std::string>>>& lists);

}  // namespace reachmap
