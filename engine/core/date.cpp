#include "engine/core/date.hpp"

#include <cstdio>

namespace reachmap {

bool is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

long Date::days() const {
  // Howard Hinnant's days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> parse_date(std::string_view s, bool allow_month) {
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

int age_in_years(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  // Birthday in year `on.year`; 29 Feb becomes 1 Mar in a common year.
  int bm = birth.month, bd = birth.day;
  if (bm == 2 && bd == 29 && !is_leap_year(on.year)) bm = 3, bd = 1;
  if (on.month < bm || (on.month == bm && on.day < bd)) --age;
  return age;
}

}  // namespace reachmap

namespace reachmap {

Date date_from_days(long z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace reachmap
