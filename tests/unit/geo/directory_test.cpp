// Postcode directories as they come: ONSPD/NSPL quality fields and OS Code-Point Open.
#include "engine/geo/directory.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

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

// The first row of a postcode decides it; a later one is rejected, its entry never seen. A
// lookup gives the directory's own copy of the postcode; the entries go round in file order.
TEST(Directory, TheFirstRowOfAPostcodeDecidesItAndTheDirectoryKeepsItsCopy) {
  testsupport::TempDir dir("dir-duplicate");
  std::string text = "pcds,x,y\nM1 1AB,1,1\nM1 1AA,2,2\nM1 1AB,3,3\n";
  for (int i = 0; i < 3000; ++i)
    text += "Q" + std::to_string(i / 400) + " " + std::to_string(i % 10) + "A" +
            std::string(1, char('A' + i % 26)) + "," + std::to_string(i) + ",0\n";
  testsupport::write_text(dir / "dir.csv", text);
  PostcodesSource s;
  s.path = dir / "dir.csv";
  s.display = "dir.csv";
  s.postcode = {"pcds", false, "postcode"};
  s.x = {"x", false, "x"};
  s.y = {"y", false, "y"};
  s.projected = true;
  s.crs = "EPSG:27700";
  Accounting accounting;
  const PostcodeDirectory d = load_directory(s, "EPSG:27700", {}, accounting);
  std::size_t duplicates = 0;
  for (const Reject& r : accounting.rejects()) duplicates += r.reason == "duplicate postcode";
  EXPECT_EQ(d.entries.size() + duplicates, 3003u);
  EXPECT_GE(duplicates, 1u);
  EXPECT_EQ(accounting.rejects().front().line, 4u);
  EXPECT_EQ(d.find("M1 1AB")->x, 1);
  const std::string asked = "M1 1AA";
  const auto [own, entry] = d.lookup(asked);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(own, "M1 1AA");
  EXPECT_NE(static_cast<const void*>(own.data()), static_cast<const void*>(asked.data()));
  EXPECT_EQ(entry->x, 2);
  EXPECT_EQ(d.find("M1 1AC"), nullptr);
  EXPECT_EQ(d.find(""), nullptr);
  EXPECT_EQ(d.find("M1 1AAXYZ"), nullptr);
  EXPECT_EQ(d.find(std::string_view("M1 1AA\0", 7)), nullptr) << "a NUL is not padding";
  // A table grown from nothing, many times over, still finds every postcode in it.
  DirectoryEntries grown;
  for (const auto& [postcode, e] : d.entries) grown[postcode].x = e.x + 1;
  ASSERT_EQ(grown.size(), d.entries.size());
  for (const auto& [postcode, e] : d.entries) {
    const auto [own, entry] = grown.lookup(postcode);
    ASSERT_NE(entry, nullptr) << postcode;
    EXPECT_EQ(own, postcode);
    EXPECT_EQ(entry->x, e.x + 1);
  }
  EXPECT_THROW(grown["M1 1AAXYZ"], std::length_error) << "no postcode is longer than 8 bytes";
  EXPECT_THROW(grown[""], std::length_error);
  std::vector<std::string> order;
  for (const auto& [postcode, e] : d.entries) {
    EXPECT_EQ(d.find(postcode), &e);
    if (order.size() < 3) order.emplace_back(postcode);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"M1 1AB", "M1 1AA", "Q0 0AA"}));
}
