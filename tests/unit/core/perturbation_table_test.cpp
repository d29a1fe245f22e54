#include "engine/core/perturbation_table.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/record_key.hpp"

using namespace reachmap;

namespace {

struct Params {
  int d, js;
  double v;
};

// The defaults, the cellKey package's example (D = 5, V = 3, js = 2), and the edges.
const Params kParams[] = {{2, 2, 1.0}, {5, 2, 3.0}, {3, 2, 2.0},   {1, 0, 0.5},
                          {1, 1, 0.5}, {4, 4, 2.0}, {10, 3, 20.0}, {2, 0, 3.9}};

}  // namespace

TEST(PerturbationTable, EveryRowLaysItsPerturbationsOverAll256Keys) {
  for (const auto& p : kParams) {
    const PerturbationTable t(p.d, p.js, p.v);
    EXPECT_EQ(t.rows(), p.d + p.js + 2) << p.d << " " << p.js;
    for (std::int64_t i = 0; i < t.rows() + 3; ++i) {
      const auto& slots = t.slots(i);
      ASSERT_EQ(slots.size(), std::size_t(2 * p.d + 1));
      int sum = 0;
      for (int n : slots) {
        EXPECT_GE(n, 0);
        sum += n;
      }
      EXPECT_EQ(sum, kCellKeys) << "D " << p.d << " js " << p.js << " value " << i;
    }
  }
}

TEST(PerturbationTable, NoCountMovesFurtherThanDBecomesNegativeOrShowsAsASmallCount) {
  for (const auto& p : kParams) {
    const PerturbationTable t(p.d, p.js, p.v);
    for (std::int64_t i = 0; i <= 40; ++i)
      for (int k = 0; k < kCellKeys; ++k) {
        const int v = t.perturbation(i, std::uint8_t(k));
        const std::int64_t out = i + v;
        EXPECT_LE(std::abs(v), p.d);
        EXPECT_GE(out, 0) << i << " key " << k;
        // 1 to js are never published, neither kept nor reached.
        EXPECT_FALSE(out >= 1 && out <= p.js)
            << "D " << p.d << " js " << p.js << ": " << i << " with key " << k << " gives " << out;
      }
  }
}

TEST(PerturbationTable, ZerosStayZero) {
  for (const auto& p : kParams) {
    const PerturbationTable t(p.d, p.js, p.v);
    for (int k = 0; k < kCellKeys; ++k) EXPECT_EQ(t.perturbed(0, std::uint8_t(k)), 0);
  }
}

TEST(PerturbationTable, MeanIsZeroForEveryValue) {
  for (const auto& p : kParams) {
    const PerturbationTable t(p.d, p.js, p.v);
    for (std::int64_t i = 0; i <= t.rows() + 5; ++i) {
      if (i > p.js) {
        EXPECT_EQ(t.mean(i), 0.0) << "D " << p.d << " js " << p.js << " value " << i;
      } else {
        // A small count can only go to 0 or past js: whole keys reach mean 0 within half the
        // step between those two (1/256 of a child for 1 -> 0 or 3 under the defaults).
        const double step = double(p.js + 1);
        EXPECT_LE(std::abs(t.mean(i)) * kCellKeys, step / 2) << "D " << p.d << " js " << p.js;
      }
    }
  }
  const PerturbationTable defaults(2, 2, 1.0);
  EXPECT_LE(std::abs(defaults.mean(1)), 1.0 / kCellKeys);
}

TEST(PerturbationTable, StatedVarianceIsTheLargeCountsAndNearTheOneAskedFor) {
  for (const auto& p : kParams) {
    const PerturbationTable t(p.d, p.js, p.v);
    EXPECT_NEAR(t.stated_variance(), p.v, 0.05 * p.v + 0.02) << p.d << " " << p.js;
    for (std::int64_t big : {t.rows() - 1, t.rows() + 10, std::int64_t{100000}}) {
      EXPECT_EQ(t.slots(big), t.slots(t.rows() - 1));
      EXPECT_DOUBLE_EQ(t.variance(big), t.stated_variance());
    }
    // The large counts' row is symmetric: as likely up as down.
    const auto& last = t.slots(t.rows() - 1);
    for (int v = 1; v <= p.d; ++v)
      EXPECT_EQ(last[std::size_t(p.d + v)], last[std::size_t(p.d - v)]);
  }
  // The defaults: 1 goes to 0 or 3, 2 to 0, 3 or 4; a large count moves at most 2 either way.
  const PerturbationTable t(2, 2, 1.0);
  EXPECT_NEAR(t.stated_variance(), 1.0, 0.01);
  EXPECT_GT(t.slots(1)[1], 0);  // 1 -> 0
  EXPECT_GT(t.slots(1)[4], 0);  // 1 -> 3
  EXPECT_EQ(t.slots(1)[2], 0);  // 1 is never kept
  EXPECT_EQ(t.slots(2)[2], 0);  // nor 2
  for (int v = 0; v < 5; ++v) EXPECT_GT(t.slots(50)[std::size_t(v)], 0) << v - 2;
}

TEST(PerturbationTable, IsBuiltTheSameEveryTime) {
  const PerturbationTable a(3, 2, 2.0), b(3, 2, 2.0), c(3, 2, 2.5);
  bool differs = false;
  for (std::int64_t i = 0; i < a.rows(); ++i) {
    EXPECT_EQ(a.slots(i), b.slots(i));
    differs |= a.slots(i) != c.slots(i);
  }
  EXPECT_TRUE(differs) << "the variance asked for changes the table";
}

TEST(RecordKey, SameSeedAndIdSameKeyEverywhereAnotherSeedOthers) {
  // FNV-1a's published test vectors: the hash is the same on every platform.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(record_key(7, "R0001"), record_key(7, "R0001"));
  int same_seed_other_id = 0, other_seed = 0;
  std::vector<int> seen(kCellKeys, 0);
  for (int i = 0; i < 4096; ++i) {
    const std::string id = "child-" + std::to_string(i);
    const std::uint8_t k = record_key(20250401, id);
    ++seen[k];
    other_seed += k != record_key(20250402, id);
    same_seed_other_id += k != record_key(20250401, id + "x");
  }
  EXPECT_GT(other_seed, 4000);  // 1 in 256 agree by chance
  EXPECT_GT(same_seed_other_id, 4000);
  for (int n : seen) EXPECT_GT(n, 0) << "keys cover 0..255";  // 16 expected per key
}

// The defaults' table, pinned: a change to how it is built changes every published figure.
TEST(PerturbationTable, TheDefaultTableIsPinned) {
  const PerturbationTable t(PrivacyRule{});
  const std::vector<std::vector<int>> rows = {{0, 0, 256, 0, 0},    {0, 171, 0, 0, 85},
                                              {86, 0, 0, 168, 2},   {0, 0, 256, 0, 0},
                                              {0, 102, 78, 50, 26}, {16, 63, 98, 63, 16}};
  ASSERT_EQ(t.rows(), std::int64_t(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(t.slots(std::int64_t(i)), rows[i]) << i;
  // Keys are laid in order of the perturbation: 0-15 take 2 off a large count, 240-255 add 2.
  EXPECT_EQ(t.perturbation(100, 0), -2);
  EXPECT_EQ(t.perturbation(100, 15), -2);
  EXPECT_EQ(t.perturbation(100, 16), -1);
  EXPECT_EQ(t.perturbation(100, 255), 2);
}
