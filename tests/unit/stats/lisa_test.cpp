// Permutation inference: the same seed gives the same answers at any thread count; with no
// pattern the pseudo p-values are uniform; a planted cluster is found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/core/rng.hpp"
#include "engine/stats/funnel.hpp"
#include "engine/stats/moran.hpp"
#include "tests/support/lattice.hpp"

using namespace reachmap;

namespace {
constexpr int kSide = 30;
std::vector<std::vector<Ring>> lattice() {
  return testsupport::lattice(kSide);
}
// n standard normal values from stream 7 of `seed`.
std::vector<double> normal_values(std::size_t n, std::uint64_t seed) {
  std::vector<double> x;
  Rng rng(seed, 7);
  for (std::size_t i = 0; i < n; ++i) x.push_back(rng.normal());
  return x;
}
// The mean of x, summed in order as moran.cpp centres (to the last bit).
double mean_of(const std::vector<double>& x) {
  double mean = 0;
  for (double v : x) mean += v;
  return mean / double(x.size());
}
std::vector<double> noise(std::uint64_t seed) {
  return normal_values(kSide * kSide, seed);
}
}  // namespace

TEST(Lisa, SameSeedSameResultsAtAnyThreadCount) {
  const Neighbours nb = contiguity(lattice(), true, 1e-9);
  const WeightsMatrix w = row_standardised(nb);
  const auto x = noise(1);
  const LocalMoran a = local_moran(x, nb, w, 199, 42, 0.05, false, 1);
  const LocalMoran b = local_moran(x, nb, w, 199, 42, 0.05, false, 2);
  const LocalMoran c = local_moran(x, nb, w, 199, 42, 0.05, false, 7);
  EXPECT_EQ(a.p_sim, b.p_sim);
  EXPECT_EQ(a.p_sim, c.p_sim);
  EXPECT_EQ(a.I, c.I);
  const LocalMoran other = local_moran(x, nb, w, 199, 43, 0.05, false, 2);
  EXPECT_NE(a.p_sim, other.p_sim);  // the seed matters
}

// The draws as they are defined: for each area, a pool of the other areas set up afresh, then
// a partial Fisher-Yates that carries on from one permutation to the next. local_moran puts
// its pool back after each area instead of setting it up again; the draws must not change.
TEST(Lisa, DrawsEqualAFreshPoolForEveryArea) {
  const Neighbours nb = contiguity(testsupport::lattice(9), true, 1e-9);
  const std::vector<double> x = normal_values(nb.size(), 3);
  const std::size_t n = x.size();
  const int permutations = 99;
  const std::uint64_t seed = 11;
  const LocalMoran got =
      local_moran(x, nb, row_standardised(nb), permutations, seed, 0.05, false, 3);
  const double mean = mean_of(x);
  double m2 = 0;
  for (double v : x) m2 += (v - mean) * (v - mean);
  m2 /= double(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> pool;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) pool.push_back(j);
    const std::size_t k = nb[i].size();
    std::size_t larger = 0;
    for (int p = 0; p < permutations; ++p) {
      double plag = 0;
      for (std::size_t d = 0; d < k; ++d) {
        const std::size_t r =
            d + std::size_t(uniform01(hash_keys(seed, i, std::uint64_t(p), d)) * double(n - 1 - d));
        std::swap(pool[d], pool[r]);
        plag += (1.0 / double(k)) * (x[pool[d]] - mean);
      }
      larger += (x[i] - mean) / m2 * plag >= got.I[i];
    }
    const std::size_t extreme = std::min(larger, std::size_t(permutations) - larger);
    EXPECT_DOUBLE_EQ(got.p_sim[i], double(extreme + 1) / double(permutations + 1)) << i;
  }
}

// The global test's permutations as they are defined: each a Fisher-Yates shuffle of every
// value keyed on (seed, ~0, permutation, position), and Moran's I of each against the observed.
// global_moran works on several permutations at once; the p-value must not change. 203 is not
// a multiple of its block.
TEST(Lisa, GlobalPermutationsEqualPlainShuffles) {
  const Neighbours nb = contiguity(testsupport::lattice(12), true, 1e-9);
  const WeightsMatrix w = row_standardised(nb);
  const std::vector<double> x = normal_values(nb.size(), 5);
  const std::size_t n = x.size();
  const int permutations = 203;
  const std::uint64_t seed = 17;
  const GlobalMoran got = global_moran(x, w, permutations, seed, 3);
  const double mean = mean_of(x);
  std::vector<double> z;
  for (double v : x) z.push_back(v - mean);
  const auto moran = [&](const std::vector<double>& v) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double lag = 0;
      for (std::size_t j : nb[i]) lag += (1.0 / double(nb[i].size())) * v[j];
      num += v[i] * lag;
    }
    for (double e : v) den += e * e;
    return double(n) / w.sum() * num / den;
  };
  std::size_t larger = 0;
  for (int p = 0; p < permutations; ++p) {
    std::vector<double> zp = z;
    for (std::size_t i = n - 1; i > 0; --i)
      std::swap(
          zp[i],
          zp[std::size_t(uniform01(hash_keys(seed, ~0ULL, std::uint64_t(p), i)) * double(i + 1))]);
    larger += moran(zp) >= got.I;
  }
  const std::size_t extreme = std::min(larger, std::size_t(permutations) - larger);
  EXPECT_GT(extreme, 10u);  // a p-value that a wrong draw would move
  EXPECT_DOUBLE_EQ(got.p_sim, double(extreme + 1) / double(permutations + 1));
}

TEST(Lisa, PseudoPValuesAreUniformWithoutPattern) {
  // Folded p-values (the observed direction) are uniform on (0, 0.5] under no pattern, so
  // 2p is uniform on (0, 1]: a Kolmogorov-Smirnov distance well under the 1% critical value.
  const Neighbours nb = contiguity(lattice(), false, 1e-9);
  const WeightsMatrix w = row_standardised(nb);
  std::vector<double> p = local_moran(noise(2), nb, w, 999, 5, 0.05, false, 2).p_sim;
  std::sort(p.begin(), p.end());
  double ks = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    ks = std::max(ks, std::fabs(std::min(1.0, 2 * p[i]) - static_cast<double>(i + 1) / p.size()));
  EXPECT_LT(ks, 1.63 / std::sqrt(static_cast<double>(p.size())));
  const GlobalMoran g = global_moran(noise(2), w, 999, 5);
  EXPECT_GT(g.p_sim, 0.01);
  EXPECT_LT(std::fabs(g.z), 2.58);
}

TEST(Lisa, PlantedLowClusterIsLowLow) {
  auto x = noise(3);
  // A 4 x 4 block of low values in the middle of the lattice.
  std::vector<std::size_t> block;
  for (int r = 12; r < 16; ++r)
    for (int c = 12; c < 16; ++c) block.push_back(static_cast<std::size_t>(r * kSide + c));
  for (std::size_t i : block) x[i] -= 3;
  const Neighbours nb = contiguity(lattice(), true, 1e-9);
  const WeightsMatrix w = row_standardised(nb);
  const LocalMoran l = local_moran(x, nb, w, 999, 9, 0.05, false, 2);
  int found = 0;
  for (std::size_t i : block) found += l.cluster[i] == LisaCluster::kLowLow;
  EXPECT_GE(found, 12);
  const GlobalMoran g = global_moran(x, w, 999, 9);
  EXPECT_LE(g.p_sim, 0.002);
  EXPECT_GT(g.z, 3);
}

TEST(Lisa, FdrThreshold) {
  EXPECT_DOUBLE_EQ(fdr_threshold({0.001, 0.01, 0.03, 0.04, 0.5}, 0.05), 0.04);
  EXPECT_DOUBLE_EQ(fdr_threshold({0.2, 0.3}, 0.05), 0.0);
}

// Funnel limits against the worked values published with the PHE/OHID method
// (PHEindicatormethods, tests/testthat/testdata_funnel_prop_outputs.csv): a target of
// 80.642448% and, for each denominator, the 95% and 99.8% limits in percent.
TEST(Funnel, LimitsEqualPheWorkedValues) {
  struct Row {
    double n, lower95, upper95, lower998, upper998;
  };
  const double target = 0.80642448;
  for (const Row r : {Row{1, 3.204264, 100, 0, 100}, Row{10, 56.154344, 100, 42.03259, 100},
                      Row{18, 62.390093, 98.894803, 51.864359, 100},
                      Row{41, 68.548635, 92.73626, 61.574398, 99.710497},
                      Row{1008, 78.203374, 83.081521, 76.796814, 84.488082},
                      Row{110000, 80.408963, 80.875933, 80.274317, 81.010578}}) {
    EXPECT_NEAR(100 * funnel_limit(target, r.n, -kZ95Funnel), r.lower95, 1e-6) << r.n;
    EXPECT_NEAR(100 * funnel_limit(target, r.n, kZ95Funnel), r.upper95, 1e-6) << r.n;
    EXPECT_NEAR(100 * funnel_limit(target, r.n, -kZ998), r.lower998, 1e-6) << r.n;
    EXPECT_NEAR(100 * funnel_limit(target, r.n, kZ998), r.upper998, 1e-6) << r.n;
  }
}

TEST(Funnel, FlagsAndOverdispersion) {
  // Target 300/600 = 0.5; area 0: 30/100 is 4 sd below; area 3: 60/100 is 2 sd above.
  const FunnelResult f = funnel({30, 100, 110, 60}, {100, 200, 200, 100});
  EXPECT_DOUBLE_EQ(f.target, 0.5);
  EXPECT_NEAR(f.z[0], -4, 1e-12);
  EXPECT_EQ(f.flag[0], "below 99.8%");
  EXPECT_EQ(f.flag[1], "within");
  EXPECT_EQ(f.flag[3], "above 95%");
  // Overdispersion: phi = mean of squared winsorised z (here no winsorising), at least 1.
  const FunnelResult od = funnel({30, 100, 110, 60}, {100, 200, 200, 100}, {true, 0.0});
  double sum = 0;
  for (double z : f.z) sum += z * z;
  EXPECT_NEAR(od.phi, sum / 4, 1e-12);
  EXPECT_NEAR(od.z[0], -4 / std::sqrt(od.phi), 1e-12);
  EXPECT_EQ(od.flag[3], "within");  // the wider limits take area 3 in
}
