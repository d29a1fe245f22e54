#include "engine/stats/weights.hpp"

#include <gtest/gtest.h>

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
