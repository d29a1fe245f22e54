// Draws a map (choropleth, proportional symbols or the private families map) as PNG, SVG and
// PDF from the same drawing code: title, map body, legend, scale bar, north arrow, attribution.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/core/map_format.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap {

// Writes `base_path` + ".png" / ".svg" / ".pdf" (each atomically). PNG at `dpi`.
void render_map(const MapData& map, const std::string& base_path,
                const std::vector<MapFormat>& formats, double dpi = 300);

// Works out what every PNG page of the map's layer at `dpi` shares (which area each pixel is
// in, and the outlines), as render_map would for a title on one line: made once, on the
// caller's thread at its priority, and kept for the maps drawn after (a second or two of a
// national layer's first map).
void prepare_png_pages(const MapData& map, double dpi = 300);

// How many areas a choropleth draws under each legend row: hidden, no data, zero, then each
// class, labelled as the legend and the QGIS styles' rules are.
std::vector<std::pair<std::string, std::size_t>> legend_counts(const MapData& map);

// What a map shows of the world: its areas and centres (all maps of one layer share it).
Envelope extent_of(const MapData& map);
// The frame render_map uses for this map (tests use it to find an area on the page).
MapFrame frame_for(const MapData& map, const PageLayout& page = {});

}  // namespace reachmap
