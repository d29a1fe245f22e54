// Postcode directories as they come: ONSPD/NSPL quality fields and OS Code-Point Open.
#include "engine/geo/directory.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

using namespace reachmap;

TEST(Directory, OnspdQualityAndUserTypeAreHonoured) {
  testsupport::TempDir dir("dir-onspd");
  testsupport::write_text(dir / "onspd.csv",
                          "pcds,lat,long,doterm,osgrdind,usertype\n"
                          "M1 1AA,53.48,-2.24,,1,0\n"
                          "M1 1AB,53.48,-2.24,,5,0\n"
                          "M1 1AD,53.48,-2.24,,6,1\n"
                          "M1 1AE,53.48,-2.24,201001,8,0\n"
                          "M1 1AF,99.99,-2.24,,9,0\n");
  PostcodesSection s;
  s.path = dir / "onspd.csv";
  s.display = "onspd.csv";
  s.postcode = {"pcds", false, "postcode"};
  s.lat = {"lat", false, "lat"};
  s.lon = {"long", false, "lon"};
  s.terminated = {"doterm", false, "terminated"};
  s.quality = {"osgrdind", false, "quality"};
  s.usertype = {"usertype", false, "usertype"};
  Accounting accounting;
  const PostcodeDirectory d = load_directory(s, "EPSG:27700", {}, accounting);
  ASSERT_EQ(d.entries.size(), 5u);
  EXPECT_TRUE(d.has_quality && d.has_usertype);
  EXPECT_EQ(d.find("M1 1AA")->quality, LocationQuality::kExact);
  EXPECT_EQ(d.find("M1 1AB")->quality, LocationQuality::kImputed);
  EXPECT_EQ(d.find("M1 1AD")->quality, LocationQuality::kApproximate);
  EXPECT_TRUE(d.find("M1 1AD")->large_user);
  EXPECT_EQ(d.find("M1 1AE")->quality, LocationQuality::kApproximate);
  // osgrdind 9: no grid reference, whatever the coordinate columns hold.
  EXPECT_FALSE(d.find("M1 1AF")->has_location);
  EXPECT_EQ(d.no_location, 1u);
  EXPECT_EQ(d.imputed, 1u);
  EXPECT_EQ(d.approximate, 2u);
  EXPECT_EQ(d.large_user, 1u);
  EXPECT_EQ(d.terminated, 1u);
}

TEST(Directory, CodePointOpenHasNoHeaderRow) {
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
  EXPECT_EQ(e->codes[0], "E08000003");
  EXPECT_EQ(d.find("M1 1AB")->quality, LocationQuality::kImputed);
  EXPECT_FALSE(d.find("M1 1AD")->has_location);  // quality 90: no coordinates
  EXPECT_TRUE(accounting.files().at("m.csv").balanced());
}
