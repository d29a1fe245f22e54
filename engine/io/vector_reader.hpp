// Reads the polygons of one OGR layer (any GDAL vector format) with their id and label.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace reachmap {

struct VectorFeature {
  std::string id, label;
  std::string wkb;  // ISO WKB in the source CRS; empty when the feature has no geometry
  long long fid = 0;
};

struct VectorLayerData {
  std::string layer_name;
  std::string crs_wkt;  // WKT2 of the layer's CRS
  std::vector<VectorFeature> features;
};

// Given the layer's CRS (WKT2), the box (min x, min y, max x, max y) in that CRS to read.
using ExtentInLayerCrs = std::function<std::array<double, 4>(const std::string& crs_wkt)>;

// `display` names the file in messages; `layer` may be empty when the source has one layer;
// `id_field` may be empty (no ids: basemaps); `where` (OGR SQL, may be empty) keeps only the
// features it matches, and `extent` (when set) only those whose box meets it, through the
// source's spatial index: a town's streets from a national file.
VectorLayerData read_vector_layer(const std::string& path, const std::string& display,
                                  const std::string& layer, const std::string& id_field,
                                  const std::string& label_field, const std::string& where = {},
                                  const ExtentInLayerCrs& extent = {});

}  // namespace reachmap

namespace reachmap {
std::string gdal_version();
}  // namespace reachmap
