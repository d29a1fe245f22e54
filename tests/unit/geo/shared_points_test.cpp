// Which polygons share boundary points, and how many: the counts contiguity reads (one for a
// queen's neighbour, two for a rook's), by row for a layer whose areas may lack a geometry.
#include "engine/geo/shared_points.hpp"

#include <gtest/gtest.h>

#include "engine/geo/boundary_layer.hpp"
#include "tests/support/lattice.hpp"
#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {

// Polygon p's (other, count) pairs.
std::vector<std::pair<std::uint32_t, int>> of(const SharedPoints& s, std::size_t p) {
  std::vector<std::pair<std::uint32_t, int>> out;
  for (std::uint32_t k = s.first[p]; k < s.first[p + 1]; ++k)
    out.emplace_back(s.other[k], s.count[k]);
  return out;
}

}  // namespace

TEST(SharedPoints, AnEdgeSharesTwoPointsACornerOne) {
  // 3 x 3 unit squares, 0-2 the bottom row: the centre (4) shares an edge's two ends with 1, 3,
  // 5 and 7 and a corner with 0, 2, 6 and 8.
  const SharedPoints s = shared_points(testsupport::lattice(3), 1e-9, 2);
  ASSERT_EQ(s.size(), 9u);
  EXPECT_EQ(s.snap, 1e-9);
  EXPECT_EQ(of(s, 4), (std::vector<std::pair<std::uint32_t, int>>{
                          {0, 1}, {1, 2}, {2, 1}, {3, 2}, {5, 2}, {6, 1}, {7, 2}, {8, 1}}));
  EXPECT_EQ(of(s, 0), (std::vector<std::pair<std::uint32_t, int>>{{1, 2}, {3, 2}, {4, 1}}));
  EXPECT_EQ(shared_points(testsupport::lattice(3), 1e-9, 1), s) << "the same at any thread count";
}

TEST(SharedPoints, OnlyVerticesWithinTheSnapAreShared) {
  // Two squares 0.1 apart: nothing shared at a snap of 0.05, an edge's two ends at 0.2.
  const std::vector<std::vector<Ring>> apart{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
                                             {{{1.1, 0}, {2, 0}, {2, 1}, {1.1, 1}, {1.1, 0}}}};
  EXPECT_TRUE(shared_points(apart, 0.05).other.empty());
  const SharedPoints near = shared_points(apart, 0.2);
  EXPECT_EQ(of(near, 0), (std::vector<std::pair<std::uint32_t, int>>{{1, 2}}));
  EXPECT_EQ(of(near, 1), (std::vector<std::pair<std::uint32_t, int>>{{0, 2}}));
}

TEST(SharedPoints, ALayersAreByRowAndAnAreaWithoutAGeometrySharesNone) {
  BoundaryLayer layer;
  const auto squares = testsupport::lattice(3);
  for (std::size_t i = 0; i < squares.size(); ++i) {
    Area a;
    a.id = "A" + std::to_string(i);
    if (i != 1) a.wkb = testsupport::polygon_wkb(squares[i][0]);  // 1: no geometry
    layer.areas.push_back(a);
  }
  const SharedPoints s = layer_shared_points(layer, 1e-9, 2);
  ASSERT_EQ(s.size(), 9u);
  EXPECT_TRUE(of(s, 1).empty());
  EXPECT_EQ(of(s, 0), (std::vector<std::pair<std::uint32_t, int>>{{3, 2}, {4, 1}}));
  EXPECT_EQ(of(s, 4), (std::vector<std::pair<std::uint32_t, int>>{
                          {0, 1}, {2, 1}, {3, 2}, {5, 2}, {6, 1}, {7, 2}, {8, 1}}));
}
