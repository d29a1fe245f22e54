#include "engine/geo/area_locator.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/geo/placement.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {
// Squares A | B over C (with a hole), D in two parts, E an invalid bow-tie, in EPSG:27700.
const char* kLayer = R"({"type": "FeatureCollection",
"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
"features": [
{"type": "Feature", "properties": {"id": "B"}, "geometry": {"type": "Polygon", "coordinates":
  [[[100,100],[200,100],[200,200],[100,200],[100,100]]]}},
{"type": "Feature", "properties": {"id": "A"}, "geometry": {"type": "Polygon", "coordinates":
  [[[0,100],[100,100],[100,200],[0,200],[0,100]]]}},
{"type": "Feature", "properties": {"id": "C"}, "geometry": {"type": "Polygon", "coordinates":
  [[[0,0],[200,0],[200,100],[0,100],[0,0]], [[80,40],[120,40],[120,60],[80,60],[80,40]]]}},
{"type": "Feature", "properties": {"id": "D"}, "geometry": {"type": "MultiPolygon", "coordinates":
  [[[[300,0],[350,0],[350,50],[300,50],[300,0]]], [[[300,150],[350,150],[350,200],[300,200],[300,150]]]]}},
{"type": "Feature", "properties": {"id": "E"}, "geometry": {"type": "Polygon", "coordinates":
  [[[500,0],[600,100],[600,0],[500,100],[500,0]]]}}
]})";

class AreaLocatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testsupport::write_text(dir_ / "areas.geojson", kLayer);
    LayerSource s;
    s.name = "test";
    s.path = dir_ / "areas.geojson";
    s.display = "areas.geojson";
    s.id = "id";
    layer_ = load_boundary_layer(s, "EPSG:27700");
    index_ = std::make_unique<AreaIndex>(layer_);
    locator_ = std::make_unique<AreaLocator>(layer_, *index_);
  }
  std::string at(double x, double y) {
    const long i = locator_->locate(x, y);
    return i < 0 ? "outside" : layer_.areas[i].id;
  }
  testsupport::TempDir dir_{"locator"};
  BoundaryLayer layer_;
  std::unique_ptr<AreaIndex> index_;
  std::unique_ptr<AreaLocator> locator_;
};
}  // namespace

TEST_F(AreaLocatorTest, AreasAreSortedById) {
  ASSERT_EQ(layer_.areas.size(), 5u);
  EXPECT_EQ(layer_.areas[0].id, "A");
  EXPECT_EQ(layer_.areas[4].id, "E");
}

TEST_F(AreaLocatorTest, Interiors) {
  EXPECT_EQ(at(50, 150), "A");
  EXPECT_EQ(at(150, 150), "B");
  EXPECT_EQ(at(10, 10), "C");
}

TEST_F(AreaLocatorTest, SharedEdgesAndVerticesGoToTheIdThatSortsFirst) {
  EXPECT_EQ(at(100, 150), "A");  // A | B edge
  EXPECT_EQ(at(150, 100), "B");  // B over C edge
  EXPECT_EQ(at(100, 100), "A");  // vertex shared by A, B and C
  EXPECT_EQ(at(0, 0), "C");      // outer corner
}

TEST_F(AreaLocatorTest, HolesAndMultipolygons) {
  EXPECT_EQ(at(100, 50), "outside");  // inside C's hole
  EXPECT_EQ(at(80, 50), "C");         // on the hole's ring: boundary of C
  EXPECT_EQ(at(325, 25), "D");
  EXPECT_EQ(at(325, 175), "D");
  EXPECT_EQ(at(325, 100), "outside");  // between D's parts
}

TEST_F(AreaLocatorTest, InvalidRingsAreRepairedAndCounted) {
  EXPECT_EQ(layer_.repaired, 1u);
  EXPECT_EQ(at(590, 50), "E");  // right lobe of the bow-tie
  EXPECT_EQ(at(510, 50), "E");  // left lobe
  EXPECT_EQ(at(550, 90), "outside");
}

TEST_F(AreaLocatorTest, ParallelPlacementEqualsSerial) {
  std::vector<Point> points;
  for (int i = 0; i < 5000; ++i) points.push_back({(i * 37) % 650 - 20.0, (i * 91) % 230 - 10.0});
  EXPECT_EQ(place_points(layer_, points, 1), place_points(layer_, points, 2));
  const auto placed = place_points(layer_, points, 3);
  for (std::size_t i = 0; i < points.size(); i += 97)
    EXPECT_EQ(placed[i], locator_->locate(points[i].x, points[i].y));
}

TEST(BoundaryLayer, DuplicateIdsAreAnError) {
  testsupport::TempDir dir("dupid");
  testsupport::write_text(dir / "d.geojson", R"({"type": "FeatureCollection",
"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
"features": [
{"type": "Feature", "properties": {"id": "A"}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
{"type": "Feature", "properties": {"id": "A"}, "geometry": {"type": "Point", "coordinates": [1, 1]}}]})");
  LayerSource s;
  s.path = dir / "d.geojson";
  s.display = "d.geojson";
  s.id = "id";
  EXPECT_THROW(load_boundary_layer(s, "EPSG:27700"), Error);
  s.id = "nope";
  try {
    load_boundary_layer(s, "EPSG:27700");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'nope'"), std::string::npos);
  }
}

TEST_F(AreaLocatorTest, WhereFilterKeepsMatchingAreasAndNamesAnEmptyMatch) {
  LayerSource s;
  s.name = "test";
  s.path = dir_ / "areas.geojson";
  s.display = "areas.geojson";
  s.id = "id";
  s.where = "id IN ('A', 'C')";
  const BoundaryLayer two = load_boundary_layer(s, "EPSG:27700");
  ASSERT_EQ(two.areas.size(), 2u);
  EXPECT_EQ(two.areas[1].id, "C");
  s.where = "id = 'Z'";
  try {
    load_boundary_layer(s, "EPSG:27700");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNothingUsable);
    EXPECT_NE(std::string(e.what()).find("no feature matches the filter"), std::string::npos);
  }
}
