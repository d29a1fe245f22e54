// Against the outside world: every Manchester postcode of the ONS NSPL extract, placed into
// the ONS LSOA 2021 boundaries (BGC, 20 m generalised), agrees with its official LSOA code.
#include <gtest/gtest.h>

#include "engine/geo/directory.hpp"
#include "engine/geo/placement.hpp"
#include "tests/support/real_places.hpp"

using namespace reachmap;

TEST(RealPostcodes, ManchesterPostcodesLandInTheirOfficialLsoa) {
  REACHMAP_REQUIRE_SHARED_DATA();
  const PostcodeDirectory dir = testsupport::nspl_directory();
  const BoundaryLayer layer =
      load_boundary_layer(testsupport::greater_manchester_lsoa21(), "EPSG:27700");
  ASSERT_EQ(layer.areas.size(), 1702u);

  std::vector<Point> points;
  std::vector<std::string> official;
  for (const auto& [code, e] : dir.entries) {
    if (dir.code(e, 1) != "E08000003" || !e.has_location) continue;
    points.push_back({e.x, e.y});
    official.push_back(dir.code(e, 0));
  }
  ASSERT_GT(points.size(), 26000u);
  const std::vector<long> placed = place_points(layer, points, 2);
  std::size_t agree = 0;
  for (std::size_t i = 0; i < points.size(); ++i)
    agree += placed[i] >= 0 && layer.areas[placed[i]].id == official[i];
  const double share = static_cast<double>(agree) / static_cast<double>(points.size());
  RecordProperty("agreement", std::to_string(share));
  EXPECT_GE(share, 0.99) << agree << " of " << points.size();
  // Code-first placement is tested where it lives: tests/unit/measure/layer_placement_test.cpp.
}
