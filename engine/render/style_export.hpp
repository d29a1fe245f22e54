// QGIS (QML) and OGC SLD styles that reproduce a choropleth's classes and colours, and the
// centres' markers, for the GeoPackage's layer_styles table.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/render/map_model.hpp"

namespace reachmap {

std::string choropleth_qml(const MapData& map, const std::string& field);
std::string choropleth_sld(const MapData& map, const std::string& layer, const std::string& field);
// A layer drawn by no choropleth: its areas, the hidden ones hatched.
std::string outline_qml(const MapData& map);
std::string outline_sld(const MapData& map, const std::string& layer);

std::string centres_qml();
std::string centres_sld(const std::string& layer);

}  // namespace reachmap
