// The shared index against brute force: for every point, the lowest area that GEOS says covers
// it (interior or boundary). Points inside areas, on their vertices, on the midpoints of their
// edges (where the filtered tests must hand over to GEOS) and outside, on real LSOAs.
#include "engine/geo/area_index.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/rng.hpp"
#include "engine/geo/area_locator.hpp"
#include "engine/geo/detail/exact_tester.hpp"
#include "engine/geo/placement.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "tests/support/layer_edges.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

TEST(AreaIndex, AgreesWithBruteForceGeosOnRealLsoas) {
  REACHMAP_REQUIRE_SHARED_DATA();
  const BoundaryLayer layer =
      load_boundary_layer(testsupport::manchester_lsoas_source(), "EPSG:27700");
  const AreaIndex index(layer);
  EXPECT_GT(index.stats().edge_leaves, 1000u);

  testsupport::RandomEdges edges(layer, 42);
  const Envelope& all = edges.extent();
  Rng& rng = edges.rng();
  std::vector<Point> points;
  for (int i = 0; i < 6000; ++i) {
    const auto e = edges.next();
    points.push_back({e.x0, e.y0});  // a vertex
    points.push_back({(e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2});
    points.push_back(
        {rng.uniform(all.minx - 500, all.maxx + 500), rng.uniform(all.miny - 500, all.maxy + 500)});
  }
  detail::ExactTester brute(layer);
  std::vector<long> expected;
  for (const Point& p : points) {
    long hit = -1;
    for (std::size_t a = 0; a < layer.areas.size() && hit < 0; ++a)
      if (brute.covers(a, p.x, p.y)) hit = static_cast<long>(a);
    expected.push_back(hit);
  }
  const std::vector<long> placed = place_points(layer, index, points, 2);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < points.size(); ++i) differ += placed[i] != expected[i];
  EXPECT_EQ(differ, 0u);
  std::size_t outside = 0;
  for (long a : expected) outside += a < 0;
  EXPECT_GT(outside, 100u);  // the test does reach outside the layer
}

// Points within rounding of an edge but (mostly) not on it: a third or a seventh of the way
// along, and those nudged by one ulp either way. The filtered tests cannot call them; the exact
// orientation (with every vertex on the path's line taken as left of it) must agree with GEOS
// on every one, without GEOS.
TEST(AreaIndex, PointsWithinRoundingOfAnEdgeAgreeWithGeos) {
  REACHMAP_REQUIRE_SHARED_DATA();
  const BoundaryLayer layer =
      load_boundary_layer(testsupport::manchester_lsoas_source(), "EPSG:27700");
  const AreaIndex index(layer);
  testsupport::RandomEdges edges(layer, 11);
  std::vector<Point> points;
  for (int i = 0; i < 4000; ++i) {
    const auto e = edges.next();
    const double t = i % 2 ? 1.0 / 3 : 1.0 / 7;
    const double x = e.x0 + (e.x1 - e.x0) * t;
    const double y = e.y0 + (e.y1 - e.y0) * t;
    points.push_back({x, y});
    points.push_back({std::nextafter(x, 1e9), y});
    points.push_back({x, std::nextafter(y, -1e9)});
  }
  detail::ExactTester brute(layer);
  std::size_t differ = 0, on_boundary = 0;
  const std::vector<long> placed = place_points(layer, index, points, 2);
  for (std::size_t i = 0; i < points.size(); ++i) {
    long hit = -1;
    int where = 0;
    for (std::size_t a = 0; a < layer.areas.size() && hit < 0; ++a)
      if ((where = brute.where(a, points[i].x, points[i].y)) != 0) hit = static_cast<long>(a);
    on_boundary += where == 2;
    differ += placed[i] != hit;
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_LT(on_boundary, points.size() / 2);  // most are off the edge, on one side or the other
}
