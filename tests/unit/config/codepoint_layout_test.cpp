// [postcodes] layout = "codepoint": the config names the ten columns of OS Code-Point Open,
// which has no header row, and the directory reads its first line as data.
#include <gtest/gtest.h>

#include "engine/config/config.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

TEST(CodePointLayout, NamesTheColumnsOfAFileWithNoHeaderRow) {
  testsupport::TempDir dir("dir-codepoint");
  testsupport::write_text(dir / "m.csv",
                          "\"M1 1AA\",10,384010,398314,\"E92000001\",\"E19000001\",\"E18000002\","
                          "\"\",\"E08000003\",\"E05011368\"\n"
                          "\"M1 1AB\",50,384100,398400,\"E92000001\",\"E19000001\",\"E18000002\","
                          "\"\",\"E08000003\",\"E05011368\"\n"
                          "\"M1 1AD\",90,0,0,\"E92000001\",\"E19000001\",\"E18000002\","
                          "\"\",\"E08000003\",\"E05011368\"\n");
  const std::string toml = dir / "c.toml";
  testsupport::write_text(toml, R"([run]
from = 2025-04-01
to = 2026-03-31
[postcodes]
path = "m.csv"
layout = "codepoint"
[registrations]
path = "r.csv"
[attendance]
path = "a.csv"
[[layers]]
name = "lsoa"
path = "b.gpkg"
id = "code"
)");
  const Config c = load_config(toml);
  EXPECT_EQ(c.postcodes.x.name, "eastings");
  EXPECT_TRUE(c.postcodes.projected);
  Accounting accounting;
  const PostcodeDirectory d =
      load_directory(c.postcodes, "EPSG:27700", {"admin_district_code"}, accounting);
  ASSERT_EQ(d.entries.size(), 3u);  // the first line is data, not a header
  const DirectoryEntry* e = d.find("M1 1AA");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->has_location);
  EXPECT_DOUBLE_EQ(e->x, 384010);
  EXPECT_EQ(d.code(*e, 0), "E08000003");
  EXPECT_EQ(d.find("M1 1AB")->quality, LocationQuality::kImputed);
  EXPECT_FALSE(d.find("M1 1AD")->has_location);  // quality 90: no coordinates
  EXPECT_TRUE(accounting.files().at("m.csv").balanced());
}
