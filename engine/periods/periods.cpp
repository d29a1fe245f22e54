#include "engine/periods/periods.hpp"

#include "engine/measure/registrations.hpp"

namespace reachmap {

namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool last_of_month(const Date& d) {
  return d.day == days_in_month(d.year, d.month);
}

std::string month_name(const Date& d) {
  return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year);
}

// "Apr 2025", "Apr-Jun 2025", "Dec 2025-Feb 2026" for whole months; the label otherwise.
std::string name_of(const Period& p) {
  if (p.from.day != 1 || !last_of_month(p.to)) return period_label(p);
  if (p.from.year == p.to.year && p.from.month == p.to.month) return month_name(p.from);
  if (p.from.year == p.to.year)
    return std::string(kMonths[p.from.month - 1]) + "-" + month_name(p.to);
  return month_name(p.from) + "-" + month_name(p.to);
}

Date day_before(const Date& d) {
  return date_from_days(d.days() - 1);
}

}  // namespace

Date add_months(const Date& d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, d.day};
  out.day = std::min(out.day, days_in_month(out.year, out.month));
  return out;
}

std::vector<NamedPeriod> run_periods(const PeriodsOption& option, const Period& run) {
  using Every = PeriodsOption::Every;
  if (option.every == Every::kNone) return {};
  if (option.every == Every::kNamed) return option.named;
  const int step = option.every == Every::kMonth ? 1 : option.every == Every::kQuarter ? 3 : 12;
  std::vector<NamedPeriod> out;
  for (int i = 0;; ++i) {
    const Date from = add_months(run.from, i * step);
    if (from > run.to) break;
    Date to = day_before(add_months(run.from, (i + 1) * step));
    if (to > run.to) to = run.to;
    Period p{from, to};
    if (option.rolling) {
      // The day after the same day a year before (29 February's year before ends on the 28th).
      p.from = date_from_days(add_months(to, -12).days() + 1);
      out.push_back({"12 months to " + (last_of_month(to) ? month_name(to) : to.to_string()), p});
    } else {
      out.push_back({name_of(p), p});
    }
  }
  return out;
}

std::string period_label(const Period& period) {
  return period.from.to_string() + ".." + period.to.to_string();
}

bool counts_on(const Child& child, const Date& end) {
  if (child.birth > end || age_in_years(child.birth, end) >= 5) return false;
  return child.registered == kUndated || child.registered <= end.days();
}

}  // namespace reachmap
