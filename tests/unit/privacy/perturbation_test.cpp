// rule = "perturb" (the cell key method): cell keys carried beside the counts add up like the
// counts do, so the same children get the same perturbation in every table; every count is
// perturbed by the ptable, and what is made from the counts is made again from the perturbed
// ones.
#include "engine/privacy/perturbation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/core/record_key.hpp"
#include "engine/measure/equity_gradient.hpp"
#include "engine/measure/indicators.hpp"
#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {

const std::string kSeen = "seen_children", kReg = "registered_children";

PrivacyRule perturb() {
  PrivacyRule r;
  r.rule = DisclosureRule::kPerturb;
  return r;
}

// Children in four fine areas A-D; the coarse layer's X holds A and B, Y holds C and D.
struct World {
  Registrations registrations;
  Attendance attendance;
  std::vector<long> fine, coarse;
  explicit World(std::uint64_t seed) {
    registrations.groups = {"lone_parent"};
    for (int i = 0; i < 60; ++i) {
      Child c;
      c.id = registrations.texts.keep("R" + std::to_string(1000 + i * 7));
      c.counted = true;
      c.groups = std::uint64_t(i % 3 == 0);  // bit 0: lone_parent
      registrations.children.push_back(c);
      attendance.contacts.push_back(i % 4 == 0 ? 0 : i % 5);
      const long a = i < 5 ? 0 : i < 9 ? 1 : i < 30 ? 2 : 3;  // small A and B, large C and D
      fine.push_back(a);
      coarse.push_back(a / 2);
    }
    assign_record_keys(registrations, seed);
  }
  Table fine_table() const {
    return area_indicators(testsupport::layer_of("fine", {"A", "B", "C", "D"}), fine, registrations,
                           attendance, 3, {20.0, 15.0, 40.0, 45.0});
  }
  Table coarse_table() const {
    return area_indicators(testsupport::layer_of("coarse", {"X", "Y"}), coarse, registrations,
                           attendance, 3, {35.0, 85.0});
  }
  // The record keys of the children `which` picks, added up.
  template <typename F>
  std::uint8_t key_of(F which) const {
    std::uint8_t k = 0;
    for (std::size_t c = 0; c < registrations.children.size(); ++c)
      if (which(c)) add_key(k, registrations.children[c].key);
    return k;
  }
};

std::int64_t count(const Table& t, std::size_t row, const std::string& column) {
  return std::get<std::int64_t>(t.rows[row][std::size_t(t.column(column))]);
}

}  // namespace

TEST(CellKeys, AreTheSumOfTheChildrensRecordKeysAndAddUpLikeTheCounts) {
  const World w(20250401);
  const Table fine = w.fine_table(), coarse = w.coarse_table();
  const auto& f = fine.cell_keys.at(kSeen);
  const auto& c = coarse.cell_keys.at(kSeen);
  ASSERT_EQ(f.size(), 4u);
  ASSERT_EQ(c.size(), 2u);
  // A's seen key is the sum of its seen children's record keys.
  EXPECT_EQ(f[0], w.key_of([&](std::size_t i) {
    return w.fine[i] == 0 && w.attendance.contacts[i] >= 1;
  }));
  // X = A + B, Y = C + D (mod 256), for every count column.
  for (const auto& [column, keys] : coarse.cell_keys) {
    const auto& parts = fine.cell_keys.at(column);
    EXPECT_EQ(keys[0], std::uint8_t(parts[0] + parts[1])) << column;
    EXPECT_EQ(keys[1], std::uint8_t(parts[2] + parts[3])) << column;
  }
  for (const std::string& column :
       {kReg, kSeen, std::string("sustained_children"), registered_in_group("lone_parent"),
        seen_in_group("lone_parent")})
    EXPECT_TRUE(fine.cell_keys.count(column)) << column;
  // The equity table's "all areas" row: the sum of every area's.
  const EquityGradient eg = equity_gradient(fine);
  ASSERT_FALSE(eg.table.rows.empty());
  EXPECT_EQ(eg.table.cell_keys.at(kSeen)[0], std::uint8_t(f[0] + f[1] + f[2] + f[3]));
  EXPECT_EQ(eg.table.cell_keys.at(kSeen)[0], std::uint8_t(c[0] + c[1]));
}

TEST(Perturbation, TheSameChildrenArePerturbedTheSameWayInEveryTable) {
  const World w(20250401);
  Table fine = w.fine_table(), coarse = w.coarse_table();
  Table equity = equity_gradient(fine).table;
  // One more layer with a single area holding everybody: the same set as "all areas".
  Table whole =
      area_indicators(testsupport::layer_of("all", {"ALL"}), std::vector<long>(w.fine.size(), 0),
                      w.registrations, w.attendance, 3, {120.0});
  const Table true_whole = whole;
  protect_tables({{&fine, nullptr}, {&coarse, nullptr}, {&equity, nullptr}, {&whole, nullptr}}, {},
                 perturb());
  const PerturbationTable pt(perturb());
  for (const std::string& column : {kReg, kSeen, std::string("sustained_children")}) {
    EXPECT_EQ(count(equity, 0, column), count(whole, 0, column)) << column;
    EXPECT_EQ(count(whole, 0, column),
              pt.perturbed(count(true_whole, 0, column), true_whole.cell_keys.at(column)[0]));
  }
  // Perturbed counts are not additive: a total is perturbed on its own key, not summed.
  const PerturbationTable table(perturb());
  const std::int64_t true_x = 9, key_x = coarse.cell_keys.at(kReg)[0];
  EXPECT_EQ(count(coarse, 0, kReg), table.perturbed(true_x, std::uint8_t(key_x)));
}

TEST(Perturbation, CountsGetTheirPtableValueAndEverythingMadeFromThemFollows) {
  const World w(7);
  const Table truth = w.fine_table();
  Table t = truth;
  t.columns.push_back({"funnel_z", ColumnKind::kStatistic, kSeen});
  for (auto& row : t.rows) row.emplace_back(1.25);
  const auto summary = protect_tables({{&t, nullptr}}, {}, perturb()).front();
  const PerturbationTable pt(perturb());
  // The audit (disclosure.cpp audit_published) may publish a count blank where its perturbed
  // value gives another away (areas A and B hold 5 and 4 children): its row says so.
  const auto blank = [&](std::size_t r, const std::string& column) {
    return std::holds_alternative<std::monostate>(t.rows[r][std::size_t(t.column(column))]);
  };
  std::size_t changed = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool row_blank = false;
    for (const auto& [column, keys] : truth.cell_keys) {
      if (blank(r, column)) {
        row_blank = true;
        continue;
      }
      const std::int64_t before = count(truth, r, column), after = count(t, r, column);
      EXPECT_EQ(after, pt.perturbed(before, keys[r])) << column << " row " << r;
      changed += after != before;
    }
    EXPECT_EQ(std::get<bool>(t.rows[r][std::size_t(t.column(Col::kSuppressed))]), row_blank);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[r].back())) << "statistic blank";
    if (blank(r, kSeen)) continue;
    const double pop = std::get<double>(t.rows[r][std::size_t(t.column(Col::kUnder5Population))]);
    const std::int64_t seen = count(t, r, kSeen);
    EXPECT_EQ(count(t, r, name_of(Col::kUnreachedChildren)),
              std::llround(std::max(0.0, pop - double(seen))));
    EXPECT_NEAR(std::get<double>(t.rows[r][std::size_t(t.column(Col::kSeenReach))]),
                double(seen) / pop, 5e-4);  // published to 3 decimals
  }
  EXPECT_GE(summary.perturbed_cells, changed);
  EXPECT_GT(changed, 0u);
  EXPECT_EQ(summary.primary_cells + summary.secondary_cells, 0u);
}

TEST(Perturbation, NoPublishedCountIsOneOrTwoAndZerosStayZero) {
  Table t;
  t.columns = {{"area_id", ColumnKind::kText}, {kSeen, ColumnKind::kCount}};
  auto& keys = t.cell_keys[kSeen];
  for (int v = 0; v <= 12; ++v)
    for (int k = 0; k < 256; ++k) {
      t.rows.push_back({std::string("a"), std::int64_t(v)});
      keys.push_back(std::uint8_t(k));
    }
  const Table truth = t;
  protect_tables({{&t, nullptr}}, {}, perturb());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::int64_t before = count(truth, r, kSeen), after = count(t, r, kSeen);
    EXPECT_TRUE(after == 0 || after >= 3) << before << " -> " << after;
    EXPECT_LE(std::abs(after - before), 2);
    if (before == 0) {
      EXPECT_EQ(after, 0);
    }
  }
}

TEST(Perturbation, SameSeedSameOutputAnotherSeedAnother) {
  const auto run = [](std::uint64_t seed) {
    const World w(seed);
    Table t = w.fine_table();
    protect_tables({{&t, nullptr}}, {}, perturb());
    return t.rows;
  };
  EXPECT_EQ(run(20250401), run(20250401));
  bool differs = false;
  for (std::uint64_t seed : {1, 2, 3}) differs |= run(seed) != run(20250401);
  EXPECT_TRUE(differs);
}

TEST(Perturbation, ACountWithoutCellKeysIsAnInternalError) {
  Table t;
  t.columns = {{kSeen, ColumnKind::kCount}};
  t.rows = {{std::int64_t(4)}};
  try {
    protect_tables({{&t, nullptr}}, {}, perturb());
    FAIL() << "a count without keys was published";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInternal);
    EXPECT_NE(std::string(e.what()).find("seen_children"), std::string::npos);
  }
}

TEST(Perturbation, TheOtherRulesIgnoreTheKeys) {
  const World w(20250401);
  for (const DisclosureRule rule : {DisclosureRule::kSuppress, DisclosureRule::kRound}) {
    PrivacyRule r;
    r.rule = rule;
    Table with = w.fine_table(), without = with;
    without.cell_keys.clear();
    protect_tables({{&with, nullptr}}, {}, r);
    protect_tables({{&without, nullptr}}, {}, r);
    EXPECT_EQ(with.rows, without.rows) << rule_name(rule);
  }
}
