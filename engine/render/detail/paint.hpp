// Painting helpers shared by the map body and the legend: fills, hatching, stipple, markers.
#pragma once

#include <functional>
#include <vector>

#include "engine/render/detail/canvas.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap::detail {

enum class Fill { kColour, kNoData, kZero, kSuppressed, kBackground };

inline constexpr double kOutlineWidth = 0.12;        // mm
inline constexpr double kHigherOutlineWidth = 0.45;  // a coarser layer's boundaries

// Fills the current path (kept) with `fill` and strokes it with the area outline, in one path
// element where the surface allows (one SVG <path> per area). `outline_width` 0: fill only.
void paint_current_path(Canvas& canvas, Fill fill, const Rgb& colour,
                        const std::function<void()>& path, double outline_width = kOutlineWidth);

// The colour an area of `fill` is filled with (`colour`: its class's, for kColour).
Rgb fill_colour(Fill fill, const Rgb& colour);

// The hatching of a hidden count (kSuppressed) or the stipple of zero (kZero) within the path
// `path` draws; nothing for other fills. The current path is left empty.
void pattern_in_path(Canvas& canvas, Fill fill, const std::function<void()>& path);

// Appends the rings of an area (page coordinates) as one even-odd path.
void append_rings(cairo_t* cr, const std::vector<Ring>& rings, const MapFrame& frame);

inline constexpr double kSymbolOpacity = 0.85;  // a families-map symbol's fill

// The path of a families-map symbol of radius `r` centred at (x, y), replacing the current one.
void symbol_path(cairo_t* cr, Shape shape, double x, double y, double r);
// A families-map symbol of radius `r` (a square or diamond of the same area as the circle).
// `outline` off for very many points (a national families map): the fill alone is half the work.
void point_symbol(cairo_t* cr, Shape shape, double x, double y, double r, const Rgb& colour,
                  bool outline = true);
// Where a group's symbol sits around its postcode, so the kinds at one postcode stay apart.
XY group_offset(int group, int groups, double r);

// A centre marker: a triangle with a dark outline, centred on (x, y).
void centre_marker(cairo_t* cr, double x, double y, double size);

}  // namespace reachmap::detail
