// The exact predicates behind the index's hard cases: orientation signs against integer
// arithmetic on near-collinear triples (where plain doubles get some wrong), and crossings
// counted along paths that run exactly through vertices and along edges.
#include "engine/geo/detail/exact_orientation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace reachmap;
using detail::carry_exact;
using detail::exact_orientation;

namespace {

// Exact in 128 bits for coordinates on a grid of 2^-53 below 32: scaled to integers.
int integer_orientation(double ax, double ay, double bx, double by, double cx, double cy) {
  auto i = [](double v) { return static_cast<__int128>(std::ldexp(v, 53)); };
  const __int128 det = (i(ax) - i(cx)) * (i(by) - i(cy)) - (i(ay) - i(cy)) * (i(bx) - i(cx));
  return det > 0 ? 1 : det < 0 ? -1 : 0;
}

int naive_orientation(double ax, double ay, double bx, double by, double cx, double cy) {
  const double det = (ax - cx) * (by - cy) - (ay - cy) * (bx - cx);
  return det > 0 ? 1 : det < 0 ? -1 : 0;
}

}  // namespace

// Shewchuk's own hard case: a = (0.5 + i u, 0.5 + j u) for u = 2^-53 against the line through
// (12, 12) and (24, 24). The differences round in doubles, so plain arithmetic gets many signs
// wrong; the exact sign must match integer arithmetic on every one, in every argument order.
TEST(ExactOrientation, AgreesWithIntegerArithmeticWherePlainDoublesDoNot) {
  std::size_t naive_wrong = 0, collinear = 0;
  const double u = std::ldexp(1.0, -53);
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 256; ++j) {
      const double ax = 0.5 + i * u, ay = 0.5 + j * u;
      const int truth = integer_orientation(ax, ay, 12, 12, 24, 24);
      ASSERT_EQ(exact_orientation(ax, ay, 12, 12, 24, 24), truth) << i << " " << j;
      ASSERT_EQ(exact_orientation(12, 12, 24, 24, ax, ay), truth) << i << " " << j;
      ASSERT_EQ(exact_orientation(24, 24, 12, 12, ax, ay), -truth) << i << " " << j;
      naive_wrong += naive_orientation(ax, ay, 12, 12, 24, 24) != truth;
      collinear += truth == 0;
    }
  EXPECT_GT(naive_wrong, 1000u);  // the cases are hard: plain doubles miss many
  EXPECT_EQ(collinear, 256u);     // the diagonal i == j
}

TEST(ExactOrientation, PathsThroughVerticesAndAlongEdgesCountCrossingsRight) {
  // The square (0,0)-(2,0)-(2,2)-(0,2) and a hole-free layer's way of listing its segments.
  const std::vector<AreaIndex::Segment> square = {
      {0, 0, 2, 0}, {2, 0, 2, 2}, {2, 2, 0, 2}, {0, 2, 0, 0}};
  const std::vector<std::uint32_t> refs = {0, 1, 2, 3};
  auto where = [&](bool from_inside, double px, double py, double qx, double qy) {
    return carry_exact(from_inside, px, py, qx, qy, square.data(), refs.data(), refs.size());
  };
  // The diagonal through two corners: outside to outside, and outside to the middle.
  EXPECT_EQ(where(false, -1, -1, 3, 3), 0);
  EXPECT_EQ(where(false, -1, -1, 1, 1), 1);
  EXPECT_EQ(where(true, 1, 1, 3, 3), 0);
  // Along an edge's line, beyond the square at both ends: never enters.
  EXPECT_EQ(where(false, -1, 0, 3, 0), 0);
  // Touching a corner from outside and leaving: (2, 0) on the way from (-1, -3) to (3, 1).
  EXPECT_EQ(where(false, -1, -3, 3, 1), 0);
  // Into it through a corner, (0, 0) on the way from (-2, -1) to (1, 0.5).
  EXPECT_EQ(where(false, -2, -1, 1, 0.5), 1);
  // Through the middle of an edge.
  EXPECT_EQ(where(false, -1, 1, 1, 1), 1);
  EXPECT_EQ(where(false, 1, -1, 1, 1), 1);
  // On the boundary: an edge's middle, a corner.
  EXPECT_EQ(where(false, -1, -1, 1, 0), 2);
  EXPECT_EQ(where(true, 1, 1, 2, 2), 2);
  EXPECT_EQ(where(false, -1, 2, 1, 0), 2);  // through (0, 1) on the way, ends on an edge
}
