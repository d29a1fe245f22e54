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
  PostcodesSource s;
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
