// Rendering: page size, class colours where they belong, hatching for suppressed areas, one SVG
// path per area, a PDF that opens.
#include "engine/render/map_renderer.hpp"

#include <cairo.h>
#include <cpl_minixml.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "engine/render/detail/raster.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {
MapArea square(double x0, double y0, double size, std::optional<double> value, bool suppressed) {
  MapArea a;
  a.rings = std::vector<Ring>{
      {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}};
  a.value = value;
  a.suppressed = suppressed;
  a.anchor = {x0 + size / 2, y0 + size / 2};
  return a;
}

MapData sample_map() {
  MapData m;
  m.kind = MapKind::kChoropleth;
  m.title = "Test map";
  m.subtitle = "four squares";
  m.legend_title = "Seen reach";
  m.percent = true;
  m.areas = {square(0, 0, 1000, 0.8, false), square(1000, 0, 1000, std::nullopt, true),
             square(0, 1000, 1000, std::nullopt, false), square(1000, 1000, 1000, 0.0, false),
             square(2000, 0, 1000, 0.3, false)};
  m.classes = classify_quantile({0.8, 0.3}, 2);
  m.colours = brewer_palette("YlGnBu", 2);
  m.attribution = {"Attribution line"};
  return m;
}

struct Png {
  cairo_surface_t* s;
  explicit Png(const std::string& path) : s(cairo_image_surface_create_from_png(path.c_str())) {}
  ~Png() { cairo_surface_destroy(s); }
  int width() const { return cairo_image_surface_get_width(s); }
  int height() const { return cairo_image_surface_get_height(s); }
  Rgb at(int x, int y) const {
    const unsigned char* row =
        cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s);
    std::uint32_t px;
    std::memcpy(&px, row + 4 * x, 4);
    return Rgb::hex(px & 0xffffff);
  }
};

constexpr double kDpi = 100;
std::pair<int, int> pixel_of(const MapData& m, XY world) {
  const XY mm = frame_for(m).to_page(world.x, world.y);
  return {static_cast<int>(mm.x * kDpi / 25.4), static_cast<int>(mm.y * kDpi / 25.4)};
}
}  // namespace

TEST(MapRenderer, PngHasTheRequestedSizeAndColoursInTheRightPlaces) {
  testsupport::TempDir dir("render");
  const MapData m = sample_map();
  render_map(m, dir / "map", {MapFormat::kPng}, kDpi);
  Png png(dir / "map.png");
  ASSERT_EQ(cairo_surface_status(png.s), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(png.width(), static_cast<int>(std::lround(297 * kDpi / 25.4)));  // A4 landscape
  EXPECT_EQ(png.height(), static_cast<int>(std::lround(210 * kDpi / 25.4)));
  // Well inside each area: its class colour, or no data grey.
  auto [ax, ay] = pixel_of(m, m.areas[0].anchor);
  EXPECT_EQ(png.at(ax, ay).to_hex(), class_colour(m, 0.8)->to_hex());
  auto [ex, ey] = pixel_of(m, m.areas[4].anchor);
  EXPECT_EQ(png.at(ex, ey).to_hex(), class_colour(m, 0.3)->to_hex());
  EXPECT_NE(class_colour(m, 0.8)->to_hex(), class_colour(m, 0.3)->to_hex());
  auto [cx, cy] = pixel_of(m, m.areas[2].anchor);
  EXPECT_EQ(png.at(cx, cy).to_hex(), no_data_colour().to_hex());
  // The suppressed area is hatched: dark lines on white, never a colour of the scale.
  auto [bx, by] = pixel_of(m, m.areas[1].anchor);
  int dark = 0, white = 0, scale = 0;
  for (int y = by - 10; y <= by + 10; ++y)
    for (int x = bx - 10; x <= bx + 10; ++x) {
      const Rgb p = png.at(x, y);
      dark += p.r < 0.5 && p.g < 0.5 && p.b < 0.5;
      white += p.r > 0.98 && p.g > 0.98 && p.b > 0.98;
      scale += p.to_hex() == m.colours[0].to_hex() || p.to_hex() == m.colours[1].to_hex();
    }
  EXPECT_GT(dark, 10);
  EXPECT_GT(white, 100);
  EXPECT_EQ(scale, 0);
}

// A run prepares what a layer's PNG pages share before its maps are drawn (outputs.cpp): the
// page must find it, not work it out again.
TEST(MapRenderer, APngPageTakesWhatWasPreparedForIt) {
  testsupport::TempDir dir("render");
  MapData m = sample_map();
  for (MapArea& a : m.areas) {  // content no other test draws, so nothing of it is cached yet
    std::vector<Ring> rings = a.rings;
    for (Ring& r : rings)
      for (XY& p : r) p.x += 7777;
    a.rings = rings;
    a.anchor.x += 7777;
  }
  const std::size_t before = detail::raster_contents_made();
  prepare_png_pages(m, kDpi);
  const std::size_t prepared = detail::raster_contents_made();
  EXPECT_EQ(prepared - before, 2u);  // which area each pixel is in, and the outlines
  render_map(m, dir / "map", {MapFormat::kPng}, kDpi);
  EXPECT_EQ(detail::raster_contents_made(), prepared);
}

TEST(MapRenderer, SvgIsValidXmlWithOnePathPerArea) {
  testsupport::TempDir dir("rendersvg");
  const MapData m = sample_map();
  render_map(m, dir / "map", {MapFormat::kSvg});
  const std::string svg = testsupport::read_text(dir / "map.svg");
  CPLXMLNode* root = CPLParseXMLString(svg.c_str());
  ASSERT_NE(root, nullptr) << "not well-formed XML";
  CPLDestroyXMLNode(root);
  // Area outlines are the only paths stroked 0.12 wide in the outline colour.
  long n = 0;
  for (std::size_t at = svg.find("<path"); at != std::string::npos;
       at = svg.find("<path", at + 5)) {
    const std::string element = svg.substr(at, svg.find('>', at) - at);
    n += element.find("stroke-width:0.12;") != std::string::npos &&
         element.find("stroke:rgb(38.8") != std::string::npos;
  }
  EXPECT_EQ(n, static_cast<long>(m.areas.size()));
}

TEST(MapRenderer, PdfOpens) {
  testsupport::TempDir dir("renderpdf");
  render_map(sample_map(), dir / "map", {MapFormat::kPdf});
  const auto r = testsupport::run_command("pdfinfo " + (dir / "map.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.output;  // pdfinfo comes with poppler-utils
  const auto pages = r.output.find("Pages:");
  ASSERT_NE(pages, std::string::npos) << r.output;
  EXPECT_EQ(std::stoi(r.output.substr(pages + 6)), 1);
  EXPECT_NE(r.output.find("841.89 x 595.276 pts"), std::string::npos) << r.output;  // A4
}

TEST(MapRenderer, SymbolAndFamiliesMapsRender) {
  testsupport::TempDir dir("rendersym");
  MapData m = sample_map();
  m.kind = MapKind::kSymbols;
  render_map(m, dir / "sym", {MapFormat::kPng}, 50);
  m.kind = MapKind::kFamilies;
  m.points = {{500, 500, 3}, {1500, 1500, 1}};
  m.banner = "PERSONAL DATA";
  render_map(m, dir / "fam", {MapFormat::kPng}, 50);
  EXPECT_TRUE(std::filesystem::exists(dir / "sym.png"));
  EXPECT_TRUE(std::filesystem::exists(dir / "fam.png"));
}

// A tall layer (a city stretched north to south) gets a portrait page, with its colours where
// its areas are; a wide or square one stays landscape.
TEST(MapRenderer, ATallExtentGetsAPortraitPage) {
  MapData m = sample_map();
  for (auto& a : m.areas) {  // stack the five squares into a column
    std::vector<Ring> rings = a.rings;
    for (auto& ring : rings)
      for (auto& p : ring) std::swap(p.x, p.y);
    a.rings = rings;
  }
  for (auto& a : m.areas) std::swap(a.anchor.x, a.anchor.y);
  EXPECT_EQ(page_for(extent_of(m)).width, 210);
  EXPECT_EQ(page_for(extent_of(sample_map())).width, 297);
  testsupport::TempDir dir("render_tall");
  render_map(m, dir / "map", {MapFormat::kPng}, kDpi);
  Png png(dir / "map.png");
  EXPECT_EQ(png.width(), static_cast<int>(std::lround(210 * kDpi / 25.4)));
  EXPECT_EQ(png.height(), static_cast<int>(std::lround(297 * kDpi / 25.4)));
  const PageLayout page = page_for(extent_of(m));
  const XY mm = frame_for(m, page).to_page(m.areas[0].anchor.x, m.areas[0].anchor.y);
  const int x = static_cast<int>(mm.x * kDpi / 25.4), y = static_cast<int>(mm.y * kDpi / 25.4);
  EXPECT_EQ(png.at(x, y).to_hex(), class_colour(m, 0.8)->to_hex());
}

// A basemap's street, park and place names are drawn where they fit (PDF text), and each street
// name once however many parts the street has.
TEST(MapRenderer, BasemapNamesAreDrawnOnce) {
  MapData m = sample_map();
  auto basemap = std::make_shared<Basemap>();
  BasemapFeature street;
  street.kind = BasemapKind::kRoad;
  street.name = "Long Test Street";
  street.parts = {{{0, 500}, {3000, 500}}, {{0, 1500}, {3000, 1500}}};
  BasemapFeature park;
  park.kind = BasemapKind::kGreen;
  park.geometry = BasemapFeature::Geometry::kPolygons;
  park.name = "Test Park";
  park.parts = {{{100, 1100}, {1900, 1100}, {1900, 1900}, {100, 1900}, {100, 1100}}};
  BasemapFeature place;
  place.kind = BasemapKind::kPlace;
  place.geometry = BasemapFeature::Geometry::kPoints;
  place.name = "Testham";
  place.parts = {{{2500, 1800}}};
  basemap->features = {street, park, place};
  m.basemap = basemap;
  testsupport::TempDir dir("render_basemap");
  render_map(m, dir / "map", {MapFormat::kPdf}, kDpi);
  std::string text;
  for (char ch : testsupport::run_command("pdftotext " + (dir / "map.pdf") + " -").output)
    if (!std::isspace(static_cast<unsigned char>(ch))) text += ch;
  const auto count = [&](const std::string& s) {
    std::size_t n = 0;
    for (auto at = text.find(s); at != std::string::npos; at = text.find(s, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("LongTestStreet"), 1u) << text;
  EXPECT_EQ(count("TestPark"), 1u) << text;
  EXPECT_EQ(count("Testham"), 1u) << text;
}

// A categories map whose areas use one class of three: its legend shows that class only,
// unless the map asks for every category (the change map's fixed scale), when the unused
// classes' swatches are drawn too (their colours appear nowhere else on the page).
TEST(MapRenderer, ACategoriesLegendShowsEveryCategoryOnlyWhenAsked) {
  testsupport::TempDir dir("render-categories");
  MapData m;
  m.kind = MapKind::kCategories;
  m.title = "Change";
  m.legend_title = "Change in seen reach";
  MapArea a = square(0, 0, 1000, std::nullopt, false);
  a.category = 1;
  m.areas = {a};
  m.categories = {{"worsened", Rgb::hex(0xca0020), ""},
                  {"no clear change", Rgb::hex(0xd9d9d9), ""},
                  {"improved", Rgb::hex(0x0571b0), ""}};
  const auto count = [&](const MapData& map, const std::string& name, std::uint32_t colour) {
    render_map(map, dir / name, {MapFormat::kPng}, kDpi);
    Png png(dir / (name + ".png"));
    std::size_t n = 0;
    for (int y = 0; y < png.height(); ++y)
      for (int x = 0; x < png.width(); ++x) n += png.at(x, y).to_hex() == Rgb::hex(colour).to_hex();
    return n;
  };
  EXPECT_EQ(count(m, "used", 0xca0020), 0u);
  EXPECT_EQ(count(m, "used", 0x0571b0), 0u);
  m.legend_every_category = true;
  EXPECT_GT(count(m, "every", 0xca0020), 20u);  // a swatch
  EXPECT_GT(count(m, "every", 0x0571b0), 20u);
}
