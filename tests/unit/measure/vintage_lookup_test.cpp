// Values carried between vintages of area codes: hand-worked cases for each kind of change,
// then the real ONS LSOA 2011 <-> 2021 lookup with IMD 2019 and Census 2021.
#include "engine/measure/vintage_lookup.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "engine/io/csv_reader.hpp"
#include "engine/measure/area_values.hpp"
#include "engine/measure/population.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

BoundaryLayer layer_of(const std::vector<std::string>& ids) {
  BoundaryLayer layer;
  layer.name = "test";
  for (const auto& id : ids) {
    layer.index_of[id] = layer.areas.size();
    layer.areas.push_back({id, id, "", 0, 0});
  }
  return layer;
}

// O1 -> N1 unchanged; O2 split into N2 and N3; O3 and O4 merged into N4; O5 -> N5 whose data is
// missing; O6 -> N6, an area not in the layer.
const char* kLookup =
    "old,new,chg\nO1,N1,U\nO2,N2,S\nO2,N3,S\nO3,N4,M\nO4,N4,M\nO5,N5,U\nO6,N6,U\n";

struct Fixture {
  testsupport::TempDir dir{"vintage"};
  Accounting accounting;
  VintageLookup lookup;
  Fixture() {
    testsupport::write_text(dir / "lookup.csv", kLookup);
    LookupSource s;
    s.path = s.display = dir / "lookup.csv";
    s.old_code = {"old", true, "[lookups] old"};
    s.new_code = {"new", true, "[lookups] new"};
    s.change = {"chg", true, "[lookups] change"};
    lookup = load_vintage_lookup(s, accounting);
  }
};

}  // namespace

TEST(VintageLookup, EachKindOfChangeCarriesCountsScoresAndDeciles) {
  Fixture f;
  ASSERT_EQ(f.lookup.pairs.size(), 7u);
  const BoundaryLayer layer = layer_of({"N1", "N2", "N3", "N4", "N5"});
  testsupport::write_text(f.dir / "data.csv",
                          "code,count,score,decile,pop\n"
                          "O1,10,5.0,4,100\nO2,9,8.0,2,300\nO3,4,10.0,3,100\nO4,6,20.0,1,300\n"
                          "O6,7,1.0,9,50\nO9,1,1.0,1,10\n");
  VintageBridge bridge(f.lookup, CodeVintage::kOld, layer);
  AcrossVintages across{bridge,
                        {Combine::kCount, Combine::kScore, Combine::kDecile},
                        {"pop", true, "[deprivation] weight"}};
  const AreaValues v =
      load_area_values({f.dir / "data.csv", "data.csv"}, layer, {"code", true, "area"},
                       {{"count", true, "c"}, {"score", true, "s"}, {"decile", true, "d"}}, true,
                       "bad", f.accounting, &across);
  // N1 copies O1; N2 and N3 share O2's count and inherit its score and decile; N4 sums O3 and
  // O4, weights their scores by population (100 x 10 + 300 x 20) / 400 and takes decile 1.
  EXPECT_EQ(v.values[0][0], 10.0);
  EXPECT_EQ(v.values[0][1], 4.5);
  EXPECT_EQ(v.values[0][2], 4.5);
  EXPECT_EQ(v.values[0][3], 10.0);
  EXPECT_EQ(v.values[1][1], 8.0);
  EXPECT_EQ(v.values[1][3], 17.5);
  EXPECT_EQ(v.values[2][2], 2.0);
  EXPECT_EQ(v.values[2][3], 1.0);
  EXPECT_FALSE(v.values[0][4].has_value());  // O5 has no row
  EXPECT_EQ(v.areas_without, 1u);
  ASSERT_TRUE(v.vintage.has_value());
  EXPECT_EQ(v.vintage->unchanged, 1u);
  EXPECT_EQ(v.vintage->split, 2u);
  EXPECT_EQ(v.vintage->merged, 1u);
  EXPECT_EQ(v.vintage->incomplete, 1u);
  EXPECT_TRUE(v.vintage->weighted);
  EXPECT_EQ(v.vintage->change.at("M"), 2u);
  // O6 reaches only N6 (not in the layer) and O9 is in no lookup row: both not counted.
  const FileAccount& account = f.accounting.files().at("data.csv");
  EXPECT_EQ(account.used, 4u);
  EXPECT_EQ(account.excluded_total(), 2u);
  EXPECT_TRUE(account.balanced());
}

TEST(VintageLookup, NewCodesOntoAnOldLayerSumSplitsAndShareMerges) {
  Fixture f;
  const BoundaryLayer layer = layer_of({"O1", "O2", "O3", "O4"});
  testsupport::write_text(f.dir / "pop.csv", "code,n\nN1,10\nN2,3\nN3,5\nN4,8\n");
  PopulationSource p;
  p.path = f.dir / "pop.csv";
  p.display = "pop.csv";
  p.area = {"code", true, "area"};
  p.count = {"n", true, "count"};
  p.codes = CodeVintage::kNew;
  p.scale = 0.5;
  const Population pop = load_population(p, layer, f.accounting, &f.lookup);
  EXPECT_EQ(pop.by_area[0], 5.0);  // 10 x 0.5
  EXPECT_EQ(pop.by_area[1], 4.0);  // (3 + 5) x 0.5
  EXPECT_EQ(pop.by_area[2], 2.0);  // half of N4's 8, x 0.5
  EXPECT_EQ(pop.by_area[3], 2.0);
  EXPECT_TRUE(pop.estimate);
  EXPECT_EQ(pop.scale, 0.5);
}

// IMD 2019 (LSOA 2011) onto the LSOA 2021 areas of Greater Manchester, and Census 2021
// (LSOA 2021) onto Manchester's LSOA 2011 areas, through the real ONS lookup.
TEST(VintageLookup, RealImdAndCensusCrossTheOnsLookup) {
  REACHMAP_REQUIRE_SHARED_DATA();
  Accounting accounting;
  LookupSource ls;
  ls.path = ls.display = testsupport::shared_data("lookups/lsoa11_lsoa21_lad22_ew.csv");
  ls.old_code = {"lsoa11cd", false, "[lookups] old"};
  ls.new_code = {"lsoa21cd", false, "[lookups] new"};
  ls.change = {"chgind", false, "[lookups] change"};
  const VintageLookup lookup = load_vintage_lookup(ls, accounting);
  ASSERT_EQ(lookup.pairs.size(), 35795u);

  LayerSource gm;
  gm.name = "lsoa21";
  gm.path = gm.display = testsupport::shared_data("boundaries/lsoa21_greater_manchester_bgc.gpkg");
  gm.id = "lsoa21cd";
  const BoundaryLayer lsoa21 = load_boundary_layer(gm, "EPSG:27700");
  const std::string imd = testsupport::shared_data("deprivation/iod2019_lsoa11_england.csv");
  VintageBridge bridge(lookup, CodeVintage::kOld, lsoa21);
  AcrossVintages across{
      bridge, {Combine::kDecile, Combine::kScore}, {"pop_total_mid2015", true, "w"}};
  const AreaValues v = load_area_values({imd, "iod"}, lsoa21, {"lsoa11cd", true, "area"},
                                        {{"imd_decile", true, "d"}, {"income_score", true, "s"}},
                                        true, "bad", accounting, &across);
  EXPECT_EQ(v.areas_without, 0u);  // every 2021 LSOA of Greater Manchester has a decile
  ASSERT_TRUE(v.vintage);
  EXPECT_GT(v.vintage->merged, 0u);
  EXPECT_GT(v.vintage->split, 0u);

  // Recompute every merged area from the raw files: most deprived decile, weighted score.
  std::map<std::string, std::vector<double>> iod;  // lsoa11 -> decile, score, pop
  {
    CsvReader csv(imd);
    const auto c = csv.require_column("lsoa11cd", ""), d = csv.require_column("imd_decile", ""),
               s = csv.require_column("income_score", ""),
               p = csv.require_column("pop_total_mid2015", "");
    CsvRow row;
    while (csv.next(row))
      iod[std::string(row[c])] = {std::stod(std::string(row[d])), std::stod(std::string(row[s])),
                                  std::stod(std::string(row[p]))};
  }
  std::map<std::string, std::vector<std::string>> parents;
  for (const auto& pair : lookup.pairs) parents[pair.new_code].push_back(pair.old_code);
  std::size_t merged = 0;
  for (std::size_t a = 0; a < lsoa21.areas.size(); ++a) {
    const auto& from = parents.at(lsoa21.areas[a].id);
    double decile = 10, weighted = 0, weight = 0;
    for (const auto& code : from) {
      const auto& r = iod.at(code);
      decile = std::min(decile, r[0]);
      weighted += r[1] * r[2], weight += r[2];
    }
    EXPECT_EQ(v.values[0][a], decile) << lsoa21.areas[a].id;
    EXPECT_NEAR(*v.values[1][a], weighted / weight, 1e-12) << lsoa21.areas[a].id;
    merged += from.size() > 1;
  }
  EXPECT_EQ(merged, v.vintage->merged);

  // Census 2021 onto Manchester's 2011 LSOAs: the district's children are all still counted.
  LayerSource mcr;
  mcr.name = "lsoa11";
  mcr.path = mcr.display = testsupport::shared_data("boundaries/lsoa11_manchester_bgc.gpkg");
  mcr.id = "lsoa11cd";
  const BoundaryLayer lsoa11 = load_boundary_layer(mcr, "EPSG:27700");
  PopulationSource ps;
  ps.path = ps.display = testsupport::shared_data("population/census2021_lsoa21_age6.csv");
  ps.area = {"lsoa21cd", true, "area"};
  ps.count = {"age_0_15", true, "count"};
  ps.codes = CodeVintage::kNew;
  const Population pop = load_population(ps, lsoa11, accounting, &lookup);
  EXPECT_EQ(pop.areas_without, 0u);
  double carried = 0;
  for (const auto& c : pop.by_area) carried += *c;
  double census = 0;
  {
    std::map<std::string, bool> manchester21;
    for (const auto& pair : lookup.pairs)
      if (lsoa11.find(pair.old_code) >= 0) manchester21[pair.new_code] = true;
    CsvReader csv(ps.path);
    const auto c = csv.require_column("lsoa21cd", ""), n = csv.require_column("age_0_15", "");
    CsvRow row;
    while (csv.next(row))
      if (manchester21.count(std::string(row[c]))) census += std::stod(std::string(row[n]));
  }
  EXPECT_NEAR(carried, census, 1e-6);
  EXPECT_GT(census, 100000);
}
