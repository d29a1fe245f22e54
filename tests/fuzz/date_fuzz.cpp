// The date parser on any text: a date it accepts is a real calendar day, written back it
// reads the same, and its day number maps back to it.
#include <string_view>

#include "engine/core/date.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace reachmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool allow_month : {false, true}) {
    const auto d = parse_date(text, allow_month);
    if (!d) continue;
    fuzz::require(d->month >= 1 && d->month <= 12, "month 1..12");
    fuzz::require(d->day >= 1 && d->day <= days_in_month(d->year, d->month), "a real day");
    const auto again = parse_date(d->to_string(), false);
    fuzz::require(again && *again == *d, "written back, it reads the same");
    fuzz::require(date_from_days(d->days()) == *d, "day numbers map back");
    fuzz::require(age_in_years(*d, *d) == 0, "age on the birth day is 0");
    if (!allow_month) fuzz::require(parse_date(text, true) == d, "months allowed change nothing");
  }
  return 0;
}
