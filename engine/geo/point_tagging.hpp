// `reachmap place`: tag any points (a CSV with coordinates) with the area of a boundary layer
// that holds them, by the same rules as a run (the id that sorts first on a shared boundary,
// blank outside), and count points per area.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"

namespace reachmap {

struct PlaceOptions {
  std::string points;  // CSV path
  std::string layer_path, layer_name, id_field;
  std::string x, y, crs;  // projected coordinates ...
  std::string lat, lon;   // ... or WGS84 latitude/longitude
  std::string analysis_crs = "EPSG:27700";
  std::string out_points, out_counts;  // optional outputs
  int threads = 1;
  ProgressFn progress;
};

struct PlaceSummary {
  std::size_t rows = 0, placed = 0, outside = 0, rejected = 0;
  std::vector<std::string> reject_examples;  // "file:line: reason"
  std::size_t areas = 0;
  std::size_t index_leaves = 0, index_edge_leaves = 0;  // the layer's AreaIndex
  bool index_from_file = false;  // the layer's index file served the layer and its index
  std::string index_note;        // what became of the layer's index file, if it has one
  double layer_seconds = 0, read_seconds = 0, index_seconds = 0, place_seconds = 0,
         write_seconds = 0;
};

PlaceSummary place_points_csv(const PlaceOptions& options);

}  // namespace reachmap
