// Reach areas merged from a layer's areas: shared boundaries that match only to within a hair
// (as ONS's do once reprojected) must cancel, leaving the outline without inner slivers.
#include "engine/geo/dissolve.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "engine/core/rng.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "tests/support/layer_edges.hpp"
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

  const auto merged = wkb_rings(dissolve_wkb(pointers(shared)));
  ASSERT_EQ(merged.size(), 1u) << "an inner sliver is left between the two fields";
  EXPECT_NEAR(ring_area(merged[0]), 2e6, 1e-3);
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
