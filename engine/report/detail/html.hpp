// Small pieces of HTML and SVG writing shared by the report's sections.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/geo/wkb_rings.hpp"

namespace reachmap::report {

// Text or an attribute value, escaped (& < > " ').
std::string esc(std::string_view text);
// JSON text for a <script> element: < > & and U+2028/2029 written as \uXXXX escapes (they
// occur only inside JSON strings), so no value can close the element, open a comment
// ("<!--<script>" would swallow the rest of the page) or end a line of script.
std::string json_for_script(std::string_view json);
// "23%" / "23.4%"; "-" for none.
std::string pct(std::optional<double> share, int decimals = 0);
// "1,234" (rounded to whole numbers).
std::string whole(double v);
// A count as published: the number, or the band of a hidden count ("fewer than 5" for a
// band of 1-4, "74-77"), or "hidden".
std::string count_text(const std::string& value, const std::string& band);
// "23% (20% to 26%)", or "hidden" / "-" when the share is not published.
std::string share_with_interval(std::optional<double> share, std::optional<double> low,
                                std::optional<double> high);

// Maps projected coordinates (metres, y up) into an SVG box (pixels, y down).
struct SvgView {
  double minx = 0, maxy = 0, scale = 1, width = 0, height = 0, margin = 0;
  XY to(double x, double y) const {
    return {margin + (x - minx) * scale, margin + (maxy - y) * scale};
  }
};
// The largest scale that fits `extent` into width x max_height (less `margin` all round);
// `height` is then as tall as the extent needs.
SvgView fit_view(const Envelope& extent, double width, double max_height, double margin = 4);
// The rings as one SVG path ("M..Z"), to 0.1 px, points that round onto the last dropped.
std::string svg_path(const std::vector<Ring>& rings, const SvgView& view);
// Where to put an area's number: the centroid of its largest ring.
XY label_point(const std::vector<Ring>& rings);
// A numbered disc at `at` (SVG units).
std::string number_disc(XY at, std::size_t number);
// Bytes as base64 (RFC 4648), for an image inside the page (data: URI).
std::string base64(std::string_view bytes);
// A number for SVG attributes, to 0.1.
std::string px(double v);

}  // namespace reachmap::report
