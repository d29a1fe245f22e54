// Reach areas from lists of area ids (overlapping, with unknown and repeated ids) and from
// polygons named by centre id: which children live in each, and how many under-5s.
#include "engine/measure/reach_areas.hpp"

#include <gtest/gtest.h>

#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {
Centre centre(const std::string& id, std::vector<std::string> area_ids = {}) {
  Centre c;
  c.id = id;
  c.reach_area_ids = std::move(area_ids);
  return c;
}
}  // namespace

TEST(ReachAreas, FromIdsUnionOfAreasTheirChildrenAndPopulation) {
  const BoundaryLayer layer = testsupport::layer_of("lsoa", {"A1", "A2", "A3", "A4"});
  const std::vector<Centre> centres{centre("K1", {"A1", "A2", "ZZ", "A2"}),  // ZZ: no such area
                                    centre("K2", {"A2", "A3"}),              // shares A2 with K1
                                    centre("K3")};                           // no reach area
  Population pop;
  pop.by_area = {10.0, 20.0, std::nullopt, 5.0};
  pop.estimated_areas = {false, true, false, false};
  const std::vector<long> area_of_child{0, 1, 1, 2, -1, 3};
  std::size_t unknown = 0;
  const auto ra = reach_areas_from_ids(centres, layer, area_of_child, &pop, unknown);

  ASSERT_EQ(ra.size(), 3u);
  EXPECT_EQ(unknown, 1u);
  ASSERT_TRUE(ra[0]);
  EXPECT_EQ(ra[0]->areas, (std::vector<std::size_t>{0, 1})) << "A2 once";
  EXPECT_EQ(ra[0]->children, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(ra[0]->population, 30.0);
  EXPECT_TRUE(ra[0]->population_estimated) << "A2's population is an estimate";
  ASSERT_TRUE(ra[1]);
  EXPECT_EQ(ra[1]->children, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_FALSE(ra[1]->population) << "A3 has none: no partial sum";
  EXPECT_FALSE(ra[2]);

  std::size_t unknown_again = 0;
  const auto without_pop =
      reach_areas_from_ids(centres, layer, area_of_child, nullptr, unknown_again);
  EXPECT_FALSE(without_pop[0]->population);
  EXPECT_EQ(without_pop[0]->children, ra[0]->children);
}

// The areas of each reach area, as the early merge of their shapes takes them: what
// reach_areas_from_ids gives, listed ids in the layer each once, in list order.
TEST(ReachAreas, MembersAreTheListedAreasOfTheLayerEachOnce) {
  const BoundaryLayer layer = testsupport::layer_of("lsoa", {"A1", "A2", "A3", "A4"});
  const std::vector<Centre> centres{centre("K1", {"A3", "A1", "ZZ", "A3", "A2"}),
                                    centre("K2", {"A3"}), centre("K3")};
  std::size_t unknown = 0;
  const auto members = reach_area_members(centres, layer, &unknown);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0], (std::vector<std::size_t>{2, 0, 1})) << "A3 once, in list order";
  EXPECT_EQ(members[1], (std::vector<std::size_t>{2})) << "A3 again for another centre";
  EXPECT_TRUE(members[2].empty());
  EXPECT_EQ(unknown, 1u);
  std::size_t ignored = 0;
  const auto ra = reach_areas_from_ids(centres, layer, std::vector<long>{}, nullptr, ignored);
  EXPECT_EQ(ra[0]->areas, members[0]);
  EXPECT_EQ(ra[1]->areas, members[1]);
  EXPECT_EQ(reach_area_members(centres, layer), members);  // no count asked for
}

TEST(ReachAreas, FromPolygonsNamedByCentreId) {
  const BoundaryLayer polygons = testsupport::layer_of("reach", {"K1", "K9"});
  const std::vector<Centre> centres{centre("K1"), centre("K2")};
  Population pop;
  pop.by_area = {12.0, 3.0};
  pop.estimated_areas = {true, false};
  const std::vector<long> polygon_of_child{0, 1, -1, 0};
  const auto ra = reach_areas_from_polygons(centres, polygons, polygon_of_child, &pop);
  ASSERT_EQ(ra.size(), 2u);
  ASSERT_TRUE(ra[0]);
  EXPECT_EQ(ra[0]->children, (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(ra[0]->population, 12.0);
  EXPECT_TRUE(ra[0]->population_estimated);
  EXPECT_FALSE(ra[1]) << "no polygon has K2's id; K9's children belong to no centre";
}
