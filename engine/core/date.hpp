// Calendar dates as day numbers: parsing the formats inputs use and the age rule.
#pragma once

#include <compare>
#include <cstddef>
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

// Inline, as Date::days and parse_date: thirty million contact dates are read nationally.
inline bool is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

inline int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

inline long Date::days() const {
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

// Strict YYYY-MM-DD, or YYYY-MM (meaning the 1st) when allow_month is set.
inline std::optional<Date> parse_date(std::string_view s, bool allow_month = true) {
  // Every digit position checked and read at once, with no call a digit: thirty million contact
  // dates are read nationally.
  if (s.size() != 10 && s.size() != 7) return std::nullopt;
  const auto at = [&](std::size_t i) { return unsigned(static_cast<unsigned char>(s[i])) - '0'; };
  const unsigned y0 = at(0), y1 = at(1), y2 = at(2), y3 = at(3), m0 = at(5), m1 = at(6);
  if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (s[4] != '-'))
    return std::nullopt;
  Date d;
  d.year = int(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
  d.month = int(m0 * 10 + m1);
  if (d.month < 1 || d.month > 12 || d.year < 1800) return std::nullopt;
  if (s.size() == 7) {
    if (!allow_month) return std::nullopt;
    d.day = 1;
    return d;
  }
  const unsigned d0 = at(8), d1 = at(9);
  if ((d0 > 9) | (d1 > 9) | (s[7] != '-')) return std::nullopt;
  d.day = int(d0 * 10 + d1);
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

// Age in completed years on `on`. A 29 February birthday falls on 1 March in other years.
int age_in_years(const Date& birth, const Date& on);
// The day a child born on `birth` turns `years` old: 29 February's falls on 1 March in a common
// year, as age_in_years has it.
Date birthday(const Date& birth, int years);

}  // namespace reachmap
