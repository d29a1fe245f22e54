#include "engine/stats/weights.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/support/lattice.hpp"

using namespace reachmap;

using testsupport::lattice;

TEST(Weights, QueenAndRookOnALattice) {
  const Neighbours queen = contiguity(lattice(3), true, 1e-9);
  const Neighbours rook = contiguity(lattice(3), false, 1e-9);
  EXPECT_EQ(queen[4], (std::vector<std::size_t>{0, 1, 2, 3, 5, 6, 7, 8}));  // the centre
  EXPECT_EQ(rook[4], (std::vector<std::size_t>{1, 3, 5, 7}));
  EXPECT_EQ(queen[0], (std::vector<std::size_t>{1, 3, 4}));
  EXPECT_EQ(rook[0], (std::vector<std::size_t>{1, 3}));
}

TEST(Weights, SnappingClosesSmallGaps) {
  auto polys = lattice(2);
  for (auto& p : polys[1][0]) p.x += 0.3;  // square 1 drifts 0.3 to the right: a gap
  EXPECT_EQ(contiguity(polys, true, 0.01)[0], (std::vector<std::size_t>{2, 3}));  // 1 is apart
  const Neighbours snapped = contiguity(polys, false, 0.5);
  EXPECT_EQ(snapped[0], (std::vector<std::size_t>{1, 2}));
}

// Polygons in slices on several threads: the same neighbours as one; a vertex repeated in a
// polygon counts once towards rook (two shared points), a cell shared by many vertices keeps
// them all.
TEST(Weights, ContiguityIsTheSameAtAnyThreadCount) {
  auto polys = lattice(12);
  for (std::size_t p = 0; p < polys.size(); p += 5)
    polys[p][0].insert(polys[p][0].begin() + 1, polys[p][0][1]);
  for (const bool queen : {true, false}) {
    const Neighbours one = contiguity(polys, queen, 0.25, 1);
    EXPECT_EQ(contiguity(polys, queen, 0.25, 3), one);
    EXPECT_EQ(contiguity(polys, queen, 0.25, 8), one);
    EXPECT_EQ(one[13].size(), queen ? 8u : 4u);
  }
  // Snap wider than a side: corners a diagonal away touch.
  EXPECT_EQ(contiguity(lattice(4), true, 1.5, 2), contiguity(lattice(4), true, 1.5, 1));
  EXPECT_EQ(contiguity(lattice(4), true, 1.5, 1)[0].size(), 8u);  // rows and columns 0-2
}

// Every vertex within the snap of another polygon's is found wherever it lies in the grid of
// cells the search uses (edges and corners of cells included): the same neighbours as comparing
// every vertex with every other, on a lattice whose vertices are moved by up to twice the snap.
TEST(Weights, ContiguityFindsWhatComparingEveryVertexFinds) {
  constexpr double kSnap = 0.05;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    auto polys = lattice(7);
    std::uint64_t h = seed;
    const auto jitter = [&] {
      h = h * 6364136223846793005ULL + 1442695040888963407ULL;
      return (double(h >> 11) * 0x1.0p-53 - 0.5) * 4 * kSnap;
    };
    for (auto& poly : polys)
      for (auto& ring : poly) {
        for (std::size_t i = 0; i + 1 < ring.size(); ++i)
          ring[i].x += jitter(), ring[i].y += jitter();
        ring.back() = ring.front();
      }
    for (const bool queen : {true, false}) {
      Neighbours expected(polys.size());
      for (std::size_t p = 0; p < polys.size(); ++p) {
        std::vector<std::size_t> shared;  // one per (own distinct vertex, polygon it touches)
        std::vector<XY> own;
        for (const auto& ring : polys[p]) own.insert(own.end(), ring.begin(), ring.end() - 1);
        std::sort(own.begin(), own.end(),
                  [](XY a, XY b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
        own.erase(std::unique(own.begin(), own.end(),
                              [](XY a, XY b) { return a.x == b.x && a.y == b.y; }),
                  own.end());
        for (const XY& v : own)
          for (std::size_t q = 0; q < polys.size(); ++q) {
            if (q == p) continue;
            bool near = false;
            for (const auto& ring : polys[q])
              for (const XY& u : ring) near |= std::hypot(u.x - v.x, u.y - v.y) <= kSnap;
            if (near) shared.push_back(q);
          }
        std::sort(shared.begin(), shared.end());
        for (std::size_t i = 0, j; i < shared.size(); i = j) {
          for (j = i; j < shared.size() && shared[j] == shared[i];) ++j;
          if (j - i >= (queen ? 1u : 2u)) expected[p].push_back(shared[i]);
        }
      }
      for (std::size_t p = 0; p < expected.size(); ++p)  // symmetric, as contiguity makes it
        for (std::size_t q : expected[p])
          if (!std::binary_search(expected[q].begin(), expected[q].end(), p))
            expected[q].insert(std::lower_bound(expected[q].begin(), expected[q].end(), p), p);
      EXPECT_EQ(contiguity(polys, queen, kSnap, 2), expected) << "seed " << seed;
    }
  }
}

// Rook neighbours decided from one side: two vertices of `p` within the snap of one vertex of
// `q`, across a border of the search's cells (four snaps wide: 0.2 here), in x and then in y.
TEST(Weights, AVertexAcrossACellBorderIsFound) {
  for (const bool in_x : {true, false}) {
    const auto at = [&](double along, double across) {
      return in_x ? XY{along, across} : XY{across, along};
    };
    const Ring p = {at(0.201, 0), at(1, -1), at(1, 1), at(0.205, 0.001), at(0.201, 0)};
    const Ring q = {at(0.199, 0), at(-1, 1), at(-1, -1), at(0.199, 0)};
    const Neighbours rook = contiguity({{p}, {q}}, false, 0.05);
    EXPECT_EQ(rook[0], (std::vector<std::size_t>{1})) << (in_x ? "x" : "y");
    EXPECT_EQ(rook[1], (std::vector<std::size_t>{0})) << (in_x ? "x" : "y");
  }
}

TEST(Weights, NearestNeighboursAndDistanceBand) {
  const std::vector<XY> pts = {{0, 0}, {1, 0}, {3, 0}, {10, 0}};
  const Neighbours knn = k_nearest(pts, 2);
  EXPECT_EQ(knn[0], (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(knn[3], (std::vector<std::size_t>{1, 2}));  // asymmetric, as knn2nb
  const Neighbours band = distance_band(pts, 2.0);
  EXPECT_EQ(band[0], (std::vector<std::size_t>{1}));
  EXPECT_EQ(band[1], (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(islands(band), (std::vector<std::size_t>{3}));
}

TEST(Weights, SubsetRenumbersAndRowsSumToOne) {
  const Neighbours rook = contiguity(lattice(3), false, 1e-9);
  std::vector<bool> keep(9, true);
  keep[4] = false;  // drop the centre
  const Neighbours sub = subset(rook, keep);
  ASSERT_EQ(sub.size(), 8u);
  EXPECT_EQ(sub[0], (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(sub[1], (std::vector<std::size_t>{0, 2}));  // lost its link to the centre
  const WeightsMatrix w = row_standardised(sub);
  for (int i = 0; i < w.rows(); ++i) EXPECT_NEAR(w.row(i).sum(), 1.0, 1e-15);
}
