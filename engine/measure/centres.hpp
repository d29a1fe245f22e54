// Service locations (children's centres, family hubs): id, name and a point in the analysis
// CRS from coordinates or, failing those, the postcode directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/io/csv_source.hpp"

namespace reachmap {

// The centres file as a run names it ([centres]), with the centres' reach areas.
struct CentresSource : CsvSource {
  Column centre_id, name, postcode, x, y;
  std::string crs = "EPSG:27700";
  // Optional reach areas: a column of centres.csv listing area ids (separated by ';', ',' or
  // spaces) of the layer `reach_layer`, or a polygon source with one feature per centre.
  Column reach_areas;
  std::string reach_layer;
  std::optional<LayerSource> reach_boundaries;  // path, layer, id = the centre_id field
  // Optional kind of setting (children's centre, family hub, health clinic, library), and the
  // kinds whose children make the headline's seen (all, when none is named), as the config
  // names them, with its file and line for errors.
  Column setting_type;
  std::vector<std::string> headline_types;
  std::string config_file;
  std::size_t headline_line = 0;
};

struct Centre {
  std::string id, name;
  double x = 0, y = 0;
  std::vector<std::string> reach_area_ids;  // [centres] reach_areas, when given
  std::string setting_type;                 // [centres] setting_type, as written; else ""
};

// Kinds of setting are bits of a child's marks (setting_types.hpp): at most this many.
inline constexpr std::size_t kMaxSettingTypes = 30;

std::vector<Centre> load_centres(const CentresSource& section, const std::string& analysis_crs,
                                 const PostcodeDirectory& directory, Accounting& accounting);

}  // namespace reachmap
