#include "engine/geo/postcode.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

namespace {
std::string ok(const char* raw) {
  const auto n = normalise_postcode(raw);
  EXPECT_EQ(n.status, PostcodeStatus::kOk) << raw;
  return n.value;
}
PostcodeStatus status(const char* raw) {
  return normalise_postcode(raw).status;
}
}  // namespace

TEST(Postcode, NormalisesCaseAndWhitespace) {
  EXPECT_EQ(ok("b15 2tt"), "B15 2TT");
  EXPECT_EQ(ok("B152TT"), "B15 2TT");
  EXPECT_EQ(ok("  B1 5 2TT \t"), "B15 2TT");
  EXPECT_EQ(ok("m1 1ae"), "M1 1AE");
  EXPECT_EQ(ok("CF10 1AA"), "CF10 1AA");
  EXPECT_EQ(ok("EC1A 1BB"), "EC1A 1BB");
  EXPECT_EQ(ok("W1A0AX"), "W1A 0AX");
}

TEST(Postcode, NoBreakAndInvisibleSpacesAreRemovedLikeOtherWhitespace) {
  EXPECT_EQ(ok("B15\u00a02TT"), "B15 2TT");               // no-break space
  EXPECT_EQ(ok("B15\u202f2TT"), "B15 2TT");               // narrow no-break space
  EXPECT_EQ(ok("\ufeffB15 2TT"), "B15 2TT");              // byte order mark
  EXPECT_EQ(ok("B1\u200b5 2T\u200dT\u2060"), "B15 2TT");  // zero-width space, joiner, word joiner
  EXPECT_EQ(ok("B15\u30002TT"), "B15 2TT");               // ideographic space
  EXPECT_EQ(status("B15\u00e92TT"), PostcodeStatus::kMalformed);  // a letter is not a space
}

TEST(Postcode, EveryOutwardShape) {
  for (const char* pc : {"M1 1AE", "M60 1NW", "CR2 6XH", "DN55 1PT", "W1A 1HQ", "EC1A 1BB"})
    EXPECT_EQ(ok(pc), pc);
}

TEST(Postcode, MissingAndMalformed) {
  EXPECT_EQ(status(""), PostcodeStatus::kMissing);
  EXPECT_EQ(status("   "), PostcodeStatus::kMissing);
  for (const char* bad :
       {"B15 2TT X", "12345", "QX1 2A", "ABC1 2DE", "B15-2TT", "B15 22T", "1B5 2TT", "B", "B15"})
    EXPECT_EQ(status(bad), PostcodeStatus::kMalformed) << bad;
}
