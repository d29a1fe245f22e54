// Centres: located by coordinates or, failing those, by postcode; sorted by id; every row used
// or rejected with its reason; two ids that would name the same outreach file are an error
// naming both lines.
#include "engine/measure/centres.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {

PostcodeDirectory directory() {
  PostcodeDirectory d;
  DirectoryEntry e;
  e.has_location = true;
  e.x = 384000, e.y = 398000;
  d.entries["QX1 1AA"] = e;
  return d;
}

CentresSource section_for(const std::string& path) {
  CentresSource s;
  s.path = path;
  s.display = "centres.csv";
  s.centre_id = {"centre_id", false, "[centres] centre_id"};
  s.name = {"name", false, "[centres] name"};
  s.postcode = {"postcode", false, "[centres] postcode"};
  s.x = {"x", false, "[centres] x"};
  s.y = {"y", false, "[centres] y"};
  s.reach_areas = {"reach", true, "[centres] reach_areas"};
  s.crs = "EPSG:27700";
  return s;
}

}  // namespace

TEST(Centres, LocatedByCoordinatesOrPostcodeSortedByIdBadRowsRejected) {
  TempDir dir("centres");
  write_text(dir / "centres.csv",
             "centre_id,name,postcode,x,y,reach\n"
             "C2,\"Hub\nTwo\",QX1 1AA,,,A1;A2\n"  // lines 2-3: a name over two lines
             "C1,One,,1000,2000,\"A3, A4 A5\"\n"  // 4: coordinates; ids by ',' and ' '
             "C3,,qx11aa,,,\n"                    // 5: no name: the id is its name
             "C1,Again,,1,1,\n"                   // 6
             ",No id,QX1 1AA,,,\n"                // 7
             "C4,Bad,,abc,5,\n"                   // 8
             "C5,Nowhere,QX9 9ZZ,,,\n"            // 9: postcode not in the directory
             "C6,Blank,,,,\n"                     // 10: neither
             "C7,Short\n");                       // 11
  Accounting acc;
  const auto centres =
      load_centres(section_for(dir / "centres.csv"), "EPSG:27700", directory(), acc);
  ASSERT_EQ(centres.size(), 3u);
  EXPECT_EQ(centres[0].id, "C1");
  EXPECT_EQ(centres[0].name, "One");
  EXPECT_EQ(centres[0].x, 1000);
  EXPECT_EQ(centres[0].y, 2000);
  EXPECT_EQ(centres[0].reach_area_ids, (std::vector<std::string>{"A3", "A4", "A5"}));
  EXPECT_EQ(centres[1].id, "C2");
  EXPECT_EQ(centres[1].name, "Hub Two") << "drawn on one line";
  EXPECT_EQ(centres[1].x, 384000);
  EXPECT_EQ(centres[1].y, 398000);
  EXPECT_EQ(centres[1].reach_area_ids, (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(centres[2].name, "C3");
  EXPECT_TRUE(centres[2].reach_area_ids.empty());

  const FileAccount& f = acc.files().at("centres.csv");
  EXPECT_EQ(f.rows, 9u);
  EXPECT_EQ(f.used, 3u);
  EXPECT_EQ(f.rejected, (std::map<std::string, std::size_t>{{"duplicate centre_id", 1},
                                                            {"missing centre_id", 1},
                                                            {"bad coordinate", 1},
                                                            {"centre postcode not located", 2},
                                                            {"wrong field count", 1}}));
  EXPECT_TRUE(f.balanced());
  ASSERT_EQ(acc.rejects().size(), 6u);
  EXPECT_EQ(acc.rejects()[0].line, 6u);
  EXPECT_EQ(acc.rejects()[2].value, "abc 5");
  EXPECT_EQ(acc.rejects()[3].value, "QX9 9ZZ");
  EXPECT_EQ(acc.rejects()[5].line, 11u);
}

TEST(Centres, IdsThatWouldShareAnOutreachFileAreAnErrorNamingBothLines) {
  TempDir dir("centres_clash");
  write_text(dir / "centres.csv", "centre_id,x,y,reach\nX/1,1,1,A1\nX_1,2,2,A2\n");
  Accounting acc;
  try {
    load_centres(section_for(dir / "centres.csv"), "EPSG:27700", directory(), acc);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadInput);
    EXPECT_EQ(e.where().to_string(), "centres.csv:3: column 'centre_id'");
    EXPECT_NE(e.message().find("'X/1' (line 2) and 'X_1' (line 3)"), std::string::npos)
        << e.message();
  }
}
