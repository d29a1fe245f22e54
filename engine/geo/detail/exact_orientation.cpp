#include "engine/geo/detail/exact_orientation.hpp"

#include <algorithm>
#include <cmath>

namespace reachmap::detail {

// The exact sign of orientation(a, b, c), however close to zero: the determinant expanded
// into products of exact differences, each product exact by FMA, summed into a non-overlapping
// expansion (Shewchuk's Two-Sum and Grow-Expansion); its largest component has the sum's sign.
int exact_orientation(double ax, double ay, double bx, double by, double cx, double cy) {
  auto two_diff = [](double a, double b, double& hi, double& lo) {
    hi = a - b;
    const double bv = a - hi, av = hi + bv;
    lo = (a - av) + (bv - b);
  };
  double d[4][2];  // ax - cx, by - cy, ay - cy, bx - cx, each as hi + lo exactly
  two_diff(ax, cx, d[0][0], d[0][1]);
  two_diff(by, cy, d[1][0], d[1][1]);
  two_diff(ay, cy, d[2][0], d[2][1]);
  two_diff(bx, cx, d[3][0], d[3][1]);
  double e[40];
  int m = 0;
  auto add = [&](double b) {  // e += b, exactly
    int k = 0;
    double q = b;
    for (int i = 0; i < m; ++i) {
      const double sum = q + e[i], bv = sum - q, av = sum - bv;
      const double err = (q - av) + (e[i] - bv);
      if (err != 0) e[k++] = err;
      q = sum;
    }
    if (q != 0) e[k++] = q;
    m = k;
  };
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      double p = d[0][i] * d[1][j];  // + (ax - cx)(by - cy)
      add(std::fma(d[0][i], d[1][j], -p));
      add(p);
      p = d[2][i] * d[3][j];  // - (ay - cy)(bx - cx)
      add(-std::fma(d[2][i], d[3][j], -p));
      add(-p);
    }
  return m == 0 ? 0 : e[m - 1] > 0 ? 1 : -1;
}

// What carry() leaves undecided, settled exactly: 0 outside, 1 inside, 2 on the boundary, -1
// when it cannot be (p on a boundary: GEOS decides). p (not on the boundary: its state is
// known) and q are joined by a path whose crossings are counted with every vertex that lies on
// the path's line taken as left of it, i.e. the line moved an infinitesimal to the right
// (Simulation of Simplicity): neither end changes side, and no crossing is then at a vertex.
int carry_exact(bool from_inside, double px, double py, double qx, double qy,
                const AreaIndex::Segment* segments, const std::uint32_t* refs, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {  // q on a segment: on the boundary
    const AreaIndex::Segment& s = segments[refs[i]];
    if (qx >= std::min(s.x0, s.x1) && qx <= std::max(s.x0, s.x1) && qy >= std::min(s.y0, s.y1) &&
        qy <= std::max(s.y0, s.y1) && exact_orientation(s.x0, s.y0, s.x1, s.y1, qx, qy) == 0)
      return 2;
  }
  bool flip = false;
  for (std::size_t i = 0; i < count; ++i) {
    const AreaIndex::Segment& s = segments[refs[i]];
    if (std::max(px, qx) < std::min(s.x0, s.x1) || std::min(px, qx) > std::max(s.x0, s.x1) ||
        std::max(py, qy) < std::min(s.y0, s.y1) || std::min(py, qy) > std::max(s.y0, s.y1))
      continue;
    const bool left0 = exact_orientation(px, py, qx, qy, s.x0, s.y0) >= 0;
    const bool left1 = exact_orientation(px, py, qx, qy, s.x1, s.y1) >= 0;
    if (left0 == left1) continue;
    const int o3 = exact_orientation(s.x0, s.y0, s.x1, s.y1, px, py);
    const int o4 = exact_orientation(s.x0, s.y0, s.x1, s.y1, qx, qy);
    if (o3 == 0 || o4 == 0) return -1;  // only when p is on the boundary after all
    flip ^= o3 != o4;
  }
  return from_inside != flip ? 1 : 0;
}

}  // namespace reachmap::detail
