// The real inputs several tests share, from ../shared/data: the NSPL extract as a postcode
// directory (with its LSOA 2021 and district codes) and the Greater Manchester LSOA 2021
// boundaries.
#pragma once

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "tests/support/test_support.hpp"

namespace reachmap::testsupport {

// Code columns: 0 = lsoa21cd, 1 = lad24cd.
inline PostcodeDirectory nspl_directory() {
  PostcodesSource pc;
  pc.path = shared_data("postcodes/postcodes_nspl_b_m_cf.csv");
  pc.display = "postcodes_nspl_b_m_cf.csv";
  pc.postcode = {"pcds", false, "postcode"};
  pc.lat = {"lat", false, "lat"};
  pc.lon = {"long", false, "lon"};
  Accounting accounting;
  return load_directory(pc, "EPSG:27700", {"lsoa21cd", "lad24cd"}, accounting);
}

inline LayerSource greater_manchester_lsoa21(const std::string& directory_code = "") {
  LayerSource ls;
  ls.name = "lsoa21";
  ls.path = shared_data("boundaries/lsoa21_greater_manchester_bgc.gpkg");
  ls.display = "lsoa21_greater_manchester_bgc.gpkg";
  ls.id = "lsoa21cd";
  ls.directory_code = directory_code;
  return ls;
}

}  // namespace reachmap::testsupport
