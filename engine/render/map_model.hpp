// What a map shows, independent of where the numbers came from: areas with a value (or none,
// or suppressed), how values become colours or symbols, centres, and the words around it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/geo/basemap.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/render/classify.hpp"
#include "engine/render/palette.hpp"

namespace reachmap {

enum class MapKind {
  kChoropleth,  // a rate: areas filled by class
  kSymbols,     // a count: circles whose area is proportional to the value, over outlines
  kFamilies,    // private: points sized by children per postcode, over the classes (if any)
  kCategories,  // a category per area (e.g. LISA clusters), one colour each
};

struct Category {
  std::string label;  // the value in the table, e.g. "low-low"
  Rgb colour;
  std::string words;  // what the legend says, when not the label itself
  const std::string& legend_text() const { return words.empty() ? label : words; }
};

// An area's rings, shared by every map of its layer: a national layer decoded once for all of
// them, not once a map (seven copies of 34,753 areas' rings were most of the maps' memory).
class SharedRings {
 public:
  SharedRings() = default;
  SharedRings(std::vector<Ring> rings)  // NOLINT: a map's rings are its own
      : shape_(std::make_shared<const Shape>(Shape{envelope_of(rings), std::move(rings)})) {}
  operator const std::vector<Ring>&() const { return get(); }  // NOLINT: reads as the rings
  const std::vector<Ring>& get() const {
    static const std::vector<Ring> kNone;
    return shape_ ? shape_->rings : kNone;
  }
  // The rings' envelope, worked out once (every map asks for it three times an area).
  Envelope envelope() const { return shape_ ? shape_->envelope : Envelope{}; }
  bool empty() const { return get().empty(); }
  std::size_t size() const { return get().size(); }
  const Ring& operator[](std::size_t i) const { return get()[i]; }
  auto begin() const { return get().begin(); }
  auto end() const { return get().end(); }

 private:
  struct Shape {
    Envelope envelope;
    std::vector<Ring> rings;
  };
  std::shared_ptr<const Shape> shape_;
};

struct MapArea {
  SharedRings rings;
  std::optional<double> value;  // none: no data (or suppressed)
  bool suppressed = false;
  XY anchor{0, 0};    // a point inside the area (for symbols)
  int category = -1;  // categories map: index into MapData::categories
  std::string name;   // drawn at the anchor where it fits (empty: no name)
};

// An area of a coarser layer (a ward on a neighbourhood map): outlined and named for orientation.
struct OutlineArea {
  SharedRings rings;
  XY anchor{0, 0};
  std::string name;
};

// An area the map numbers, with its line in the list beside the map (the outreach list).
struct RankedArea {
  int rank;
  std::size_t area;  // index into MapData::areas
  std::string line;  // "Northby 045: 60 not seen; reach 5% (2% to 12%)"
};

struct MapPoint {  // a centre
  double x, y;
  std::string label;  // drawn beside the marker when not empty
};

// A symbol of the families map: 32 bytes, half a centre's, without the label it never has (a
// million and a half nationally).
struct FamilyPoint {
  double x, y;
  double value = 0;  // children at this point
  int group = 0;     // index into MapData::point_groups
};

// A kind of point on the families map (children seen, registered but not seen, ...): drawn
// in its own shape and colour, a little apart from the other kinds at the same postcode.
enum class Shape { kCircle, kSquare, kDiamond };
struct PointGroup {
  std::string label;
  Rgb colour;
  Shape shape = Shape::kCircle;
};

struct MapData {
  MapKind kind = MapKind::kChoropleth;
  std::string title, subtitle, legend_title;
  std::vector<MapArea> areas;
  Classes classes;                   // choropleth
  std::vector<Rgb> colours;          // one per class
  std::vector<Category> categories;  // categories map
  // Every category in the legend, not only those some area has: a fixed scale (the change
  // map's five classes) reads the same on every map and period.
  bool legend_every_category = false;
  bool percent = false;  // values are proportions, shown as %
  std::vector<MapPoint> centres;
  std::vector<FamilyPoint> points;  // families map
  std::vector<PointGroup> point_groups;
  std::vector<std::string> attribution;
  std::string banner;  // drawn across the top in red when set (private maps)
  // The legend's words for hidden areas, e.g. "fewer than 5 children in a count (hidden)".
  std::string suppressed_label = "suppressed (small numbers)";
  // Where a hidden area's class comes from (choropleth of a proportion): the band column of
  // its count and the denominator column; empty otherwise. QGIS styles repeat the rule.
  std::string band_field, band_denominator;
  // The priority map numbers its first areas on the map and lists them beside it.
  std::vector<RankedArea> ranked;
  std::string ranked_title;
  // Context under the labels: streets, water, green space, place names (shared by the maps).
  std::shared_ptr<const Basemap> basemap;
  std::vector<OutlineArea> outlines;  // a coarser layer's areas, drawn over the fills
  std::string outlines_label;         // the legend's words, e.g. "ward boundaries"
};

// Page geometry in millimetres. Landscape (A4): map body on the left, legend panel on the
// right. Portrait (a tall layer's extent): map body above, the legend below it on the left and
// the numbered list beside the legend.
struct PageLayout {
  double width = 297, height = 210;
  double map_x = 10, map_y = 30, map_w = 197, map_h = 150;  // the map body frame
  double panel_x = 213, panel_w = 74;                       // legend, scale bar, north arrow
  double panel_y = 30, panel_bottom = 180;                  // the panel's top and bottom
  double list_x = 213, list_w = 74, list_y = -1;  // the numbered list (-1: after the legend)
  double notes_y = 183;                           // attribution lines
};

// Landscape, or portrait when the extent is clearly taller than wide (a tall city).
PageLayout page_for(const Envelope& extent);

// World (analysis CRS, metres) to page (mm) for a map body showing `extent` with a margin.
class MapFrame {
 public:
  MapFrame(const Envelope& extent, const PageLayout& page, double margin_share = 0.03);
  XY to_page(double x, double y) const {
    return {ox_ + (x - minx_) * scale_, oy_ - (y - miny_) * scale_};
  }
  double mm_per_metre() const { return scale_; }
  double metres_across() const { return page_w_ / scale_; }

 private:
  double minx_, miny_, scale_, ox_, oy_, page_w_;
};

// The fill colour of a value in a choropleth (zero is drawn apart, so it has no class colour).
std::optional<Rgb> class_colour(const MapData& map, double value);
// Fixed fills shared by the maps, the legend and the QGIS styles.
Rgb no_data_colour();
Rgb zero_colour();
Rgb background_colour();  // an area drawn for its outline only (no classes)
// The legend's words for areas without a value and with a value of 0 (maps and QGIS styles).
inline std::string no_data_label() {
  return "no data (no population)";
}
inline std::string zero_label(const MapData& map) {
  return map.percent ? "0% (none)" : "0";
}
Rgb outline_colour();
Rgb hatch_colour();

}  // namespace reachmap
