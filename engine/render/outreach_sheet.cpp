#include "engine/render/outreach_sheet.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/io/atomic_file.hpp"
#include "engine/render/detail/basemap_paint.hpp"
#include "engine/render/detail/paint.hpp"
#include "engine/render/detail/panel.hpp"

namespace reachmap {

using namespace detail;

namespace {

const Rgb kNotSeen = Rgb::hex(0xd95f02), kNotRegistered = Rgb::hex(0x49006a),
          kSeen = Rgb::hex(0x1b9e77);

PageLayout sheet_page() {
  PageLayout p;
  p.width = 210;
  p.height = 297;
  p.map_x = 10;
  p.map_y = 38;
  p.map_w = 190;
  p.map_h = 128;
  p.panel_x = 10;
  p.panel_w = 190;
  return p;
}

// A symbol with its count beside it, e.g. an orange square and "3".
void counted_symbol(Canvas& c, Shape shape, XY at, int n, const Rgb& colour,
                    std::vector<std::array<double, 4>>& placed) {
  const double r = 1.3;
  point_symbol(c.cr(), shape, at.x, at.y, r, colour);
  const std::string label = std::to_string(n);
  const auto [w, h] = c.measure(label, 6, true);
  c.text(at.x + r + 0.3, at.y - h / 2, label, 6, true, colour, 0, true);
  placed.push_back({at.x - r, at.y - r, at.x + r + 0.3 + w, at.y + r});
}

// Whether a centre's marker and name, set at (p.x + 2.4, p.y - 1.4) and at most a line of 1.5
// em a byte, can reach the map: the others are clipped away whole, and are not set (a
// national pack's sheets laid out every one of 4,344 names, each by Pango, 4% of the run).
bool may_reach_map(const XY& p, const std::string& label, double pt, const PageLayout& page) {
  const double em = pt * 25.4 / 72, margin = 1 + kCentreMarkerSize;
  return p.x + 2.4 + 1.5 * em * double(label.size()) + margin > page.map_x &&
         p.x - margin < page.map_x + page.map_w && p.y - 1.4 + 2 * em + margin > page.map_y &&
         p.y - margin < page.map_y + page.map_h;
}

void draw_map(Canvas& c, const OutreachSheet& s, const PageLayout& page, const MapFrame& frame) {
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_rectangle(cr, page.map_x, page.map_y, page.map_w, page.map_h);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
  cairo_paint(cr);
  for (const auto& rings : s.nearby)
    paint_current_path(
        c, Fill::kColour, Rgb{0.94, 0.94, 0.94}, [&] { append_rings(cr, rings, frame); }, 0.2);
  // The area's edge in red: a wide red line under the fill, so that only its outer half shows
  // and the inner edges of a reach area made of several areas disappear.
  for (const auto& rings : s.focus) {
    append_rings(cr, rings, frame);
    cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
    cairo_set_line_width(cr, 1.4);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
  }
  for (const auto& rings : s.focus)
    paint_current_path(
        c, Fill::kColour, Rgb{1.0, 0.98, 0.86}, [&] { append_rings(cr, rings, frame); }, 0.15);
  if (s.basemap) draw_basemap(c, *s.basemap, frame, 4);
  // Street names first (a worker navigates by them), clear of the centres; the children's
  // symbols then go on top.
  std::vector<std::array<double, 4>> placed;
  for (const auto& centre : s.centres) {
    const XY p = frame.to_page(centre.x, centre.y);
    if (!may_reach_map(p, centre.label, 7, page)) continue;
    const auto [w, h] = c.measure(centre.label, 7, true);
    placed.push_back({p.x - 2, p.y - 2, p.x + 2.4 + w, p.y - 1.4 + h});
  }
  if (s.basemap)
    label_basemap(c, *s.basemap, frame,
                  {page.map_x, page.map_y, page.map_x + page.map_w, page.map_y + page.map_h},
                  placed, 6.5);
  for (const auto& p : s.postcodes) {  // children seen: small, for context
    if (p.seen == 0) continue;
    const XY q = frame.to_page(p.x, p.y);
    const XY o = group_offset(0, 3, 1.6);
    point_symbol(cr, Shape::kCircle, q.x + o.x, q.y + o.y, 0.7, kSeen);
  }
  for (const auto& p : s.postcodes) {
    const XY q = frame.to_page(p.x, p.y);
    if (p.not_seen > 0) {
      const XY o = group_offset(1, 3, 1.6);
      counted_symbol(c, Shape::kSquare, {q.x + o.x, q.y + o.y}, p.not_seen, kNotSeen, placed);
    }
    if (p.not_registered > 0) {
      const XY o = group_offset(2, 3, 1.6);
      counted_symbol(c, Shape::kDiamond, {q.x + o.x, q.y + o.y}, p.not_registered, kNotRegistered,
                     placed);
    }
  }
  for (const auto& centre : s.centres) {
    const XY p = frame.to_page(centre.x, centre.y);
    if (!may_reach_map(p, centre.label, 7, page)) continue;
    centre_marker(cr, p.x, p.y, kCentreMarkerSize);
    const auto [w, h] = c.measure(centre.label, 7, true);
    const std::array<double, 4> box{p.x + 2.4, p.y - 1.4, p.x + 2.4 + w, p.y - 1.4 + h};
    c.text(box[0], box[1], centre.label, 7, true, Rgb{0.1, 0.1, 0.1}, 0, true);
  }
  cairo_restore(cr);
  cairo_rectangle(cr, page.map_x, page.map_y, page.map_w, page.map_h);
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
}

// The key under the map: what each symbol means.
double draw_key(Canvas& c, const OutreachSheet& s, double x, double y) {
  struct Item {
    Shape shape;
    Rgb colour;
    const char* words;
  };
  std::vector<Item> items = {
      {Shape::kSquare, kNotSeen, "registered, not seen (number of children)"},
      {Shape::kCircle, kSeen, "seen (for context)"}};
  if (s.with_known)
    items.insert(items.begin() + 1,
                 {Shape::kDiamond, kNotRegistered, "known to health, not registered"});
  double cx = x;
  for (const Item& it : items) {
    point_symbol(c.cr(), it.shape, cx + 1.5, y + 1.6, 1.3, it.colour);
    const auto [w, h] = c.measure(it.words, 7);
    c.text(cx + 4, y, it.words, 7);
    cx += 4 + w + 6;
    (void)h;
  }
  centre_marker(c.cr(), cx + 1.5, y + 1.6, 2.6);
  c.text(cx + 4, y, "centre", 7);
  return y + 5;
}

double draw_table(Canvas& c, const OutreachSheet& s, double y, double bottom) {
  const double col_w = 93, row_h = 3.3;
  const double widths[] = {16, 43, 15, 19};
  const char* heads[] = {"postcode", "street (nearest named road)", "not seen", "not registered"};
  const std::size_t per_column =
      static_cast<std::size_t>(std::max(1.0, std::floor((bottom - y - 5) / row_h)));
  std::size_t with_children = 0;  // the postcodes with children to find come first
  while (with_children < s.postcodes.size() &&
         s.postcodes[with_children].not_seen + s.postcodes[with_children].not_registered > 0)
    ++with_children;
  const std::size_t shown = std::min({with_children, 2 * per_column, kSheetTableRows});
  for (int col = 0; col < 2; ++col) {
    const double x0 = 10 + col * (col_w + 4);
    double x = x0;
    for (int k = 0; k < (s.with_known ? 4 : 3); ++k) {
      c.text(x, y, heads[k], 6.2, true, Rgb{0.1, 0.1, 0.1}, widths[k] - 1);
      x += widths[k];
    }
  }
  const double top = y + 4.2;
  for (std::size_t i = 0; i < shown; ++i) {
    const SheetPostcode& p = s.postcodes[i];
    const double x0 = 10 + (i < per_column ? 0 : col_w + 4);
    const double ry = top + static_cast<double>(i % per_column) * row_h;
    if (i % 2 == 0) {
      cairo_rectangle(c.cr(), x0 - 1, ry - 0.4, col_w, row_h);
      cairo_set_source_rgb(c.cr(), 0.95, 0.95, 0.95);
      cairo_fill(c.cr());
    }
    double x = x0;
    const std::string cells[] = {p.postcode, p.street.empty() ? "-" : p.street,
                                 std::to_string(p.not_seen), std::to_string(p.not_registered)};
    for (int k = 0; k < (s.with_known ? 4 : 3); ++k) {
      std::string text = cells[k];
      while (text.size() > 3 && c.measure(text, 6.2).first > widths[k] - 1.5)
        text = text.substr(0, text.size() - 4) + "..";
      c.text(x, ry, text, 6.2);
      x += widths[k];
    }
  }
  y = top + static_cast<double>(std::min(shown, per_column)) * row_h + 1;
  if (shown < with_children)
    y += c.text(10, y,
                "and " + std::to_string(with_children - shown) +
                    " more postcodes: all are in this sheet's _postcodes.csv.",
                6.5, true);
  return y;
}

void draw_sheet(Canvas& c, const OutreachSheet& s, const PageLayout& page) {
  Envelope e;
  for (const auto& rings : s.focus) e.add(envelope_of(rings));
  // A margin around the area, so its streets lead somewhere; never under 600 m across.
  const double grow = std::max({0.12 * (e.maxx - e.minx), 0.12 * (e.maxy - e.miny),
                                300 - (e.maxx - e.minx) / 2, 300 - (e.maxy - e.miny) / 2});
  e.add(e.minx - grow, e.miny - grow);
  e.add(e.maxx + grow, e.maxy + grow);

  cairo_rectangle(c.cr(), 0, 0, page.width, 7);
  cairo_set_source_rgb(c.cr(), 0.75, 0.05, 0.05);
  cairo_fill(c.cr());
  c.text(10, 1.2, "PERSONAL DATA - for outreach staff only. Do not copy, share or publish.", 9,
         true, Rgb{1, 1, 1}, page.width - 20);
  double y = 9;
  y += c.text(10, y, s.title, 14, true, Rgb{0.1, 0.1, 0.1}, page.width - 20);
  y += c.text(10, y + 0.3, s.subtitle, 8.5, false, Rgb{0.3, 0.3, 0.3}, page.width - 20) + 0.8;
  for (const auto& f : s.facts)
    y += c.text(10, y, f, 8.5, false, Rgb{0.1, 0.1, 0.1}, page.width - 20);
  PageLayout p = page;
  p.map_h += p.map_y - (y + 3);  // the map takes what the heading leaves
  p.map_y = y + 3;
  const MapFrame placed_frame(e, p, 0.0);
  draw_map(c, s, p, placed_frame);
  draw_north_and_scale(c, p.map_x + 3, p.map_y + p.map_h - 1, placed_frame);
  y = p.map_y + p.map_h + 2;
  y = draw_key(c, s, 10, y) + 1;
  if (!s.nearest_centres.empty()) {
    std::string line = "Nearest centres (straight line): ";
    for (std::size_t i = 0; i < s.nearest_centres.size(); ++i)
      line += (i ? "; " : "") + s.nearest_centres[i];
    y += c.text(10, y, line, 7.5, false, Rgb{0.1, 0.1, 0.1}, page.width - 20) + 1.5;
  }
  y = draw_table(c, s, y, page.height - 8 - 4.0 * static_cast<double>(s.notes.size()));
  double ny = page.height - 6 - 3.2 * static_cast<double>(s.notes.size());
  for (const auto& n : s.notes)
    ny += c.text(10, ny, n, 6, false, Rgb{0.35, 0.35, 0.35}, page.width - 20);
  (void)y;
}

}  // namespace

void render_outreach_sheet(const OutreachSheet& sheet, const std::string& path) {
  const PageLayout page = sheet_page();
  const std::string temporary = create_temporary_for(path);
  {
    Canvas canvas(SurfaceKind::kPdf, temporary, page.width, page.height, 300);
    draw_sheet(canvas, sheet, page);
    canvas.finish();
  }
  commit_file(temporary, path);
}

}  // namespace reachmap
