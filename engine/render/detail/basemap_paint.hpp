// The basemap on a map: green space, water and roads drawn in muted styles over the area fills
// (under the outlines' labels and symbols), and street and place names where they fit.
#pragma once

#include <array>
#include <vector>

#include "engine/geo/basemap.hpp"
#include "engine/render/detail/canvas.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap::detail {

// `zoom` widens roads for a close-up (an outreach sheet's few streets): 1 on town maps.
void draw_basemap(Canvas& canvas, const Basemap& basemap, const MapFrame& frame, double zoom = 1);

// Street names along the longest straight stretch of each named road, place names at their
// points: each name once, only where it overlaps nothing in `placed` (page boxes, mm) and stays
// inside `bounds` (x0, y0, x1, y1); placed names are added to `placed`.
void label_basemap(Canvas& canvas, const Basemap& basemap, const MapFrame& frame,
                   const std::array<double, 4>& bounds, std::vector<std::array<double, 4>>& placed,
                   double size_pt = 4.6);

}  // namespace reachmap::detail
