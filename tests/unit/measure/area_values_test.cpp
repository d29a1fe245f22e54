// Values keyed by area code: each has a valid range, and a value outside it is a rejected row
// with its reason, never a number that flows into the results.
#include "engine/measure/area_values.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/table.hpp"
#include "engine/measure/area_values.hpp"
#include "engine/measure/deprivation.hpp"
#include "engine/measure/population.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {
BoundaryLayer layer_of(const std::vector<std::string>& ids) {
  BoundaryLayer l;
  l.name = "test";
  for (const auto& id : ids) {
    l.index_of[id] = l.areas.size();
    l.areas.push_back({id, id, "", 0, 0});
  }
  return l;
}
}  // namespace

TEST(AreaValues, PopulationsOutOfRangeAreRejectedWithTheirReason) {
  TempDir dir("popr");
  write_text(dir / "pop.csv", "code,under5\nA,120\nB,1e20\nC,-3\nD,12.5\nE,inf\nF,-0\n");
  PopulationSource s;
  s.path = dir / "pop.csv";
  s.display = "pop.csv";
  s.area = {"code", true, "area"};
  s.count = {"under5", true, "count"};
  Accounting acc;
  const Population p = load_population(s, layer_of({"A", "B", "C", "D", "E", "F"}), acc);
  EXPECT_EQ(p.by_area[0], 120.0);
  EXPECT_FALSE(p.by_area[1]) << "1e20 under-5s";
  EXPECT_FALSE(p.by_area[2]);
  EXPECT_EQ(p.by_area[3], 12.5) << "fractional estimates are counts too";
  EXPECT_FALSE(p.by_area[4]);
  EXPECT_FALSE(std::signbit(*p.by_area[5])) << "-0 is 0";
  const auto& f = acc.files().at("pop.csv");
  EXPECT_EQ(f.rejected.at("population above 1,000,000"), 1u);
  EXPECT_EQ(f.rejected.at("bad count"), 2u);
  EXPECT_TRUE(f.balanced());
}

TEST(AreaValues, DecilesMustBeWholeNumbersFrom1To10) {
  TempDir dir("decr");
  write_text(dir / "imd.csv", "code,decile\nA,1\nB,0\nC,11\nD,5.5\nE,-1\nF,10\n");
  DeprivationSource d;
  d.path = dir / "imd.csv";
  d.display = "imd.csv";
  d.area = {"code", true, "area"};
  d.decile = {"decile", true, "decile"};
  Accounting acc;
  const Deprivation v = load_deprivation(d, layer_of({"A", "B", "C", "D", "E", "F"}), acc);
  EXPECT_EQ(v.decile[0], 1.0);
  EXPECT_EQ(v.decile[5], 10.0);
  for (int i : {1, 2, 3, 4}) EXPECT_FALSE(v.decile[std::size_t(i)]) << i;
  EXPECT_EQ(acc.files().at("imd.csv").rejected.at("decile not a whole number from 1 to 10"), 4u);
}
