#include "engine/render/map_renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "engine/io/atomic_file.hpp"
#include "engine/render/detail/basemap_paint.hpp"
#include "engine/render/detail/paint.hpp"
#include "engine/render/detail/panel.hpp"
#include "engine/render/detail/raster.hpp"

namespace reachmap {

namespace {
constexpr std::size_t kCrowdedCentres = 150;
// A proportional symbol: an orange disc, a little transparent, with a dark brown edge.
constexpr Rgb kSymbolFill{0.90, 0.33, 0.05};
constexpr double kSymbolFillOpacity = 0.72;
constexpr Rgb kSymbolLine{0.35, 0.12, 0.0};
constexpr double kSymbolLineWidth = 0.18;  // mm
}  // namespace

using namespace detail;

Envelope extent_of(const MapData& map) {
  Envelope e;
  for (const auto& a : map.areas) e.add(a.rings.envelope());
  for (const auto& p : map.centres) e.add(p.x, p.y);
  if (e.empty()) e.add(0, 0);
  return e;
}

MapFrame frame_for(const MapData& map, const PageLayout& page) {
  return MapFrame(extent_of(map), page);
}

namespace {

// Thousands of small areas: thinner outlines, or the boundaries hide the fills in cities.
double outline_width(const MapData& map) {
  return map.areas.size() > 2000 ? 0.04 : kOutlineWidth;
}

std::array<double, 4> body_box(const PageLayout& page) {
  return {page.map_x, page.map_y, page.map_x + page.map_w, page.map_y + page.map_h};
}

Fill fill_of(const MapData& map, const MapArea& a, Rgb& colour) {
  if (a.suppressed) return Fill::kSuppressed;
  if (map.kind == MapKind::kCategories) {
    if (a.category < 0) return Fill::kNoData;
    colour = map.categories[static_cast<std::size_t>(a.category)].colour;
    return Fill::kColour;
  }
  if (!a.value) return Fill::kNoData;
  const bool classed = map.kind == MapKind::kChoropleth ||
                       (map.kind == MapKind::kFamilies && map.classes.count() > 0);
  if (!classed) return Fill::kBackground;
  if (*a.value == 0) return Fill::kZero;
  if (auto c = class_colour(map, *a.value)) colour = *c;
  return Fill::kColour;
}

// Long by design: one pass over the page in paint order (fills, outlines, symbols, discs,
// labels, centres); the label placement shares its list of taken boxes across every kind.
void draw_body(Canvas& c, const MapData& map, const PageLayout& page, const MapFrame& frame) {
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_rectangle(cr, page.map_x, page.map_y, page.map_w, page.map_h);
  cairo_clip(cr);
  const double outline = outline_width(map);
  // A PNG page takes its outlines from the layer's stroked once (raster.hpp), after the fills:
  // stroking them area by area was most of the time of a national map.
  const bool raster = c.kind() == SurfaceKind::kPng;
  const std::array<double, 4> box = body_box(page);
  if (raster) {
    // A PNG page colours the layer's areas pixel by pixel from which area each pixel is in
    // (raster.hpp, worked out once for every map of the layer), then hatches or stipples the
    // few that need it, then lays the outlines over the boundaries.
    const PixelGrid grid{cairo_image_surface_get_width(c.surface()),
                         cairo_image_surface_get_height(c.surface()), c.px_per_mm()};
    const auto owners = area_owners(map.areas, frame, grid, box);
    std::vector<std::uint32_t> pixels(map.areas.size() + 1, 0);  // [0]: no area, unused
    std::vector<std::pair<const MapArea*, Fill>> patterned;
    for (std::size_t i = 0; i < map.areas.size(); ++i) {
      const MapArea& a = map.areas[i];
      Rgb colour{1, 1, 1};
      const Fill fill = fill_of(map, a, colour);
      pixels[i + 1] = cairo_pixel(fill_colour(fill, colour));
      if ((fill == Fill::kSuppressed || fill == Fill::kZero) && !a.rings.empty())
        patterned.emplace_back(&a, fill);
    }
    cairo_surface_flush(c.surface());
    paint_owners(c.surface(), *owners, pixels);
    cairo_surface_mark_dirty(c.surface());
    for (const auto& [a, fill] : patterned)
      pattern_in_path(c, fill, [&, a = a] { append_rings(cr, a->rings, frame); });
    const auto lines = area_outlines(map.areas, frame, outline, grid, box);
    cairo_surface_flush(c.surface());
    blend(c.surface(), *lines, 0, 0, outline_colour(), 1.0, {0, 0, grid.width, grid.height});
    cairo_surface_mark_dirty(c.surface());
  } else {
    for (const auto& a : map.areas) {
      if (a.rings.empty()) continue;
      Rgb colour{1, 1, 1};
      const Fill fill = fill_of(map, a, colour);
      paint_current_path(
          c, fill, colour, [&] { append_rings(cr, a.rings, frame); }, outline);
    }
  }
  if (map.basemap) draw_basemap(c, *map.basemap, frame);
  for (const auto& o : map.outlines) {  // a coarser layer: a dark line with a white edge
    append_rings(cr, o.rings, frame);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_set_line_width(cr, kHigherOutlineWidth + 0.35);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, kHigherOutlineWidth);
    cairo_stroke(cr);
  }
  if (map.kind == MapKind::kSymbols) {
    double vmax = 0;
    for (const auto& a : map.areas)
      if (a.value) vmax = std::max(vmax, *a.value);
    std::vector<const MapArea*> order;
    for (const auto& a : map.areas)
      if (a.value && *a.value > 0) order.push_back(&a);
    // Largest first, so small circles stay visible on top; ties keep area order.
    std::stable_sort(order.begin(), order.end(),
                     [](const MapArea* x, const MapArea* y) { return *x->value > *y->value; });
    // A PNG page draws the discs itself (raster.hpp): Cairo's fill and stroke of 34,753
    // circles took 4-5 s of a national map.
    if (raster) cairo_surface_flush(c.surface());
    for (const MapArea* a : order) {
      const XY p = frame.to_page(a->anchor.x, a->anchor.y);
      const double r = symbol_radius(*a->value, vmax);
      if (raster) {
        disc(c.surface(), c.px_per_mm(), box, p.x, p.y, r, kSymbolFill, kSymbolFillOpacity,
             kSymbolLine, kSymbolLineWidth);
        continue;
      }
      cairo_new_path(cr);
      cairo_arc(cr, p.x, p.y, r, 0, 2 * M_PI);
      cairo_set_source_rgba(cr, kSymbolFill.r, kSymbolFill.g, kSymbolFill.b, kSymbolFillOpacity);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, kSymbolLine.r, kSymbolLine.g, kSymbolLine.b);
      cairo_set_line_width(cr, kSymbolLineWidth);
      cairo_stroke(cr);
    }
    if (raster) cairo_surface_mark_dirty(c.surface());
  }
  if (map.kind == MapKind::kFamilies) {
    // Group by group (the last on top: the list puts the children to find last), each kind
    // a little apart from the others at the same postcode.
    const int groups = static_cast<int>(std::max<std::size_t>(1, map.point_groups.size()));
    const bool outlines = map.points.size() <= 50000;  // a region's postcodes: fills only
    // Fills only on a PNG page: stamped from sprites, not filled one by one.
    std::optional<SymbolStamps> stamps;
    if (!outlines && raster) {
      stamps.emplace(c.px_per_mm(), box);
      cairo_surface_flush(c.surface());
    }
    for (int g = 0; g < groups; ++g) {
      const Shape shape =
          map.point_groups.empty() ? Shape::kCircle : map.point_groups[std::size_t(g)].shape;
      const Rgb colour =
          map.point_groups.empty() ? Rgb{0.55, 0.0, 0.25} : map.point_groups[std::size_t(g)].colour;
      const XY o = group_offset(g, groups, 0.6);
      for (const auto& p : map.points) {
        if (p.group != g) continue;
        const double r = family_radius(p.value);
        const XY q = frame.to_page(p.x, p.y);
        if (stamps)
          stamps->stamp(c.surface(), shape, q.x + o.x, q.y + o.y, r, colour, kSymbolOpacity);
        else
          point_symbol(cr, shape, q.x + o.x, q.y + o.y, r, colour, outlines);
      }
    }
    if (stamps) cairo_surface_mark_dirty(c.surface());
  }
  std::vector<std::array<double, 4>> placed;  // label boxes so far, on the page
  // The outreach list's first areas, numbered where they are: a white disc with the rank.
  // Where discs would overlap (neighbouring areas in a dense city), a disc moves out along a
  // spiral to the first free place, with a leader line and a dot at its area.
  {
    std::vector<std::array<double, 3>> discs;  // x, y, radius, in rank order
    for (const auto& r : map.ranked) {
      const XY at = frame.to_page(map.areas[r.area].anchor.x, map.areas[r.area].anchor.y);
      const auto [tw, th] = c.measure(std::to_string(r.rank), 6.5, true);
      const double radius = std::max(tw, th) / 2 + 0.9;
      XY p = at;
      for (int step = 0; step < 200; ++step) {
        const double ring = std::floor(step / 12.0), angle = (step % 12) * M_PI / 6;
        p = {at.x + ring * 2.2 * radius * std::cos(angle),
             at.y + ring * 2.2 * radius * std::sin(angle)};
        if (step > 0 && ring == 0) continue;
        bool clear = p.x - radius > page.map_x && p.x + radius < page.map_x + page.map_w &&
                     p.y - radius > page.map_y && p.y + radius < page.map_y + page.map_h;
        for (const auto& d : discs)
          clear &= std::hypot(d[0] - p.x, d[1] - p.y) > d[2] + radius + 0.3;
        if (clear) break;
      }
      if (p.x != at.x || p.y != at.y) {
        cairo_new_path(cr);
        cairo_move_to(cr, at.x, at.y);
        cairo_line_to(cr, p.x, p.y);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_line_width(cr, 0.25);
        cairo_stroke(cr);
        cairo_arc(cr, at.x, at.y, 0.5, 0, 2 * M_PI);
        cairo_fill(cr);
      }
      discs.push_back({p.x, p.y, radius});
    }
    for (std::size_t k = discs.size(); k-- > 0;) {
      const auto [x, y, radius] = discs[k];
      const std::string n = std::to_string(map.ranked[k].rank);
      const auto [tw, th] = c.measure(n, 6.5, true);
      cairo_new_path(cr);
      cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      cairo_set_line_width(cr, 0.3);
      cairo_stroke(cr);
      c.text(x - tw / 2, y - th / 2, n, 6.5, true);
      placed.push_back({x - radius, y - radius, x + radius, y + radius});  // names keep clear
    }
  }
  // A portrait page draws its north arrow and scale bar in the map's lower left corner
  // (legend.cpp): labels keep off it.
  if (page.list_y >= 0)
    placed.push_back(
        {page.map_x, page.map_y + page.map_h - 34, page.map_x + 60, page.map_y + page.map_h});
  // Names keep off the centres' markers.
  const bool crowded = map.centres.size() > kCrowdedCentres;
  const double marker =
      crowded
          ? kCentreMarkerSize * std::max(0.2, std::sqrt(static_cast<double>(kCrowdedCentres) /
                                                        static_cast<double>(map.centres.size())))
          : kCentreMarkerSize;
  for (const auto& centre : map.centres) {
    const XY p = frame.to_page(centre.x, centre.y);
    placed.push_back({p.x - marker / 2, p.y - marker / 2, p.x + marker / 2, p.y + marker / 2});
  }
  // The coarser layer's names first (they orient the reader), in bold, where they fit: at the
  // area's interior point, or nudged a little up, down, left or right of it.
  const double coarse_pt = map.outlines.size() > 20 ? 7 : 8;
  for (const auto& o : map.outlines) {
    if (o.name.empty()) continue;
    const XY p = frame.to_page(o.anchor.x, o.anchor.y);
    const auto [w, h] = c.measure(o.name, coarse_pt, true);
    for (const auto& [dx, dy] : {std::pair{0.0, 0.0},
                                 {0.0, -h},
                                 {0.0, h},
                                 {-w / 3, 0.0},
                                 {w / 3, 0.0},
                                 {0.0, -2 * h},
                                 {0.0, 2 * h}}) {
      const std::array<double, 4> box{p.x + dx - w / 2, p.y + dy - h / 2, p.x + dx + w / 2,
                                      p.y + dy + h / 2};
      bool clear = box[0] > page.map_x && box[2] < page.map_x + page.map_w && box[1] > page.map_y &&
                   box[3] < page.map_y + page.map_h;
      for (const auto& q : placed)
        clear &= !(box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]);
      if (!clear) continue;
      placed.push_back(box);
      c.text(box[0], box[1], o.name, coarse_pt, true, Rgb{0.15, 0.15, 0.15}, 0, true);
      break;
    }
  }
  // Area names where they fit: inside the area's box on the page, clear of names already set
  // and of the numbered discs (set first). Largest areas first, so the big ones get theirs.
  std::vector<std::pair<double, std::size_t>> by_size;
  for (std::size_t i = 0; i < map.areas.size(); ++i) {
    if (map.areas[i].name.empty() || map.areas[i].rings.empty()) continue;
    const Envelope e = map.areas[i].rings.envelope();
    by_size.push_back({-(e.maxx - e.minx) * (e.maxy - e.miny), i});
  }
  std::sort(by_size.begin(), by_size.end());
  std::vector<std::array<double, 4>> names = placed;
  const std::size_t before = names.size();
  const double inset = 0.15;  // of the area's box: a name must sit well inside its area
  // No line of text is less than half as tall as a line in the map's own font: an area whose
  // box is lower than that cannot hold its name, and is not measured (a national map's 34,753
  // names were 1.5% of a run's CPU, nearly all too small to set).
  const double lowest_line = c.measure("Ag", 6.5).second / 2;
  for (const auto& [size, i] : by_size) {
    const MapArea& a = map.areas[i];
    const Envelope e = a.rings.envelope();
    const XY lo = frame.to_page(e.minx, e.maxy), hi = frame.to_page(e.maxx, e.miny);
    if ((hi.y - lo.y) * (1 - 2 * inset) < lowest_line) continue;
    const XY p = frame.to_page(a.anchor.x, a.anchor.y);
    const auto [w, h] = c.measure(a.name, 6.5);
    const std::array<double, 4> box{p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2};
    const double dx = (hi.x - lo.x) * inset, dy = (hi.y - lo.y) * inset;
    if (box[0] < lo.x + dx || box[2] > hi.x - dx || box[1] < lo.y + dy || box[3] > hi.y - dy)
      continue;
    bool clear = true;
    for (const auto& q : names)
      clear &= !(box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]);
    if (!clear) continue;
    names.push_back(box);
    c.text(box[0], box[1], a.name, 6.5, false, Rgb{0.15, 0.15, 0.15}, 0, true);
  }
  placed.insert(placed.end(), names.begin() + static_cast<long>(before), names.end());
  // Hundreds of centres (a region, the country) would bury the map under full-size markers
  // and names: markers shrink with their number (down to a fifth), and no names.
  for (const auto& centre : map.centres) {
    const XY p = frame.to_page(centre.x, centre.y);
    centre_marker(cr, p.x, p.y, marker);
  }
  // Labels in centre order, each only where it overlaps no label already placed and stays
  // inside the frame: crowded centres keep their markers and lose their names, not legibility.
  for (const auto& centre : map.centres) {
    if (centre.label.empty() || crowded) continue;
    const XY p = frame.to_page(centre.x, centre.y);
    const auto [w, h] = c.measure(centre.label, 6.5, true, 45);
    // Right of the marker, else left, above or below: the first place that is free.
    const std::array<double, 2> corners[] = {{p.x + 2.4, p.y - 1.4},
                                             {p.x - 2.4 - w, p.y - 1.4},
                                             {p.x - w / 2, p.y - 3 - h},
                                             {p.x - w / 2, p.y + 2.4}};
    std::optional<std::array<double, 4>> free;
    for (const auto& [bx, by] : corners) {
      const std::array<double, 4> box{bx, by, bx + w, by + h};
      if (box[0] < page.map_x || box[2] > page.map_x + page.map_w || box[1] < page.map_y ||
          box[3] > page.map_y + page.map_h)
        continue;
      bool clear = true;
      for (const auto& q : placed)
        clear &= !(box[0] < q[2] && q[0] < box[2] && box[1] < q[3] && q[1] < box[3]);
      if (clear) {
        free = box;
        break;
      }
    }
    if (!free) continue;
    const std::array<double, 4> box = *free;
    placed.push_back(box);
    c.text(box[0], box[1], centre.label, 6.5, true, Rgb{0.1, 0.1, 0.1}, 45, true);
  }
  if (map.basemap)
    label_basemap(c, *map.basemap, frame,
                  {page.map_x, page.map_y, page.map_x + page.map_w, page.map_y + page.map_h},
                  placed);
  cairo_restore(cr);
  cairo_rectangle(cr, page.map_x, page.map_y, page.map_w, page.map_h);
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
}

void draw_page(Canvas& c, const MapData& map, const PageLayout& layout) {
  double y = 8;
  if (!map.banner.empty()) {
    cairo_rectangle(c.cr(), 0, 0, layout.width, 7);
    cairo_set_source_rgb(c.cr(), 0.75, 0.05, 0.05);
    cairo_fill(c.cr());
    c.text(10, 1.2, map.banner, 9, true, Rgb{1, 1, 1}, layout.width - 20);
    y = 9;
  }
  y += c.text(10, y, map.title, 15, true, Rgb{0.1, 0.1, 0.1}, layout.width - 20);
  y += c.text(10, y + 0.5, map.subtitle, 9.5, false, Rgb{0.3, 0.3, 0.3}, layout.width - 20);
  // A title that wraps pushes the map body down (and the panel beside it) rather than under it.
  PageLayout page = layout;
  if (const double push = y + 2 - page.map_y; push > 0) {
    if (page.panel_y == page.map_y) page.panel_y += push;
    page.map_y += push;
    page.map_h -= push;
  }
  const MapFrame frame = frame_for(map, page);
  draw_body(c, map, page, frame);
  draw_panel(c, map, page, frame);
  double ay = page.notes_y;
  for (const auto& line : map.attribution)
    ay += c.text(10, ay, line, 6.5, false, Rgb{0.35, 0.35, 0.35}, page.width - 20);
}

}  // namespace

void prepare_png_pages(const MapData& map, double dpi) {
  const PageLayout page = page_for(extent_of(map));
  const MapFrame frame = frame_for(map, page);
  const double px_per_mm = dpi / 25.4;  // as the PNG Canvas sizes its surface
  const PixelGrid grid{int(std::lround(page.width * px_per_mm)),
                       int(std::lround(page.height * px_per_mm)), px_per_mm};
  area_owners(map.areas, frame, grid, body_box(page));
  area_outlines(map.areas, frame, outline_width(map), grid, body_box(page));
}

void render_map(const MapData& map, const std::string& base_path,
                const std::vector<MapFormat>& formats, double dpi) {
  const PageLayout page = page_for(extent_of(map));
  for (MapFormat f : formats) {
    const char* ext = f == MapFormat::kPng ? ".png" : f == MapFormat::kSvg ? ".svg" : ".pdf";
    const std::string target = base_path + ext;
    const std::string temporary = create_temporary_for(target);
    {
      Canvas canvas(f == MapFormat::kPng   ? SurfaceKind::kPng
                    : f == MapFormat::kSvg ? SurfaceKind::kSvg
                                           : SurfaceKind::kPdf,
                    temporary, page.width, page.height, dpi);
      draw_page(canvas, map, page);
      canvas.finish();
    }
    commit_file(temporary, target);
  }
}

std::vector<std::pair<std::string, std::size_t>> legend_counts(const MapData& map) {
  std::vector<std::pair<std::string, std::size_t>> out = {
      {map.suppressed_label, 0}, {no_data_label(), 0}, {zero_label(map), 0}};
  for (int i = 0; i < map.classes.count(); ++i)
    out.emplace_back(class_label(map.classes, i, map.percent), 0);
  for (const auto& a : map.areas) {
    Rgb colour;
    switch (fill_of(map, a, colour)) {
      case Fill::kSuppressed:
        ++out[0].second;
        break;
      case Fill::kNoData:
        ++out[1].second;
        break;
      case Fill::kZero:
        ++out[2].second;
        break;
      case Fill::kColour:
        ++out[3 + static_cast<std::size_t>(map.classes.class_of(*a.value))].second;
        break;
      case Fill::kBackground:
        break;
    }
  }
  return out;
}

}  // namespace reachmap
