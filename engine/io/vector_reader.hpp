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

// What the layer declares its geometries to be; kAny for a mixed or undeclared layer (GeoJSON
// with several types, a GeometryCollection layer).
enum class GeometryFamily { kAny, kPoints, kLines, kPolygons };

struct VectorLayerData {
  std::string layer_name;
  std::string crs_wkt;        // WKT2 of the layer's CRS
  std::string geometry_type;  // as OGR names it, without Z/M: "Polygon", "Multi Line String"
  GeometryFamily family = GeometryFamily::kAny;
  std::vector<VectorFeature> features;  // empty when a FeatureSink took them
};

// Given the layer's CRS (WKT2), the box (min x, min y, max x, max y) in that CRS to read.
using ExtentInLayerCrs = std::function<std::array<double, 4>(const std::string& crs_wkt)>;

// Takes each feature as it is read, with the layer (its features empty), instead of its being
// collected: a basemap from a national file need not be held whole before it is simplified.
using FeatureSink = std::function<void(const VectorLayerData& layer, VectorFeature&& feature)>;

// `display` names the file in messages; `layer` may be empty when the source has one layer;
// `id_field` may be empty (no ids: basemaps); `where` (OGR SQL, may be empty) keeps only the
// features it matches, and `extent` (when set) only those whose box meets it, through the
// source's spatial index: a town's streets from a national file. With `sink`, the features go
// there as they are read. Without `geometry`, ids and labels only (every wkb empty), and the
// geometries are not even read.
VectorLayerData read_vector_layer(const std::string& path, const std::string& display,
                                  const std::string& layer, const std::string& id_field,
                                  const std::string& label_field, const std::string& where = {},
                                  const ExtentInLayerCrs& extent = {}, const FeatureSink& sink = {},
                                  bool geometry = true);

// Whether the vector source at `path` opens and has a layer called `layer` (a GeoPackage's
// optional layers: centres, reach areas). Never throws.
bool has_vector_layer(const std::string& path, const std::string& layer);

// The files the vector source at `path` is made of, as GDAL lists them (a shapefile's .shp,
// .shx, .dbf and .prj; a GeoPackage's one file), sorted; empty when it does not open.
std::vector<std::string> vector_source_files(const std::string& path);

}  // namespace reachmap

namespace reachmap {
std::string gdal_version();
}  // namespace reachmap
