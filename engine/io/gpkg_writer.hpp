// Writes tables with geometries as layers of one GeoPackage, atomically.
#pragma once

#include <string>
#include <vector>

#include "engine/core/table.hpp"

namespace reachmap {

struct GpkgLayer {
  std::string name;
  const Table* table = nullptr;
  std::vector<std::string> wkb;  // one per table row; empty string for no geometry
  bool points = false;           // point layer (else multipolygon)
  bool lines = false;            // line layer (multilinestring): streets, rivers
};

// A QGIS style for one layer, stored in the GeoPackage's layer_styles table (the extension QGIS
// reads when it opens the file).
struct LayerStyle {
  std::string table, name, qml, sld;
  std::string description;  // what the style shows, in words
  bool is_default = true;   // the style QGIS applies when the layer is opened
};

// `crs` is the CRS of every geometry. `timestamp` (ISO 8601) is written as the GeoPackage's
// last-change time so that the same inputs give the same bytes.
void write_gpkg(const std::string& target, const std::string& crs,
                const std::vector<GpkgLayer>& layers, const std::string& timestamp,
                const std::vector<LayerStyle>& styles = {});

}  // namespace reachmap

namespace reachmap {
// Little-endian WKB of a 2D point.
std::string point_wkb(double x, double y);
}  // namespace reachmap
