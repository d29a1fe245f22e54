// Reach areas merged from a layer's areas: shared boundaries that match only to within a hair
// (as ONS's do once reprojected) must cancel, leaving the outline without inner slivers.
#include "engine/geo/dissolve.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "engine/core/rng.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "tests/support/layer_edges.hpp"
#include "tests/support/polygon_wkb.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

// A little-endian WKB Polygon of one ring.
std::string polygon_wkb(const Ring& ring) {
  std::string out(1, '\1');
  const auto u32 = [&](std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
  const auto f64 = [&](double v) { out.append(reinterpret_cast<const char*>(&v), 8); };
  u32(3), u32(1), u32(std::uint32_t(ring.size()));
  for (const XY& p : ring) f64(p.x), f64(p.y);
  return out;
}

double ring_area(const Ring& r) {
  double a = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
  return std::abs(a) / 2;
}

std::vector<const std::string*> pointers(const std::vector<std::string>& v) {
  std::vector<const std::string*> out;
  for (const auto& s : v) out.push_back(&s);
  return out;
}

}  // namespace

TEST(Dissolve, NeighboursWithinAHairShareTheirEdge) {
  // Two fields of a kilometre on the National Grid; the second's copy of their common side is
  // off by a fraction of a micrometre, as a reprojection leaves it.
  const double off = 3e-7;
  const std::vector<std::string> fields = {polygon_wkb({{400000, 300000},
                                                        {401000, 300000},
                                                        {401000, 301000},
                                                        {400000, 301000},
                                                        {400000, 300000}}),
                                           polygon_wkb({{401000 + off, 300000 - off},
                                                        {402000, 300000},
                                                        {402000, 301000},
                                                        {401000 - off, 301000 + off},
                                                        {401000 + off, 300000 - off}})};
  const std::vector<std::string> shared = with_shared_vertices(pointers(fields));
  ASSERT_EQ(shared.size(), 2u);
  EXPECT_EQ(shared[0], fields[0]);  // the first met keeps its vertices
  const auto second = wkb_rings(shared[1]);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0][0].x, 401000.0);
  EXPECT_EQ(second[0][0].y, 300000.0);
  EXPECT_EQ(second[0][1].x, 402000.0);  // a vertex of its own stays where it is

  for (const auto& fields_or_shared : {fields, shared}) {
    const auto merged = wkb_rings(dissolve_wkb(pointers(fields_or_shared)));
    ASSERT_EQ(merged.size(), 1u) << "an inner sliver is left between the two fields";
    EXPECT_EQ(merged[0].size(), 7u) << "six corners, the two ends of the common side among them";
    EXPECT_NEAR(ring_area(merged[0]), 2e6, 1e-3);
  }
}

TEST(Dissolve, VerticesFurtherApartThanAHairStay) {
  // Two millimetres apart at half a million metres, where a hair is half a millimetre: two
  // corners, not one.
  const std::vector<std::string> squares = {
      polygon_wkb({{500000, 0}, {500001, 0}, {500001, 1}, {500000, 1}, {500000, 0}}),
      polygon_wkb({{500001.002, 0}, {500002, 0}, {500002, 1}, {500001.002, 1}, {500001.002, 0}})};
  const auto shared = with_shared_vertices(pointers(squares));
  EXPECT_EQ(shared, squares);
}

TEST(Dissolve, CopiesOnEitherSideOfAGridCellFindTheirVertex) {
  // 5,000 vertices and a copy of each within a hair (a millimetre, for coordinates up to a
  // million metres): many copies fall in a cell beside their vertex's, on every side.
  Rng rng(7, 1);
  Ring first{{1e6, 0}}, second{{1e6, 0}};
  for (int i = 0; i < 5000; ++i) {
    const double x = rng.uniform(4e5, 6e5), y = rng.uniform(1e5, 3e5);
    first.push_back({x, y});
    second.push_back({x + rng.uniform(-9e-4, 9e-4), y + rng.uniform(-9e-4, 9e-4)});
  }
  first.push_back(first.front()), second.push_back(second.front());
  const std::vector<std::string> rings = {polygon_wkb(first), polygon_wkb(second)};
  const auto shared = with_shared_vertices(pointers(rings));
  EXPECT_EQ(shared[1], shared[0]);
}

TEST(Dissolve, RealLsoasOfManchesterMakeTheCityOutline) {
  REACHMAP_REQUIRE_SHARED_DATA();
  const BoundaryLayer layer =
      load_boundary_layer(testsupport::manchester_lsoas_source(), "EPSG:27700");
  std::vector<const std::string*> areas;
  double parts = 0;
  std::size_t vertices = 0;
  for (const Area& a : layer.areas) {
    areas.push_back(&a.wkb);
    for (const Ring& r : wkb_rings(a.wkb)) parts += ring_area(r), vertices += r.size();
  }
  ASSERT_EQ(areas.size(), 282u);
  const auto rings = wkb_rings(dissolve_wkb(pointers(with_shared_vertices(areas))));
  std::size_t kept = 0;
  double whole = 0;
  for (const Ring& r : rings) kept += r.size(), whole += ring_area(r);
  // The city is one piece without holes: its 282 LSOAs leave one ring (618 of their 10,908
  // vertices), of the same area. Without shared vertices, every inner boundary stays.
  EXPECT_EQ(rings.size(), 1u);
  EXPECT_LT(kept, vertices / 10);
  EXPECT_NEAR(whole, parts, parts * 1e-9);
}

namespace {
// A 3 x 3 board of unit squares (row by row from (0, 0)), less the squares left out; every
// other square listed clockwise, as a layer may list them.
std::vector<std::string> board_without(std::vector<int> left_out) {
  std::vector<std::string> out;
  for (int k = 0; k < 9; ++k) {
    if (std::find(left_out.begin(), left_out.end(), k) != left_out.end()) continue;
    const double x = k % 3, y = k / 3;
    out.push_back(
        k % 2 ? testsupport::polygon_wkb({{x, y}, {x, y + 1}, {x + 1, y + 1}, {x + 1, y}, {x, y}})
              : testsupport::box_wkb(x, y, x + 1, y + 1));
  }
  return out;
}

double signed_ring_area(const Ring& r) {
  double a = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
  return a / 2;
}

// Fields the tracer must not merge: GEOS does, and its outline is valid.
void expect_left_to_geos(const std::vector<std::string>& fields) {
  EXPECT_FALSE(traced_union(pointers(fields)));
  using namespace detail;
  const GeosContext ctx;
  const GeomPtr merged = from_wkb(ctx, dissolve_wkb(pointers(fields)));
  ASSERT_TRUE(merged);
  EXPECT_EQ(GEOSisValid_r(ctx.get(), merged.get()), 1);
}
}  // namespace

TEST(Dissolve, AnEnclaveLeftOutIsAHoleOfTheOutline) {
  const auto traced = traced_union(pointers(board_without({4})));
  ASSERT_TRUE(traced) << "followed without GEOS";
  EXPECT_EQ(*traced, dissolve_wkb(pointers(board_without({4}))));
  const auto polygons = wkb_polygons(*traced);
  ASSERT_EQ(polygons.size(), 1u);
  ASSERT_EQ(polygons[0].size(), 2u) << "a shell and its hole";
  EXPECT_DOUBLE_EQ(signed_ring_area(polygons[0][0]), 9.0) << "the shell counter-clockwise";
  EXPECT_DOUBLE_EQ(signed_ring_area(polygons[0][1]), -1.0) << "the hole clockwise";
}

TEST(Dissolve, AHoleGoesToTheShellAroundIt) {
  // The board less its middle, and a smaller field apart: the hole is the board's.
  std::vector<std::string> fields = board_without({4});
  fields.push_back(testsupport::box_wkb(10, 10, 11, 11));
  const auto traced = traced_union(pointers(fields));
  ASSERT_TRUE(traced);
  const auto polygons = wkb_polygons(*traced);
  ASSERT_EQ(polygons.size(), 2u);
  for (const auto& p : polygons)
    EXPECT_EQ(p.size(), signed_ring_area(p[0]) == 9.0 ? 2u : 1u) << signed_ring_area(p[0]);
}

TEST(Dissolve, SquaresMeetingAtACornerStayTwoPolygons) {
  // Squares 0 and 4 touch at (1, 1) only: two polygons, not one ring through the corner twice.
  const auto traced = traced_union(pointers(board_without({1, 2, 3, 5, 6, 7, 8})));
  ASSERT_TRUE(traced);
  const auto polygons = wkb_polygons(*traced);
  ASSERT_EQ(polygons.size(), 2u);
  for (const auto& p : polygons) {
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].size(), 5u);
    EXPECT_DOUBLE_EQ(signed_ring_area(p[0]), 1.0);
  }
}

TEST(Dissolve, AHoleTouchingItsShellAtACornerIsARingOfItsOwn) {
  // Without the middle and the far corner: the hole's corner (2, 2) is on the outline too.
  const auto traced = traced_union(pointers(board_without({4, 8})));
  ASSERT_TRUE(traced);
  const auto polygons = wkb_polygons(*traced);
  ASSERT_EQ(polygons.size(), 1u);
  ASSERT_EQ(polygons[0].size(), 2u);
  EXPECT_DOUBLE_EQ(signed_ring_area(polygons[0][0]), 8.0);
  EXPECT_EQ(polygons[0][0].size(), 13u) << "the shell passes the corner once";
  EXPECT_DOUBLE_EQ(signed_ring_area(polygons[0][1]), -1.0);
}

TEST(Dissolve, RealLsoasMergedByMsoaAreWhatGeosMakesOfThem) {
  // Manchester's 282 LSOAs by their MSOA ("Manchester 001A" in "Manchester 001"): each outline
  // the same as GEOS's coverage union of the same areas, within a hair.
  REACHMAP_REQUIRE_SHARED_DATA();
  LayerSource source = testsupport::manchester_lsoas_source();
  source.label = "lsoa11nm";
  const BoundaryLayer layer = load_boundary_layer(source, "EPSG:27700");
  std::map<std::string, std::vector<const std::string*>> by_msoa;
  for (const Area& a : layer.areas)
    by_msoa[a.label.substr(0, a.label.size() - 1)].push_back(&a.wkb);
  ASSERT_GT(by_msoa.size(), 50u);
  using namespace detail;
  const GeosContext ctx;
  std::size_t pieces = 0;
  for (const auto& [msoa, areas] : by_msoa) {
    const auto traced = traced_union(areas);
    ASSERT_TRUE(traced) << msoa << " needed GEOS";
    const std::string& ours = *traced;
    const std::vector<std::string> shared = with_shared_vertices(areas);
    std::vector<GEOSGeometry*> parts;
    for (const auto& w : shared) parts.push_back(from_wkb(ctx, w).release());
    GeomPtr all = own(ctx, GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION,
                                                       parts.data(), unsigned(parts.size())));
    GeomPtr theirs = own(ctx, GEOSCoverageUnion_r(ctx.get(), all.get()));
    GeomPtr mine = from_wkb(ctx, ours);
    ASSERT_TRUE(theirs && mine) << msoa;
    ASSERT_EQ(GEOSNormalize_r(ctx.get(), theirs.get()), 0);
    ASSERT_EQ(GEOSNormalize_r(ctx.get(), mine.get()), 0);
    EXPECT_EQ(GEOSisValid_r(ctx.get(), mine.get()), 1) << msoa;
    EXPECT_EQ(GEOSEqualsExact_r(ctx.get(), mine.get(), theirs.get(), 1e-3), 1) << msoa;
    pieces += wkb_polygons(ours).size();
  }
  EXPECT_GE(pieces, by_msoa.size());
}

TEST(Dissolve, ABoundaryCopiedAFewHairsOffIsLeftToGeos) {
  // Two fields over one: their common corner is 2 mm off the big one's (a hair is 0.4 mm), so
  // the boundary does not cancel and a thin strip is left between them. Traced, the strip would
  // be a hole touching the outline twice; GEOS decides instead.
  const std::vector<std::string> fields = {testsupport::polygon_wkb({{400000, 300000},
                                                                     {402000, 300000},
                                                                     {402000, 301000},
                                                                     {401000, 301000.002},
                                                                     {400000, 301000},
                                                                     {400000, 300000}}),
                                           testsupport::box_wkb(400000, 301000, 401000, 302000),
                                           testsupport::box_wkb(401000, 301000, 402000, 302000)};
  expect_left_to_geos(fields);
}

TEST(Dissolve, AnEnclaveWhoseCornerMissesItsHoleByAFewHairsIsLeftToGeos) {
  // A field with a hole, half filled by a second field whose corner is 2 mm from the hole's (a
  // hair is 0.4 mm): traced, the hole's outline would run back over itself there.
  const auto at = [](double x, double y) { return XY{400000 + 1000 * x, 300000 + 1000 * y}; };
  const Ring shell = {at(0, 0), at(4, 0), at(4, 4), at(0, 4), at(0, 0)};
  const Ring hole = {at(1, 1), at(1, 3), at(2, 3), at(3, 3), at(3, 1), at(2.000002, 1), at(1, 1)};
  std::string field(1, '\1');
  const auto u32 = [&](std::uint32_t v) { field.append(reinterpret_cast<const char*>(&v), 4); };
  u32(3), u32(2);
  for (const Ring* r : {&shell, &hole}) {
    u32(std::uint32_t(r->size()));
    for (const XY& p : *r) field.append(reinterpret_cast<const char*>(&p), 16);
  }
  const std::vector<std::string> fields = {
      field, testsupport::box_wkb(at(1, 1).x, at(1, 1).y, at(2, 3).x, at(2, 3).y)};
  expect_left_to_geos(fields);
}

TEST(Dissolve, FieldsMeetingAnotherMidSideAreTracedOnlyWhereTheyLeaveAGap) {
  // Two fields on one, meeting at its top side's middle, where it has no vertex: their corner
  // 30 cm above the side leaves a gap (two polygons touching at the side's ends, traced); 30 cm
  // below it, or on it, the fields overlap or meet at a T, which GEOS decides.
  for (const double off : {0.3, -0.3, 0.0}) {
    SCOPED_TRACE(off);
    const double y = 301000 + off;
    const std::vector<std::string> fields = {
        testsupport::box_wkb(400000, 300000, 402000, 301000),
        testsupport::polygon_wkb(
            {{400000, 301000}, {401000, y}, {401000, 302000}, {400000, 302000}, {400000, 301000}}),
        testsupport::polygon_wkb(
            {{401000, y}, {402000, 301000}, {402000, 302000}, {401000, 302000}, {401000, y}})};
    if (off <= 0) {
      expect_left_to_geos(fields);
      continue;
    }
    const auto traced = traced_union(pointers(fields));
    ASSERT_TRUE(traced);
    EXPECT_EQ(wkb_polygons(*traced).size(), 2u);
    using namespace detail;
    const GeosContext ctx;
    EXPECT_EQ(GEOSisValid_r(ctx.get(), from_wkb(ctx, *traced).get()), 1);
  }
}
