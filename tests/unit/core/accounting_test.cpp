// Where every row went: a file read ahead of its turn (the centres, read right after the
// postcode directory) is accounted for in its turn, as if it had been read then.
#include "engine/core/accounting.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

TEST(Accounting, TakesAnotherAccountingAfterWhatItHolds) {
  Accounting run, ahead;
  run.file("attendance.csv").rows = 3;
  run.file("attendance.csv").used = 2;
  run.reject("attendance.csv", 4, "bad date", "2025-13-01");
  ahead.file("centres.csv").rows = 2;
  ahead.file("centres.csv").used = 1;
  ahead.reject("centres.csv", 2, "missing centre_id", "");
  ahead.warn("centres.csv", "a centre without a reach area");
  ahead.file("attendance.csv").rows = 1;  // a file both hold: added up
  ahead.exclude("attendance.csv", "outside the period", 1);
  run.take(std::move(ahead));
  ASSERT_EQ(run.rejects().size(), 2u);
  EXPECT_EQ(run.rejects()[0].file, "attendance.csv");
  EXPECT_EQ(run.rejects()[1].file, "centres.csv") << "after what the run had";
  EXPECT_EQ(run.files().at("centres.csv").rejected.at("missing centre_id"), 1u);
  EXPECT_EQ(run.files().at("centres.csv").warnings.size(), 1u);
  EXPECT_TRUE(run.files().at("centres.csv").balanced());
  EXPECT_EQ(run.files().at("attendance.csv").rows, 4u);
  EXPECT_EQ(run.files().at("attendance.csv").excluded.at("outside the period"), 1u);
  EXPECT_TRUE(run.files().at("attendance.csv").balanced());
  EXPECT_TRUE(ahead.rejects().empty());  // NOLINT: moved from, and emptied
}
