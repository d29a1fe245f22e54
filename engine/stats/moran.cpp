#include "engine/stats/moran.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "engine/core/parallel.hpp"
#include "engine/core/rng.hpp"

namespace reachmap {

namespace {
constexpr std::uint64_t kGlobalStream = ~0ULL;  // the "area" key of global permutations

std::vector<double> centred(const std::vector<double>& x) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  std::vector<double> z(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) z[i] = x[i] - mean;
  return z;
}

double moran_i(const std::vector<double>& z, const WeightsMatrix& w, double s0) {
  double num = 0, den = 0;
  for (int i = 0; i < w.outerSize(); ++i) {
    double lag = 0;
    for (WeightsMatrix::InnerIterator it(w, i); it; ++it)
      lag += it.value() * z[static_cast<std::size_t>(it.col())];
    num += z[static_cast<std::size_t>(i)] * lag;
  }
  for (double v : z) den += v * v;
  return static_cast<double>(z.size()) / s0 * num / den;
}

// moran_i of kLanes permutations at once: `lanes` holds area i's value of lane l at
// i * kLanes + l. Each lane's sums run in moran_i's order.
constexpr std::size_t kLanes = 8;
std::array<double, kLanes> moran_lanes(const std::vector<double>& lanes, const WeightsMatrix& w,
                                       double s0) {
  std::array<double, kLanes> num{}, den{};
  const std::size_t n = lanes.size() / kLanes;
  for (int i = 0; i < w.outerSize(); ++i) {
    std::array<double, kLanes> lag{};
    for (WeightsMatrix::InnerIterator it(w, i); it; ++it) {
      const double wij = it.value();
      const double* zj = &lanes[static_cast<std::size_t>(it.col()) * kLanes];
      for (std::size_t l = 0; l < kLanes; ++l) lag[l] += wij * zj[l];
    }
    const double* zi = &lanes[static_cast<std::size_t>(i) * kLanes];
    for (std::size_t l = 0; l < kLanes; ++l) num[l] += zi[l] * lag[l];
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t l = 0; l < kLanes; ++l)
      den[l] += lanes[i * kLanes + l] * lanes[i * kLanes + l];
  std::array<double, kLanes> I;
  for (std::size_t l = 0; l < kLanes; ++l) I[l] = static_cast<double>(n) / s0 * num[l] / den[l];
  return I;
}

// An AVX-512 clone beside the plain build, chosen by the machine at load time, where GCC makes
// them (x86-64); elsewhere the plain build alone. The loops below are vectorised either way.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define REACHMAP_VECTOR_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "default"), optimize("tree-vectorize")))
#else
#define REACHMAP_VECTOR_CLONES
#endif

// A Fisher-Yates shuffle's keyed draws for n values: position i (from n - 1 down to 1) swaps
// with out[i], floor(uniform * (i + 1)). Made before the swaps, many at once (see below).
REACHMAP_VECTOR_CLONES void shuffle_positions(std::uint64_t draw, std::size_t n,
                                              std::uint32_t* out) {
  for (std::size_t i = 1; i < n; ++i)
    out[i] = static_cast<std::uint32_t>(
        static_cast<std::size_t>(uniform01(hash_last(draw, i)) * static_cast<double>(i + 1)));
}

// The positions local_moran's permutations of an area draw, d-th major: permutation p's d-th
// at out[d * permutations + p], d + floor(uniform * range[d]) (d < range.size()). The draws do
// not depend on the pool, so they are made first and many at once: with AVX-512 where the
// machine has it (the same integers and the same IEEE products, so the same positions).
REACHMAP_VECTOR_CLONES void draw_positions(std::uint64_t area_key, std::size_t permutations,
                                           const std::vector<double>& range, std::uint64_t* keys,
                                           std::uint32_t* out) {
  for (std::size_t p = 0; p < permutations; ++p) keys[p] = hash_last(area_key, p);
  for (std::size_t d = 0; d < range.size(); ++d) {
    const double r = range[d];
    std::uint32_t* o = out + d * permutations;
    for (std::size_t p = 0; p < permutations; ++p)
      o[p] = static_cast<std::uint32_t>(d + static_cast<std::uint64_t>(static_cast<std::int64_t>(
                                                uniform01(hash_last(keys[p], d)) * r)));
  }
}

// Folded pseudo p-value: the share of permutations at least as extreme, in the observed
// direction (as PySAL's p_sim).
double folded_p(std::size_t larger, int permutations) {
  const std::size_t n = static_cast<std::size_t>(permutations);
  if (n - larger < larger) larger = n - larger;
  return (static_cast<double>(larger) + 1) / (static_cast<double>(n) + 1);
}
}  // namespace

const char* lisa_label(LisaCluster c) {
  switch (c) {
    case LisaCluster::kHighHigh:
      return "high-high";
    case LisaCluster::kLowLow:
      return "low-low";
    case LisaCluster::kLowHigh:
      return "low-high";
    case LisaCluster::kHighLow:
      return "high-low";
    default:
      return "not significant";
  }
}

GlobalMoran global_moran(const std::vector<double>& x, const WeightsMatrix& w, int permutations,
                         std::uint64_t seed, int threads) {
  GlobalMoran g;
  const std::size_t n = x.size();
  const double nd = static_cast<double>(n);
  std::vector<double> z = centred(x);
  const double s0 = w.sum();
  g.I = moran_i(z, w, s0);
  g.expected = -1.0 / (nd - 1);
  // Variance under randomisation (Cliff and Ord 1981), as spdep::moran.test.
  const WeightsMatrix wt = w.transpose();
  const WeightsMatrix sym = w + wt;
  const double s1 = 0.5 * sym.cwiseProduct(sym).sum();
  double s2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = w.row(static_cast<long>(i)).sum() + wt.row(static_cast<long>(i)).sum();
    s2 += r * r;
  }
  double m2 = 0, m4 = 0;
  for (double v : z) m2 += v * v, m4 += v * v * v * v;
  m2 /= nd;
  m4 /= nd;
  const double k = m4 / (m2 * m2);
  const double a = nd * ((nd * nd - 3 * nd + 3) * s1 - nd * s2 + 3 * s0 * s0);
  const double b = k * ((nd * nd - nd) * s1 - 2 * nd * s2 + 6 * s0 * s0);
  g.variance = (a - b) / ((nd - 1) * (nd - 2) * (nd - 3) * s0 * s0) - g.expected * g.expected;
  g.z = (g.I - g.expected) / std::sqrt(g.variance);
  g.permutations = permutations;
  if (permutations > 0) {
    // Each permutation is keyed by its number alone: in slices on the threads, the same.
    // kLanes permutations at a time share one pass over the weights, each lane's values of an
    // area side by side (a cache line): the pass, not the shuffles, was most of the time. Each
    // lane's arithmetic is moran_i's, in its order, so the statistics are the same bytes.
    const std::size_t blocks = (std::size_t(permutations) + kLanes - 1) / kLanes;
    std::vector<char> above(static_cast<std::size_t>(permutations), 0);
    run_slices(blocks, threads, [&](std::size_t first, std::size_t last) {
      std::vector<double> zp(n), lanes(n * kLanes);
      std::vector<std::uint32_t> swaps(n);
      for (std::size_t b = first; b < last; ++b) {
        const std::size_t p0 = b * kLanes, count = std::min(kLanes, std::size_t(permutations) - p0);
        for (std::size_t l = 0; l < count; ++l) {
          zp = z;
          shuffle_positions(hash_prefix(seed, kGlobalStream, static_cast<std::uint64_t>(p0 + l)), n,
                            swaps.data());
          for (std::size_t i = n - 1; i > 0; --i) std::swap(zp[i], zp[swaps[i]]);  // Fisher-Yates
          for (std::size_t i = 0; i < n; ++i) lanes[i * kLanes + l] = zp[i];
        }
        const auto I = moran_lanes(lanes, w, s0);
        for (std::size_t l = 0; l < count; ++l) above[p0 + l] = I[l] >= g.I;
      }
    });
    const std::size_t larger = static_cast<std::size_t>(std::count(above.begin(), above.end(), 1));
    g.p_sim = folded_p(larger, permutations);
  }
  return g;
}

double fdr_threshold(std::vector<double> p, double alpha) {
  std::sort(p.begin(), p.end());
  double t = 0;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (p[k] <= static_cast<double>(k + 1) * alpha / static_cast<double>(p.size())) t = p[k];
  return t;
}

LocalMoran local_moran(const std::vector<double>& x, const Neighbours& nb, const WeightsMatrix& w,
                       int permutations, std::uint64_t seed, double alpha, bool fdr, int threads) {
  const std::size_t n = x.size();
  const std::vector<double> z = centred(x);
  double m2 = 0;
  for (double v : z) m2 += v * v;
  m2 /= static_cast<double>(n);
  LocalMoran out;
  out.I.assign(n, 0);
  out.p_sim.assign(n, 1);
  std::vector<double> lag(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (WeightsMatrix::InnerIterator it(w, static_cast<long>(i)); it; ++it)
      lag[i] += it.value() * z[static_cast<std::size_t>(it.col())];
    out.I[i] = z[i] / m2 * lag[i];
  }
  // Area i draws from the other n-1 areas, `pool` (base: t, or t+1 from i on), by a partial
  // Fisher-Yates that carries on from one permutation to the next. The pool is set up once per
  // slice and put back after each area from the positions its swaps touched: setting up all n
  // again for every area made the national run's LISA quadratic (1.2 billion writes).
  //
  // The same draws and the same arithmetic, in the same order, as a plain reading of that:
  // the key's steps for the seed and the area made once an area (hash_prefix(seed, i)), each
  // draw's range as a double once an area, the touched positions in 32 bits, the pool holding
  // the values drawn rather than their areas (one load a draw, not two that wait on each
  // other: a third faster), and the draw's position converted through a signed integer (it is
  // below n: no branch for values past 2^63).
  auto work = [&](std::size_t begin, std::size_t end) {
    std::vector<double> pool(n);
    std::vector<std::uint32_t> touched;
    std::vector<std::uint64_t> keys(std::size_t(std::max(permutations, 0)));
    const auto base = [](std::size_t area, std::size_t t) { return t < area ? t : t + 1; };
    for (std::size_t t = 0; t + 1 < n; ++t) pool[t] = z[base(begin, t)];
    std::size_t based_on = begin;  // pool holds z[base(based_on, .)]
    std::vector<double> wi, range;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t k = nb[i].size();
      if (k == 0 || permutations <= 0 || n < 2) continue;
      // Each neighbour's weight, in neighbour order (row-standardised: all 1/k).
      wi.clear();
      for (WeightsMatrix::InnerIterator it(w, static_cast<long>(i)); it; ++it)
        wi.push_back(it.value());
      range.clear();
      for (std::size_t d = 0; d < k; ++d) range.push_back(static_cast<double>(n - 1 - d));
      for (; based_on < i; ++based_on) pool[based_on] = z[based_on];  // base(i, .)
      touched.resize(std::size_t(permutations) * k);
      std::uint32_t* next_touched = touched.data();
      const std::uint64_t area_key = hash_prefix(seed, i);
      const double own = z[i] / m2;
      std::size_t larger = 0;
      // Every permutation's draws first, then the swaps: the draws do not depend on the pool,
      // and apart from its loads they run many at once.
      draw_positions(area_key, std::size_t(permutations), range, keys.data(), next_touched);
      for (std::size_t p = 0; p < std::size_t(permutations); ++p) {
        double plag = 0;
        for (std::size_t d = 0; d < k; ++d) {
          const std::uint32_t r = next_touched[d * std::size_t(permutations) + p];
          std::swap(pool[d], pool[r]);
          plag += wi[d] * pool[d];
        }
        larger += own * plag >= out.I[i];
      }
      next_touched += std::size_t(permutations) * k;
      out.p_sim[i] = folded_p(larger, permutations);
      for (const std::uint32_t* t = touched.data(); t != next_touched; ++t)
        pool[*t] = z[base(i, *t)];
      for (std::size_t d = 0; d < k; ++d) pool[d] = z[base(i, d)];
    }
  };
  run_slices(n, threads, work);  // each slice writes only its own areas' p-values

  out.alpha = fdr ? fdr_threshold(out.p_sim, alpha) : alpha;
  out.cluster.assign(n, LisaCluster::kNotSignificant);
  for (std::size_t i = 0; i < n; ++i) {
    if (nb[i].empty() || out.p_sim[i] > out.alpha || (fdr && out.alpha == 0)) continue;
    out.cluster[i] = z[i] > 0 ? (lag[i] > 0 ? LisaCluster::kHighHigh : LisaCluster::kHighLow)
                              : (lag[i] > 0 ? LisaCluster::kLowHigh : LisaCluster::kLowLow);
  }
  return out;
}

}  // namespace reachmap
