// Access worked out by hand: where an area's people live (the mean of its located postcodes,
// else its inside point) and the straight-line kilometres from there to the nearest centre.
#include "engine/access/nearest_centre.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/core/rng.hpp"
#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {
Centre centre_at(double x, double y) {
  Centre c;
  c.x = x, c.y = y;
  return c;
}
}  // namespace

TEST(NearestCentre, KilometresToTheNearestOfSeveralCentres) {
  const std::vector<Centre> centres{centre_at(0, 1000), centre_at(3000, 0)};
  // (0, 0): 1 km to the first, 3 km to the second. (3000, 4000): 4.24 km and 4 km.
  const auto km = nearest_centre_km({{0, 0}, {3000, 4000}}, centres);
  ASSERT_EQ(km.size(), 2u);
  EXPECT_DOUBLE_EQ(km[0], 1.0);
  EXPECT_DOUBLE_EQ(km[1], 4.0);
  EXPECT_TRUE(std::isinf(nearest_centre_km({{5, 5}}, {})[0])) << "no centre: infinitely far";
}

TEST(NearestCentre, PeopleLiveAtTheMeanOfTheAreasPostcodes) {
  using testsupport::box_wkb;
  const BoundaryLayer layer = testsupport::layer_of(
      "lsoa", {"A", "B"}, {box_wkb(0, 0, 1000, 1000), box_wkb(1000, 0, 2000, 1000)},
      {{500, 500}, {1500, 500}});
  PostcodeDirectory dir;
  const auto add = [&](const std::string& pc, double x, double y, bool located = true) {
    DirectoryEntry e;
    e.x = x, e.y = y, e.has_location = located;
    dir.entries[pc] = e;
  };
  add("QX1 1AA", 100, 100);
  add("QX1 1AB", 300, 500);
  add("QX1 1AD", 900, 900, false);  // no location: not where anyone is known to live
  add("QX9 9ZZ", 5000, 5000);       // outside the layer
  const auto where = people_centroids(layer, dir, 1);
  ASSERT_EQ(where.size(), 2u);
  EXPECT_DOUBLE_EQ(where[0].x, 200);
  EXPECT_DOUBLE_EQ(where[0].y, 300);
  EXPECT_DOUBLE_EQ(where[1].x, 1500) << "no postcode in B: its inside point";
  EXPECT_DOUBLE_EQ(where[1].y, 500);
  const auto two_threads = people_centroids(layer, dir, 2);
  EXPECT_EQ(two_threads[0].x, where[0].x);
  EXPECT_EQ(two_threads[0].y, where[0].y);
}

// The grid's answer is the first of the nearest centres, as trying every centre gives it:
// clustered and scattered centres, points inside and far outside them, and ties (a lattice of
// centres and points halfway between).
TEST(NearestCentre, TheGridFindsWhatTryingEveryCentreFinds) {
  Rng rng(11, 1);
  std::vector<Centre> centres;
  for (int i = 0; i < 400; ++i)  // a city's cluster, then a region's scatter
    centres.push_back(i < 200 ? centre_at(rng.uniform(400000, 410000), rng.uniform(300000, 310000))
                              : centre_at(rng.uniform(0, 600000), rng.uniform(0, 900000)));
  for (int x = 0; x < 10; ++x)
    for (int y = 0; y < 10; ++y) centres.push_back(centre_at(700000 + 1000 * x, 1000 * y));
  centres.push_back(centres[5]);  // two at one place
  std::vector<XY> points;
  for (int i = 0; i < 3000; ++i)
    points.push_back({rng.uniform(-300000, 1100000), rng.uniform(-300000, 1200000)});
  for (int x = 0; x < 10; ++x)
    for (int y = 0; y < 10; ++y) points.push_back({700500.0 + 1000 * x, 500.0 + 1000 * y});
  points.push_back({centres[5].x, centres[5].y});
  const auto km = nearest_centre_km(points, centres);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const XY& p = points[i];
    double best = std::numeric_limits<double>::infinity();
    const Centre* nearest = nullptr;
    for (const auto& c : centres) {
      const double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
      if (d < best) best = d, nearest = &c;
    }
    ASSERT_EQ(km[i], std::hypot(nearest->x - p.x, nearest->y - p.y) / 1000)
        << "point " << i << " at " << p.x << ", " << p.y;
  }
}
