// Service locations (children's centres, family hubs): id, name and a point in the analysis
// CRS from coordinates or, failing those, the postcode directory.
#pragma once

#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/directory.hpp"
#include "engine/io/config.hpp"

namespace reachmap {

struct Centre {
  std::string id, name;
  double x = 0, y = 0;
  std::vector<std::string> reach_area_ids;  // [centres] reach_areas, when given
};

std::vector<Centre> load_centres(const CentresSection& section, const std::string& analysis_crs,
                                 const PostcodeDirectory& directory, Accounting& accounting);

}  // namespace reachmap
