// The lookup a layer of localities is dissolved from ([[layers]] from, lookup): each small
// area's locality (a best-fit lookup of LSOAs to wards, districts or locality partnerships).
#pragma once

#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/dissolved_layer.hpp"
#include "engine/io/csv_source.hpp"

namespace reachmap {

struct LocalityLookupSource : CsvSource {
  std::string layer;        // the [[layers]] name it makes
  std::string from;         // the layer whose areas it groups
  Column small, id, label;  // a small area's code; its locality's code and name (optional)
};

struct Localities {
  std::vector<LocalityGroup> groups;
  // Areas of the small layer no row names (their children fall outside every locality), and
  // rows naming a code the small layer lacks (a national lookup for one city: most rows).
  std::vector<std::string> missing;
  std::size_t not_in_layer = 0;
};

inline constexpr const char* kNotInSmallLayer = "area not in the layer dissolved";

// Reads the lookup, every row used, excluded (a code the small layer lacks) or rejected with
// its reason (a code missing, or a small area given two localities).
Localities load_localities(const LocalityLookupSource& section, const BoundaryLayer& small,
                           Accounting& accounting);

}  // namespace reachmap
