#include "engine/access/nearest_centre.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

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

namespace {

// The centres in square cells, each cell's in centre order: a point's nearest centre is found
// in the rings of cells around its own, out to where no unseen cell can hold one as near.
class CentreGrid {
 public:
  explicit CentreGrid(const std::vector<Centre>& centres) : centres_(centres) {
    Envelope e;
    for (const auto& c : centres) e.add(c.x, c.y);
    const double side = std::ceil(std::sqrt(double(centres.size())));
    size_ = std::max({(e.maxx - e.minx) / side, (e.maxy - e.miny) / side, 1.0});
    x0_ = e.minx, y0_ = e.miny;
    nx_ = long(std::floor((e.maxx - e.minx) / size_)) + 1;
    ny_ = long(std::floor((e.maxy - e.miny) / size_)) + 1;
    cells_.resize(std::size_t(nx_ * ny_));
    for (std::size_t i = 0; i < centres.size(); ++i)
      cells_[std::size_t(cell(centres[i].y, y0_, ny_) * nx_ + cell(centres[i].x, x0_, nx_))]
          .push_back(i);
  }

  // The first centre (in centre order) at the smallest squared distance from p.
  std::size_t nearest(const XY& p) const {
    const long cx = cell(p.x, x0_, nx_), cy = cell(p.y, y0_, ny_);
    double best = std::numeric_limits<double>::infinity();
    std::size_t found = 0;
    const auto look = [&](long x, long y) {
      if (x < 0 || y < 0 || x >= nx_ || y >= ny_) return;
      for (std::size_t i : cells_[std::size_t(y * nx_ + x)]) {
        const Centre& c = centres_[i];
        const double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
        if (d < best || (d == best && i < found)) best = d, found = i;
      }
    };
    for (long r = 0; r <= std::max(nx_, ny_); ++r) {
      // Every centre in a ring beyond r - 1 is at least (r - 1) cells from p.
      const double reach = double(r - 1) * size_;
      if (r > 0 && reach * reach > best) break;
      if (r == 0) {
        look(cx, cy);
        continue;
      }
      for (long x = cx - r; x <= cx + r; ++x) look(x, cy - r), look(x, cy + r);
      for (long y = cy - r + 1; y <= cy + r - 1; ++y) look(cx - r, y), look(cx + r, y);
    }
    return found;
  }

 private:
  long cell(double v, double origin, long n) const {
    return std::clamp(long(std::floor((v - origin) / size_)), 0L, n - 1);
  }
  const std::vector<Centre>& centres_;
  double size_ = 1, x0_ = 0, y0_ = 0;
  long nx_ = 1, ny_ = 1;
  std::vector<std::vector<std::size_t>> cells_;
};

}  // namespace

std::vector<double> nearest_centre_km(const std::vector<XY>& points,
                                      const std::vector<Centre>& centres) {
  std::vector<double> out;
  out.reserve(points.size());
  if (centres.empty()) {
    out.assign(points.size(), std::numeric_limits<double>::infinity());
    return out;
  }
  const bool finite = std::all_of(centres.begin(), centres.end(), [](const Centre& c) {
    return std::isfinite(c.x) && std::isfinite(c.y);
  });
  const std::optional<CentreGrid> grid =
      finite ? std::optional<CentreGrid>(std::in_place, centres) : std::nullopt;
  for (const XY& p : points) {
    // Squared distances to choose (hypot is slow and 34,753 areas x 4,000 centres is a lot);
    // the first centre of the smallest, whether found in the grid or by trying them all.
    const Centre* nearest = nullptr;
    if (grid && std::isfinite(p.x) && std::isfinite(p.y)) {
      nearest = &centres[grid->nearest(p)];
    } else {
      double best = std::numeric_limits<double>::infinity();
      for (const auto& c : centres) {
        const double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y);
        if (d < best) best = d, nearest = &c;
      }
    }
    out.push_back(nearest ? std::hypot(nearest->x - p.x, nearest->y - p.y) / 1000
                          : std::numeric_limits<double>::infinity());
  }
  return out;
}

}  // namespace reachmap
