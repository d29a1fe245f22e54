#include "engine/core/error.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

TEST(Error, NamesFileLineAndColumnThenHint) {
  const Error e(ErrorCode::kBadInput, "\"B15 2TT X\" is not a UK postcode",
                {"registrations.csv", 1042, "postcode"}, "fix the postcode");
  EXPECT_STREQ(e.what(),
               "registrations.csv:1042: column 'postcode': \"B15 2TT X\" is not a UK postcode\n"
               "  hint: fix the postcode");
}

TEST(Error, ExitCodesAreDistinctPerKindOfFailure) {
  EXPECT_EQ(Error(ErrorCode::kBadConfig, "x").exit_code(), 3);
  EXPECT_EQ(Error(ErrorCode::kUnreadableInput, "x").exit_code(), 4);
  EXPECT_EQ(Error(ErrorCode::kNothingUsable, "x").exit_code(), 5);
  EXPECT_NE(Error(ErrorCode::kThreshold, "x").exit_code(), 0);
}
