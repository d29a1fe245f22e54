#include "engine/geo/crs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

TEST(Crs, LatLonAxisOrderIsLongitudeFirst) {
  // Manchester Town Hall is about 53.479 N, 2.245 W: easting ~383,800, northing ~398,200.
  Transformer t("EPSG:4326", "EPSG:27700", "test");
  double x = -2.2446, y = 53.4794;
  ASSERT_TRUE(t.transform(x, y));
  EXPECT_NEAR(x, 383800, 500);
  EXPECT_NEAR(y, 398200, 500);
}

TEST(Crs, IdentityIsDetected) {
  Transformer t("EPSG:27700", "EPSG:27700", "test");
  EXPECT_TRUE(t.is_identity());
}

TEST(Crs, UnknownCrsIsAConfigError) {
  EXPECT_THROW(Transformer("EPSG:999999", "EPSG:27700", "x"), Error);
  EXPECT_THROW(require_metric_crs("EPSG:4326", "[run] crs"), Error);
  EXPECT_NO_THROW(require_metric_crs("EPSG:27700", "[run] crs"));
}

// Against published coordinates: DfE GIAS gives each school's official easting/northing and
// its WGS84 lat/long. Without the OSTN15 grid PROJ uses a Helmert transformation, good to a
// few metres.
TEST(Crs, MatchesPublishedEastingsAndNorthings) {
  const std::string path =
      testsupport::shared_data("services/gias_schools_birmingham_manchester.csv");
  REACHMAP_REQUIRE_SHARED_DATA();
  CsvReader csv(path);
  const auto e = csv.require_column("easting", ""), n = csv.require_column("northing", "");
  const auto lon = csv.require_column("longitude", ""), lat = csv.require_column("latitude", "");
  Transformer t("EPSG:4326", "EPSG:27700", "test");
  std::vector<double> errors;
  CsvRow row;
  while (csv.next(row)) {
    auto x = parse_double(row[lon]), y = parse_double(row[lat]);
    auto ex = parse_double(row[e]), ny = parse_double(row[n]);
    if (!x || !y || !ex || !ny) continue;
    double px = *x, py = *y;
    ASSERT_TRUE(t.transform(px, py));
    errors.push_back(std::hypot(px - *ex, py - *ny));
  }
  ASSERT_GT(errors.size(), 700u);
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 3.0);
  EXPECT_LT(errors.back(), 6.0);
}
