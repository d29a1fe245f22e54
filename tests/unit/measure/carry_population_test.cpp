// A population carried from one layer to another, worked out by hand: whole source areas move
// whole (an exact sum), shared ones split by where their postcodes fall, one without postcodes
// by area of overlap, one in no target area is lost and said so, and a target with a source
// that has no value gets no value rather than a partial sum.
#include "engine/measure/carry_population.hpp"

#include <gtest/gtest.h>

#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;
using testsupport::box_wkb;

TEST(CarryPopulation, WholeSharedOverlapAndMissingSourcesWorkedOutByHand) {
  // Targets: T1 [0,10]x[0,10], T2 [10,20]x[0,10], T3 [0,10]x[10,20], T4 [10,20]x[10,20].
  const BoundaryLayer to = testsupport::layer_of("ward", {"T1", "T2", "T3", "T4"},
                                                 {box_wkb(0, 0, 10, 10), box_wkb(10, 0, 20, 10),
                                                  box_wkb(0, 10, 10, 20), box_wkb(10, 10, 20, 20)});
  // Sources: S3 [15,25]x[0,10] (half in T2, half outside) and S4 (no geometry) have no
  // postcodes; the others are placed by their postcodes only.
  const BoundaryLayer from =
      testsupport::layer_of("lsoa", {"S1", "S2", "S3", "S4", "S5", "S6", "S7"},
                            {"", "", box_wkb(15, 0, 25, 10), "", "", "", ""});
  Population source;
  source.by_area = {100.0, 50.0, 40.0, 7.0, std::nullopt, 9.0, 1.0};
  source.estimated_areas.assign(7, false);
  // (source, target) of each residential postcode.
  std::vector<long> pc_source, pc_target;
  const auto postcodes = [&](long s, long t, int n) {
    for (int i = 0; i < n; ++i) pc_source.push_back(s), pc_target.push_back(t);
  };
  postcodes(0, 0, 4);   // S1 wholly in T1
  postcodes(1, 0, 3);   // S2: 3 of its 5 postcodes in T1,
  postcodes(1, 1, 1);   //     1 in T2,
  postcodes(1, -1, 1);  //     1 outside the layer (a fifth of its people go nowhere)
  postcodes(4, 2, 2);   // S5 (no value) wholly in T3
  postcodes(5, 3, 1);   // S6 and S7 wholly in T4: an exact sum
  postcodes(6, 3, 3);
  postcodes(-1, 0, 5);  // postcodes outside the source layer count for nobody

  const Population p = carry_population(source, from, to, pc_source, pc_target);
  ASSERT_EQ(p.by_area.size(), 4u);
  EXPECT_DOUBLE_EQ(*p.by_area[0], 100 + 50 * 3.0 / 5);       // 130
  EXPECT_DOUBLE_EQ(*p.by_area[1], 50 * 1.0 / 5 + 40 * 0.5);  // 30
  EXPECT_FALSE(p.by_area[2]) << "S5 has no value: no partial sum";
  EXPECT_DOUBLE_EQ(*p.by_area[3], 10);
  EXPECT_EQ(p.estimated_areas, (std::vector<bool>{true, true, false, false}));
  EXPECT_TRUE(p.estimate);
  EXPECT_EQ(p.areas_without, 1u);
  ASSERT_TRUE(p.carried);
  EXPECT_EQ(p.carried->sources_whole, 4u);  // S1, S5, S6, S7
  EXPECT_EQ(p.carried->sources_shared, 1u);
  EXPECT_EQ(p.carried->sources_by_overlap, 1u);
  EXPECT_EQ(p.carried->sources_outside, 1u);
  EXPECT_EQ(p.carried->areas_estimated, 2u);
  EXPECT_EQ(p.carried->method(),
            "carried from layer 'lsoa': 4 areas wholly inside one area, 1 shared by where their "
            "postcodes fall, 1 by area of overlap, 1 outside every area");
}

TEST(CarryPopulation, AnEstimatedSourceMakesEveryCarriedValueAnEstimate) {
  const BoundaryLayer to = testsupport::layer_of("ward", {"T1", "T2"});
  const BoundaryLayer from = testsupport::layer_of("lsoa", {"S1"});
  Population source;
  source.by_area = {16.0};
  source.scale = 0.3125;
  source.estimate = true;
  const Population p = carry_population(source, from, to, {0}, {1});
  EXPECT_FALSE(p.by_area[0]);
  EXPECT_EQ(p.by_area[1], 16.0);
  EXPECT_EQ(p.estimated_areas, (std::vector<bool>{false, true})) << "T1 has no value at all";
  EXPECT_EQ(p.scale, 0.3125);
}
