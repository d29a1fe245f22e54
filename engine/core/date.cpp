#include "engine/core/date.hpp"

#include <cstdio>

namespace reachmap {

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int age_in_years(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  // Birthday in year `on.year`; 29 Feb becomes 1 Mar in a common year.
  int bm = birth.month, bd = birth.day;
  if (bm == 2 && bd == 29 && !is_leap_year(on.year)) bm = 3, bd = 1;
  if (on.month < bm || (on.month == bm && on.day < bd)) --age;
  return age;
}

Date birthday(const Date& birth, int years) {
  Date d{birth.year + years, birth.month, birth.day};
  if (d.month == 2 && d.day == 29 && !is_leap_year(d.year)) d.month = 3, d.day = 1;
  return d;
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
