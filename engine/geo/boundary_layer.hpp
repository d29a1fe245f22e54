// A boundary layer in the analysis CRS: areas sorted by id (byte order), invalid polygons
// repaired. Geometries are kept as WKB so each thread can build its own GEOS objects.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reachmap {

class AreaIndex;
struct SharedPoints;

// A boundary layer as a run names it (the config's [[layers]]): the source, the id and label
// fields, an attribute filter, and the directory's code column when children are placed by it.
struct LayerSource {
  std::string name, path, display, layer, id, label, directory_code;
  std::string where;  // OGR SQL attribute filter, e.g. "lad22cd = 'E08000003'"
  // [[layers]] from: made by dissolving that (earlier) layer's areas by a lookup
  // (engine/geo/dissolved_layer.hpp); path and display are then the lookup's.
  std::string from;
};

struct Area {
  std::string id, label;
  std::string wkb;  // polygonal, analysis CRS; empty when the feature has no usable geometry
  double anchor_x = 0, anchor_y = 0;  // a point inside the area (GEOS point on surface)
};

struct BoundaryLayer {
  std::string name;  // the [[layers]] name
  std::string display;
  std::vector<Area> areas;  // sorted by id
  std::unordered_map<std::string, std::size_t> index_of;
  std::size_t repaired = 0;     // invalid polygons made valid with GEOSMakeValid
  std::size_t no_geometry = 0;  // features without a polygon
  // Pairs of areas (indices, first < second) where one's interior point lies inside the other:
  // duplicated, nested or badly overlapping polygons. A child there counts in one area only
  // (the id that sorts first), so both figures are off; the console and manifest say so.
  std::vector<std::pair<std::size_t, std::size_t>> overlaps;
  std::string transformation;  // PROJ operation used to reach the analysis CRS
  // The layer's point index when its index file gave it (or rebuilt it), else null: placement
  // builds one. index_note says what became of the index file (engine/geo/layer_index_file).
  std::shared_ptr<const AreaIndex> index;
  std::string index_note;
  // Which areas share boundary points, by row, when the index file kept them (at its snap:
  // contiguity uses them when its own is the same), else null.
  std::shared_ptr<const SharedPoints> shared_points;

  long find(const std::string& id) const {
    auto it = index_of.find(id);
    return it == index_of.end() ? -1 : static_cast<long>(it->second);
  }
};

BoundaryLayer load_boundary_layer(const LayerSource& section, const std::string& analysis_crs);

}  // namespace reachmap
