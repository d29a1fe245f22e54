#include "engine/core/date.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

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

// Every byte value at every position of a day and a month form, and year 1799/1800 and the
// days at month ends: the same verdict as reading the text field by field.
TEST(ParseDate, AgreesWithAFieldByFieldReadingForEveryByteAtEveryPosition) {
  const auto reference = [](const std::string& s, bool allow_month) -> std::optional<Date> {
    const auto number = [&](std::size_t from, std::size_t n) -> std::optional<int> {
      int v = 0;
      for (std::size_t i = from; i < from + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
      }
      return v;
    };
    if (s.size() != 7 && s.size() != 10) return std::nullopt;
    const auto y = number(0, 4), m = number(5, 2);
    if (!y || !m || s[4] != '-' || *m < 1 || *m > 12 || *y < 1800) return std::nullopt;
    if (s.size() == 7) return allow_month ? std::optional<Date>(Date{*y, *m, 1}) : std::nullopt;
    const auto d = number(8, 2);
    if (!d || s[7] != '-' || *d < 1 || *d > reachmap::days_in_month(*y, *m)) return std::nullopt;
    return Date{*y, *m, *d};
  };
  for (const std::string base : {"2024-02-29", "2023-07", "1800-12-31", "2100-02-28"})
    for (std::size_t i = 0; i < base.size(); ++i)
      for (int b = 0; b < 256; ++b)
        for (const bool allow_month : {true, false}) {
          std::string s = base;
          s[i] = char(b);
          EXPECT_EQ(parse_date(s, allow_month), reference(s, allow_month)) << s;
        }
  for (const std::string s : {"1799-12-31", "2100-02-29", "2000-02-29", "2023-06-31", "2023-06-30"})
    EXPECT_EQ(parse_date(s), reference(s, true)) << s;
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
