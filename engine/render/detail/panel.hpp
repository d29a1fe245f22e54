// The panel to the right of the map body: legend, north arrow and scale bar.
#pragma once

#include "engine/render/detail/canvas.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap::detail {

// Symbol sizes shared by the map body and its legend (radii in mm).
double symbol_radius(double value, double max_value);
double family_radius(double children);
inline constexpr double kMaxSymbolRadius = 6.0;
inline constexpr double kCentreMarkerSize = 3.2;

void draw_panel(Canvas& canvas, const MapData& map, const PageLayout& page, const MapFrame& frame);

// A north arrow above a round scale bar, left-aligned at `x`, ending at `bottom` (mm).
void draw_north_and_scale(Canvas& canvas, double x, double bottom, const MapFrame& frame);

}  // namespace reachmap::detail
