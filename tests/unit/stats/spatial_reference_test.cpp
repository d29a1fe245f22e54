// Against R spdep (tests/reference/spatial_reference.R) on real data: Manchester's 282 and
// Birmingham's 639 LSOAs (2011, BGC) with the IoD 2019 income score.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "engine/core/number_format.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/stats/empirical_bayes.hpp"
#include "engine/stats/getis_ord.hpp"
#include "engine/stats/moran.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

struct City {
  std::vector<std::string> codes;
  std::vector<std::vector<Ring>> polygons;
  std::vector<double> x, events, pop;
  std::vector<std::string> queen, rook;  // reference, as space-separated codes
  std::vector<double> Ii, gistar, eb_global, eb_local;
  double I = 0, expected = 0, variance = 0;
};

City load_city(const std::string& city) {
  City c;
  LayerSource s;
  s.name = city;
  s.path = testsupport::shared_data("boundaries/lsoa11_" + city + "_bgc.gpkg");
  s.display = s.path;
  s.id = "lsoa11cd";
  const BoundaryLayer layer = load_boundary_layer(s, "EPSG:27700");
  std::map<std::string, std::size_t> index;
  for (const auto& a : layer.areas) {
    index[a.id] = c.codes.size();
    c.codes.push_back(a.id);
    c.polygons.push_back(wkb_rings(a.wkb));
  }
  c.x.resize(c.codes.size());
  c.events.resize(c.codes.size());
  c.pop.resize(c.codes.size());
  CsvReader iod(testsupport::shared_data("deprivation/iod2019_lsoa11_england.csv"));
  const auto code = iod.require_column("lsoa11cd", ""),
             score = iod.require_column("income_score", "");
  const auto pop = iod.require_column("pop_total_mid2015", "");
  CsvRow row;
  while (iod.next(row)) {
    auto it = index.find(std::string(row[code]));
    if (it == index.end()) continue;
    c.x[it->second] = *parse_double(row[score]);
    c.pop[it->second] = *parse_double(row[pop]);
    // R's round() takes halves to even, as nearbyint does in the default rounding mode.
    c.events[it->second] = std::nearbyint(c.x[it->second] * c.pop[it->second]);
  }
  const std::string ref = std::string(REACHMAP_SOURCE_DIR) + "/tests/reference/spatial_" + city;
  CsvReader r(ref + ".csv");
  while (r.next(row)) {
    EXPECT_EQ(row[0], c.codes[c.queen.size()]);
    c.queen.emplace_back(row[1]);
    c.rook.emplace_back(row[2]);
    c.Ii.push_back(*parse_double(row[3]));
    c.gistar.push_back(*parse_double(row[4]));
    c.eb_global.push_back(*parse_double(row[5]));
    c.eb_local.push_back(*parse_double(row[6]));
  }
  CsvReader m(ref + "_moran.csv");
  if (m.next(row)) {
    c.I = *parse_double(row[0]);
    c.expected = *parse_double(row[1]);
    c.variance = *parse_double(row[2]);
  }
  return c;
}

std::string as_codes(const City& c, const std::vector<std::size_t>& list) {
  std::string s;
  for (std::size_t j : list) s += (s.empty() ? "" : " ") + c.codes[j];
  return s;
}

// spdep's default snap is sqrt(machine epsilon) in the data's units (degrees here): about
// 1.7 mm on the ground, so the same tolerance in metres.
constexpr double kSnap = 0.002;

class SpatialReference : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    REACHMAP_REQUIRE_SHARED_DATA();
    city_ = load_city(GetParam());
  }
  City city_;
};

}  // namespace

TEST_P(SpatialReference, ContiguityEqualsPoly2nb) {
  for (bool queen : {true, false}) {
    const Neighbours nb = contiguity(city_.polygons, queen, kSnap);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const std::string got = as_codes(city_, nb[i]);
      const std::string& want = queen ? city_.queen[i] : city_.rook[i];
      if (got != want) {
        ++differ;
        ADD_FAILURE() << (queen ? "queen " : "rook ") << city_.codes[i] << ": got [" << got
                      << "] spdep [" << want << "]";
      }
    }
    EXPECT_EQ(differ, 0u);
  }
}

TEST_P(SpatialReference, MoranLocalMoranGiStarAndEbEqualSpdep) {
  const Neighbours nb = contiguity(city_.polygons, true, kSnap);
  const WeightsMatrix w = row_standardised(nb);
  const GlobalMoran g = global_moran(city_.x, w, 0, 1);
  EXPECT_NEAR(g.I, city_.I, 1e-9);
  EXPECT_NEAR(g.expected, city_.expected, 1e-12);
  EXPECT_NEAR(g.variance, city_.variance, 1e-9);
  const LocalMoran l = local_moran(city_.x, nb, w, 0, 1, 0.05, false, 2);
  const std::vector<double> gs = getis_ord_gi_star(city_.x, row_standardised(include_self(nb)));
  const std::vector<double> ebg = eb_global(city_.events, city_.pop);
  const std::vector<double> ebl = eb_local(city_.events, city_.pop, nb);
  for (std::size_t i = 0; i < city_.codes.size(); ++i) {
    EXPECT_NEAR(l.I[i], city_.Ii[i], 1e-9) << city_.codes[i];
    EXPECT_NEAR(gs[i], city_.gistar[i], 1e-9) << city_.codes[i];
    EXPECT_NEAR(ebg[i], city_.eb_global[i], 1e-9) << city_.codes[i];
    EXPECT_NEAR(ebl[i], city_.eb_local[i], 1e-9) << city_.codes[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Cities, SpatialReference, ::testing::Values("manchester", "birmingham"));
