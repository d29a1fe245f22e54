#include "engine/core/date.hpp"

#include <gtest/gtest.h>

using reachmap::age_in_years;
using reachmap::Date;
using reachmap::parse_date;

TEST(ParseDate, AcceptsDayAndMonthForms) {
  EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(parse_date("2023-07"), (Date{2023, 7, 1}));  // YYYY-MM means the 1st
  EXPECT_FALSE(parse_date("2023-07", /*allow_month=*/false));
}

TEST(ParseDate, RejectsImpossibleAndForeignForms) {
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "31/02/2023",
                          "2023/07/01", "2023", "", "2023-7-1", "2023-07-01T00:00", "x023-01-01"})
    EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(DayNumbers, MatchTheUnixEpoch) {
  EXPECT_EQ((Date{1970, 1, 1}).days(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).days(), 11017);
  EXPECT_EQ((Date{2026, 3, 31}).days() - (Date{2025, 4, 1}).days(), 364);
}

TEST(Age, FifthBirthdayOnThePeriodEndMeansFive) {
  const Date end{2026, 3, 31};
  EXPECT_EQ(age_in_years({2021, 3, 31}, end), 5);
  EXPECT_EQ(age_in_years({2021, 4, 1}, end), 4);
  EXPECT_EQ(age_in_years({2026, 3, 31}, end), 0);
}

TEST(Age, LeapDayBirthdayFallsOnFirstMarchInCommonYears) {
  // Born 29 Feb 2020: in 2025 (common year) the birthday is 1 March.
  EXPECT_EQ(age_in_years({2020, 2, 29}, {2025, 2, 28}), 4);
  EXPECT_EQ(age_in_years({2020, 2, 29}, {2025, 3, 1}), 5);
  // In a leap year the birthday is 29 Feb itself.
  EXPECT_EQ(age_in_years({2020, 2, 29}, {2024, 2, 28}), 3);
  EXPECT_EQ(age_in_years({2020, 2, 29}, {2024, 2, 29}), 4);
}
