// Basemap layers: read within the maps' extent only (through the source's spatial filter),
// transformed from the source's CRS to the analysis CRS by PROJ, clipped, and named.
#include "engine/geo/basemap.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

TEST(Basemap, ReadsOnlyTheExtentTransformedToTheAnalysisCrs) {
  TempDir dir("basemap");
  // Two streets in WGS84: one through Manchester Town Hall (53.47935 N, 2.24434 W, BNG
  // about 383,850 E 398,150 N), one in London; and a park polygon beside the first.
  write_text(dir / "roads.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Albert Square"},
     "geometry": {"type": "LineString", "coordinates": [[-2.2460, 53.4790], [-2.2430, 53.4797]]}},
    {"type": "Feature", "properties": {"name": "Whitehall"},
     "geometry": {"type": "LineString", "coordinates": [[-0.1260, 51.5040], [-0.1250, 51.5060]]}},
    {"type": "Feature", "properties": {"name": null},
     "geometry": {"type": "Polygon", "coordinates": [[[-2.2470, 53.4800], [-2.2460, 53.4800],
       [-2.2460, 53.4805], [-2.2470, 53.4800]]]}}]})");
  BasemapSource s;
  s.path = dir / "roads.geojson";
  s.display = "roads.geojson";
  s.kind = BasemapKind::kRoad;
  s.name = "name";
  Envelope manchester;
  manchester.add(383000, 397500);
  manchester.add(384500, 399000);
  const Basemap b = load_basemap({s}, "EPSG:27700", manchester);
  ASSERT_EQ(b.features.size(), 2u) << "London is outside the extent";
  const BasemapFeature& street = b.features[0];
  EXPECT_EQ(street.name, "Albert Square");
  EXPECT_EQ(street.geometry, BasemapFeature::Geometry::kLines);
  ASSERT_EQ(street.parts.size(), 1u);
  EXPECT_NEAR(street.parts[0][0].x, 383780, 150);
  EXPECT_NEAR(street.parts[0][0].y, 398090, 150);
  EXPECT_EQ(b.features[1].geometry, BasemapFeature::Geometry::kPolygons);
  EXPECT_EQ(b.features[1].name, "");
  ASSERT_EQ(b.sources.size(), 1u);
  EXPECT_NE(b.sources[0].find("2 features"), std::string::npos) << b.sources[0];
}

TEST(Basemap, AMissingNameFieldSaysWhichFieldsThereAre) {
  TempDir dir("basemap_field");
  write_text(dir / "r.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"road_name": "A"},
     "geometry": {"type": "LineString", "coordinates": [[-2.246, 53.479], [-2.243, 53.4797]]}}]})");
  BasemapSource s;
  s.path = dir / "r.geojson";
  s.display = "r.geojson";
  s.name = "name";
  Envelope e;
  e.add(383000, 397500);
  e.add(384500, 399000);
  try {
    load_basemap({s}, "EPSG:27700", e);
    FAIL() << "expected an error";
  } catch (const Error& err) {
    const std::string m = err.what();
    EXPECT_NE(m.find("road_name"), std::string::npos) << m;
    EXPECT_NE(m.find("r.geojson"), std::string::npos) << m;
  }
}
