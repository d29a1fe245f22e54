// Context for maps: roads, water, green space and place names from any OGR source (OS Open
// Roads, OS Open Zoomstack, an OpenStreetMap extract), read only within the maps' extent,
// transformed to the analysis CRS and clipped to it.
#pragma once

#include <string>
#include <vector>

#include "engine/geo/wkb_rings.hpp"
#include "engine/io/config.hpp"

namespace reachmap {

struct BasemapFeature {
  BasemapKind kind = BasemapKind::kRoad;
  enum class Geometry { kLines, kPolygons, kPoints } geometry = Geometry::kLines;
  std::vector<Ring> parts;  // polylines, polygon rings (even-odd), or one point per part
  std::string name;         // street or place name, when the section names a field
};

struct Basemap {
  std::vector<BasemapFeature> features;  // in section order, then source order
  // Per section: "streets.gpkg (layer 'roads'): 312 features in the extent".
  std::vector<std::string> sources;
};

// Reads every [[basemap]] section within `extent` (analysis CRS, metres) grown by 5%.
Basemap load_basemap(const std::vector<BasemapSection>& sections, const std::string& crs,
                     const Envelope& extent);

}  // namespace reachmap
