#include "engine/access/nearest_centre.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/geo/placement.hpp"

namespace reachmap {

std::vector<XY> people_centroids(const BoundaryLayer& layer, const PostcodeDirectory& directory,
                                 int threads) {
  std::vector<Point> points;
  for (const auto& [code, e] : directory.entries)
    if (e.has_location) points.push_back({e.x, e.y});
  // Sum in a fixed order so the result does not depend on the hash map's order.
  std::sort(points.begin(), points.end(),
            [](const Point& p, const Point& q) { return p.x != q.x ? p.x < q.x : p.y < q.y; });
  const std::vector<long> area = place_points(layer, points, threads);
  std::vector<XY> sum(layer.areas.size(), {0, 0});
  std::vector<double> count(layer.areas.size(), 0);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (area[i] < 0) continue;
    sum[static_cast<std::size_t>(area[i])].x += points[i].x;
    sum[static_cast<std::size_t>(area[i])].y += points[i].y;
    count[static_cast<std::size_t>(area[i])] += 1;
  }
  std::vector<XY> out(sum.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& ar = layer.areas[i];
    out[i] =
        count[i] > 0 ? XY{sum[i].x / count[i], sum[i].y / count[i]} : XY{ar.anchor_x, ar.anchor_y};
  }
  return out;
}

std::vector<double> nearest_centre_km(const std::vector<XY>& points,
                                      const std::vector<Centre>& centres) {
  std::vector<double> out;
  out.reserve(points.size());
  for (const XY& p : points) {
    // Squared distances to choose (hypot is slow and 34,753 areas x 4,000 centres is a lot).
    double best = std::numeric_limits<double>::infinity();
    const Centre* nearest = nullptr;
    for (const auto& c : centres) {
      const double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
      if (d < best) best = d, nearest = &c;
    }
    out.push_back(nearest ? std::hypot(nearest->x - p.x, nearest->y - p.y) / 1000 : best);
  }
  return out;
}

}  // namespace reachmap
