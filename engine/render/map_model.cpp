#include "engine/render/map_model.hpp"

#include <algorithm>

namespace reachmap {

MapFrame::MapFrame(const Envelope& extent, const PageLayout& page, double margin_share) {
  const double w = std::max(extent.maxx - extent.minx, 1.0);
  const double h = std::max(extent.maxy - extent.miny, 1.0);
  const double avail_w = page.map_w * (1 - 2 * margin_share);
  const double avail_h = page.map_h * (1 - 2 * margin_share);
  scale_ = std::min(avail_w / w, avail_h / h);
  minx_ = extent.minx;
  miny_ = extent.miny;
  // Centre the extent in the frame.
  ox_ = page.map_x + (page.map_w - w * scale_) / 2;
  oy_ = page.map_y + page.map_h - (page.map_h - h * scale_) / 2;
  page_w_ = page.map_w;
}

PageLayout page_for(const Envelope& extent) {
  PageLayout p;
  const double w = extent.maxx - extent.minx, h = extent.maxy - extent.miny;
  if (extent.empty() || h <= 1.15 * w) return p;
  p.width = 210;
  p.height = 297;
  p.map_x = 10;
  p.map_y = 30;
  p.map_w = 190;
  p.map_h = 172;
  p.panel_x = 10;
  p.panel_w = 88;
  p.panel_y = 206;
  p.panel_bottom = 272;
  p.list_x = 104;
  p.list_w = 96;
  p.list_y = 206;
  p.notes_y = 275;
  return p;
}

std::optional<Rgb> class_colour(const MapData& map, double value) {
  const int c = map.classes.class_of(value);
  if (c < 0 || c >= static_cast<int>(map.colours.size())) return std::nullopt;
  return map.colours[static_cast<std::size_t>(c)];
}

Rgb no_data_colour() {
  return Rgb::hex(0xbdbdbd);
}
Rgb background_colour() {
  return Rgb::hex(0xf4f4f4);
}
Rgb zero_colour() {
  return Rgb::hex(0xffffff);
}
Rgb outline_colour() {
  return Rgb::hex(0x636363);
}
Rgb hatch_colour() {
  return Rgb::hex(0x252525);
}

}  // namespace reachmap
