// Calendar dates as day numbers: parsing the formats inputs use and the age rule.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace reachmap {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;
  long days() const;              // days since 1970-01-01 (proleptic Gregorian)
  std::string to_string() const;  // YYYY-MM-DD
};

// The period a run measures, both ends included.
struct Period {
  Date from, to;
  std::string to_string() const { return from.to_string() + " to " + to.to_string(); }
};

// The date `days` after 1970-01-01 (the inverse of Date::days).
Date date_from_days(long days);

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Strict YYYY-MM-DD, or YYYY-MM (meaning the 1st) when allow_month is set.
std::optional<Date> parse_date(std::string_view text, bool allow_month = true);

// Age in completed years on `on`. A 29 February birthday falls on 1 March in other years.
int age_in_years(const Date& birth, const Date& on);

}  // namespace reachmap
