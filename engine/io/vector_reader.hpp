// Reads the polygons of one OGR layer (any GDAL vector format) with their id and label.
#pragma once

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

// `display` names the file in messages; `layer` may be empty when the source has one layer;
// `where` (OGR SQL, may be empty) keeps only the features it matches.
VectorLayerData read_vector_layer(const std::string& path, const std::string& display,
                                  const std::string& layer, const std::string& id_field,
                                  const std::string& label_field, const std::string& where = {});

}  // namespace reachmap

namespace reachmap {
std::string gdal_version();
}  // namespace reachmap
