// A layer dissolved from another by a lookup: every lookup row used, excluded or rejected with
// its reason; small areas no row names are listed; each locality the union of its areas.
#include "engine/measure/localities.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/geo/wkb_rings.hpp"
#include "tests/support/polygon_wkb.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::box_wkb;
using reachmap::testsupport::layer_of;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {
LocalityLookupSource section_for(const std::string& path) {
  LocalityLookupSource s;
  s.path = path;
  s.display = "lk.csv";
  s.layer = "locality";
  s.from = "small";
  s.small = {"area", false, "[layers] area"};
  s.id = {"loc_cd", true, "[layers] id"};
  s.label = {"loc_nm", true, "[layers] label"};
  return s;
}
}  // namespace

TEST(Localities, EveryLookupRowIsAccountedForAndEachLocalityIsItsAreasUnion) {
  // Four unit squares in a row, A B C D; D is in no locality.
  const BoundaryLayer small = layer_of(
      "small", {"A", "B", "C", "D"},
      {box_wkb(0, 0, 1, 1), box_wkb(1, 0, 2, 1), box_wkb(2, 0, 3, 1), box_wkb(3, 0, 4, 1)});
  TempDir dir("localities");
  write_text(dir / "lk.csv",
             "area,loc_cd,loc_nm\n"
             "A,L1,West\n"
             "B,L1,West\n"
             "C,L2,East\n"
             "Z,L2,East\n"    // not an area of the small layer (a national lookup)
             "C,L1,West\n"    // C given a second locality
             ",L1,West\n"     // no code
             "A,L1,West\n");  // A again, the same locality
  Accounting acc;
  const Localities loc = load_localities(section_for(dir / "lk.csv"), small, acc);
  ASSERT_EQ(loc.groups.size(), 2u);
  EXPECT_EQ(loc.groups[0].id, "L1");
  EXPECT_EQ(loc.groups[0].label, "West");
  EXPECT_EQ(loc.groups[0].members, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(loc.groups[1].members, (std::vector<std::size_t>{2}));
  EXPECT_EQ(loc.missing, (std::vector<std::string>{"D"}));
  EXPECT_EQ(loc.not_in_layer, 1u);
  const FileAccount& f = acc.files().at("lk.csv");
  EXPECT_EQ(f.rows, 7u);
  EXPECT_EQ(f.used, 4u);
  EXPECT_EQ(f.rejected_total(), 2u);
  EXPECT_TRUE(f.balanced());
  ASSERT_EQ(acc.rejects().size(), 2u);
  EXPECT_EQ(acc.rejects()[0].line, 6u);
  EXPECT_NE(acc.rejects()[0].reason.find("second locality"), std::string::npos);

  const BoundaryLayer big = dissolved_layer(small, "locality", "lk.csv", loc.groups, 2);
  ASSERT_EQ(big.areas.size(), 2u);
  EXPECT_EQ(big.find("L2"), 1);
  // West is the 2 x 1 rectangle: one ring (A and B's shared edge gone; its ends stay on the
  // outline).
  const auto rings = wkb_rings(big.areas[0].wkb);
  ASSERT_EQ(rings.size(), 1u);
  double area = 0;
  for (std::size_t i = 0; i + 1 < rings[0].size(); ++i)
    area += rings[0][i].x * rings[0][i + 1].y - rings[0][i + 1].x * rings[0][i].y;
  EXPECT_NEAR(std::abs(area) / 2, 2.0, 1e-9);
  EXPECT_GT(big.areas[0].anchor_x, 0);  // a point inside it
  EXPECT_LT(big.areas[0].anchor_x, 2);
}
