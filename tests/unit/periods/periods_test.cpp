#include "engine/periods/periods.hpp"

#include <gtest/gtest.h>

#include "engine/measure/registrations.hpp"
#include "engine/periods/by_period.hpp"

using namespace reachmap;

namespace {

const Period kYear{{2025, 4, 1}, {2026, 3, 31}};

PeriodsOption every(PeriodsOption::Every e, bool rolling = false) {
  PeriodsOption o;
  o.every = e;
  o.rolling = rolling;
  return o;
}

}  // namespace

TEST(Periods, AddMonthsKeepsTheDayWhereTheMonthHasIt) {
  EXPECT_EQ(add_months({2025, 1, 31}, 1), (Date{2025, 2, 28}));
  EXPECT_EQ(add_months({2024, 1, 31}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_months({2025, 11, 15}, 3), (Date{2026, 2, 15}));
  EXPECT_EQ(add_months({2025, 4, 1}, -12), (Date{2024, 4, 1}));
  EXPECT_EQ(add_months({2025, 1, 1}, -1), (Date{2024, 12, 1}));
}

TEST(Periods, QuartersOfAFinancialYear) {
  const auto q = run_periods(every(PeriodsOption::Every::kQuarter), kYear);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(period_label(q[0].period), "2025-04-01..2025-06-30");
  EXPECT_EQ(q[0].name, "Apr-Jun 2025");
  EXPECT_EQ(period_label(q[2].period), "2025-10-01..2025-12-31");
  EXPECT_EQ(period_label(q[3].period), "2026-01-01..2026-03-31");
  EXPECT_EQ(q[3].name, "Jan-Mar 2026");
}

TEST(Periods, MonthsYearsAndACutLastStep) {
  const auto m = run_periods(every(PeriodsOption::Every::kMonth), kYear);
  ASSERT_EQ(m.size(), 12u);
  EXPECT_EQ(m[10].name, "Feb 2026");
  EXPECT_EQ(period_label(m[10].period), "2026-02-01..2026-02-28");
  const auto y = run_periods(every(PeriodsOption::Every::kYear), kYear);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0].name, "Apr 2025-Mar 2026");
  // A run from mid-month to a day short of a quarter: steps from its first day, the last cut.
  const auto cut =
      run_periods(every(PeriodsOption::Every::kQuarter), {{2025, 4, 15}, {2025, 9, 30}});
  ASSERT_EQ(cut.size(), 2u);
  EXPECT_EQ(period_label(cut[0].period), "2025-04-15..2025-07-14");
  EXPECT_EQ(cut[0].name, "2025-04-15..2025-07-14");
  EXPECT_EQ(period_label(cut[1].period), "2025-07-15..2025-09-30");
}

TEST(Periods, RollingIsTheTwelveMonthsUpToEachEnd) {
  const auto r = run_periods(every(PeriodsOption::Every::kQuarter, true), kYear);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(period_label(r[0].period), "2024-07-01..2025-06-30");
  EXPECT_EQ(r[0].name, "12 months to Jun 2025");
  EXPECT_EQ(period_label(r[3].period), "2025-04-01..2026-03-31");
  // A window to 28 February 2028 starts on 1 March 2027, not on the 28th (one day too many).
  const auto leap =
      run_periods(every(PeriodsOption::Every::kMonth, true), {{2028, 2, 1}, {2028, 3, 31}});
  ASSERT_EQ(leap.size(), 2u);
  EXPECT_EQ(period_label(leap[0].period), "2027-03-01..2028-02-29");
  const auto common =
      run_periods(every(PeriodsOption::Every::kMonth, true), {{2027, 2, 1}, {2027, 2, 28}});
  EXPECT_EQ(period_label(common[0].period), "2026-03-01..2027-02-28");
}

TEST(Periods, NamedRangesAreTheirOwn) {
  PeriodsOption o = every(PeriodsOption::Every::kNamed);
  o.named = {{"Autumn", {{2025, 9, 1}, {2025, 12, 19}}}};
  const auto n = run_periods(o, kYear);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].name, "Autumn");
  EXPECT_TRUE(run_periods(PeriodsOption{}, kYear).empty());
}

TEST(Periods, AChildCountsWhenBornRegisteredAndUnder5AtTheEnd) {
  Child c;
  c.birth = {2020, 6, 30};
  EXPECT_TRUE(counts_on(c, {2025, 6, 29}));   // 4 the day before its fifth birthday
  EXPECT_FALSE(counts_on(c, {2025, 6, 30}));  // 5 on it
  c.birth = {2025, 7, 1};
  EXPECT_FALSE(counts_on(c, {2025, 6, 30}));  // not yet born
  EXPECT_TRUE(counts_on(c, {2025, 7, 1}));
  c.registered = int(Date{2025, 9, 1}.days());
  EXPECT_FALSE(counts_on(c, {2025, 8, 31}));  // registered after the end
  EXPECT_TRUE(counts_on(c, {2025, 9, 1}));
}

TEST(Periods, RowsAreLedByThePeriodAndItsName) {
  EXPECT_EQ(period_header(), (std::vector<std::string>{"period", "period_name"}));
  EXPECT_EQ(period_fields({"Q2", {{2025, 7, 1}, {2025, 9, 30}}}),
            (std::vector<std::string>{"2025-07-01..2025-09-30", "Q2"}));
}
