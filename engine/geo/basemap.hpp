// Context for maps: roads, water, green space and place names from any OGR source (OS Open
// Roads, OS Open Zoomstack, an OpenStreetMap extract), read only within the maps' extent,
// transformed to the analysis CRS, clipped to it and simplified to the maps' scale.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

// [[basemap]]: context drawn on every map (roads, rivers, green space, place names) from any
// OGR source, e.g. OS Open Roads, OS Open Zoomstack or an OpenStreetMap extract.
enum class BasemapKind { kRoad, kWater, kGreen, kPlace };
struct BasemapSource {
  std::string path, display, layer, where;
  BasemapKind kind = BasemapKind::kRoad;
  std::string name;  // field with the street or place name (empty: no names)
  std::size_t line = 0;
};

struct BasemapFeature {
  BasemapKind kind = BasemapKind::kRoad;
  enum class Geometry { kLines, kPolygons, kPoints } geometry = Geometry::kLines;
  std::vector<Ring> parts;  // polylines, polygon rings (even-odd), or one point per part
  std::string name;         // street or place name, when the section names a field
};

// Features are simplified (Douglas-Peucker) to this fraction of the extent's larger side. A
// town map is printed about 180 mm wide, some 2,000 pixels at 300 dpi, so 1/5,000 of its side
// is under half a printed pixel: only vertices no reader can see go (an outreach sheet zooms
// in a few times, to about a pixel there). A feature smaller than this is left out.
inline constexpr double kBasemapSimplifyFraction = 1.0 / 5000;

// At most this many vertices (after simplifying) over all [[basemap]] sections. Every map and
// outreach sheet draws the whole basemap and SVG and PDF write out each vertex: a town's
// roads simplify to well under this, but a national file with a loose extent (a million lines
// once took ten minutes, 5.4 GB of memory and a 6 GB staging folder) does not. Beyond it the
// least visible features (the shortest lines and smallest polygons, by drawn length; the
// first in source order on a tie) are left out, and a warning says how many.
inline constexpr std::size_t kBasemapMaxVertices = 200'000;

struct Basemap {
  std::vector<BasemapFeature> features;  // in section order, then source order
  // Per section: "streets.gpkg (layer 'roads'): 312 features in the extent".
  std::vector<std::string> sources;
  // Features left out to keep under kBasemapMaxVertices, per section that lost some.
  std::vector<std::string> warnings;
};

// Reads every [[basemap]] section within `extent` (analysis CRS, metres) grown by 5%. A layer
// whose geometries the kind cannot draw (polygons as roads, points as roads, green space or
// water) is an error.
Basemap load_basemap(const std::vector<BasemapSource>& sections, const std::string& crs,
                     const Envelope& extent);

}  // namespace reachmap
