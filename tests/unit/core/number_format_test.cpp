#include "engine/core/number_format.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

TEST(FormatNumber, ShortestRoundTripWithDot) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(2.0), "2");
  EXPECT_EQ(format_number(-0.0), "0");  // never "-0"
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(std::stod(format_number(0.05668215145437519)), 0.05668215145437519);
}

TEST(ParseNumber, StrictWholeField) {
  EXPECT_EQ(parse_double(" 12.5 "), 12.5);
  EXPECT_FALSE(parse_double("12,5"));
  EXPECT_FALSE(parse_double("12abc"));
  EXPECT_FALSE(parse_double(""));
  EXPECT_EQ(parse_int("12.0"), 12);
  EXPECT_FALSE(parse_int("12.5"));
}
