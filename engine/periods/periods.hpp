// [run] periods: the periods a run measures besides its own, all in the one pass over the
// inputs (a quarter after quarter, month after month, year after year, or the user's named
// ranges; each as the 12 months up to its end with rolling = true), and the counting rule of
// each: a child counts in a period when registered by its end and under 5 at it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/date.hpp"

namespace reachmap {

struct Child;

// One period a run measures besides its own: its name for people ("Apr-Jun 2025", or the
// user's) and its days, both ends in.
struct NamedPeriod {
  std::string name;
  Period period;
};

struct PeriodsOption {
  enum class Every { kNone, kMonth, kQuarter, kYear, kNamed };
  Every every = Every::kNone;
  bool rolling = false;            // each period the 12 months up to its end
  std::vector<NamedPeriod> named;  // kNamed: the user's ranges, as written
  bool any() const { return every != Every::kNone; }
};

// At most this many periods a run (five years of months): each costs a measure and an analysis
// of every layer.
inline constexpr std::size_t kMaxPeriods = 60;

// `d` moved by `months` calendar months, its day kept where the month has it (else its last).
Date add_months(const Date& d, int months);

// The periods of `option` within the run's period `run`: consecutive steps from its first day
// (the last cut at its last day), or the named ranges; with rolling, each the 12 months up to
// its end (starting before the run's first day). Empty when none are asked.
std::vector<NamedPeriod> run_periods(const PeriodsOption& option, const Period& run);

// A period as the tables write it: FROM..TO in ISO dates (2025-04-01..2025-06-30).
std::string period_label(const Period& period);

// Whether a child counts in a period ending on `end`: born by then, under 5 then, and
// registered by then (a registration without a date counts as always registered).
bool counts_on(const Child& child, const Date& end);

}  // namespace reachmap
