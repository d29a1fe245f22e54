// Vertices of many polygons made one where they lie within a hair of each other: the grid
// that with_shared_vertices and traced_union (geo/dissolve.hpp) find them on.
#pragma once

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reachmap::detail {

// Vertices met so far on a grid of cells sixteen hairs wide: one within a hair of a new vertex
// is in its cell or, when it lies within a hair of the cell's side, in the cell beyond.
class VertexSnapper {
 public:
  VertexSnapper(double hair, std::size_t vertices) : hair_(hair), width_(16 * hair) {
    cells_.reserve(vertices);
    next_.reserve(vertices);
    points_.reserve(vertices);
  }

  void snap(double& x, double& y) {
    const std::uint32_t v = id(x, y);
    x = points_[v].first, y = points_[v].second;
  }

  // The number of the vertex met first within a hair of (x, y), in the order met; a new one
  // when there is none.
  std::uint32_t id(double x, double y) {
    const std::int64_t cx = cell(x), cy = cell(y);
    // The cells to look in: its own, then those whose side it lies within a hair of.
    const int sx = x - double(cx) * width_ <= hair_ ? -1 : double(cx + 1) * width_ - x <= hair_;
    const int sy = y - double(cy) * width_ <= hair_ ? -1 : double(cy + 1) * width_ - y <= hair_;
    std::pair<int, int> look[4] = {{0, 0}};
    int n = 1;
    if (sx) look[n++] = {sx, 0};
    if (sy) look[n++] = {0, sy};
    if (sx && sy) look[n++] = {sx, sy};
    for (int i = 0; i < n; ++i) {
      const auto [dx, dy] = look[i];
      const auto it = cells_.find(key(cx + dx, cy + dy));
      if (it == cells_.end()) continue;
      for (std::uint32_t v = it->second; v != kEnd; v = next_[v])
        if (std::abs(points_[v].first - x) <= hair_ && std::abs(points_[v].second - y) <= hair_)
          return v;
    }
    auto [it, added] = cells_.try_emplace(key(cx, cy), kEnd);
    next_.push_back(it->second);
    it->second = std::uint32_t(points_.size());
    points_.emplace_back(x, y);
    return it->second;
  }
  const std::pair<double, double>& point(std::uint32_t v) const { return points_[v]; }
  std::size_t size() const { return points_.size(); }
  double hair() const { return hair_; }
  // Whether another vertex lies within sixteen hairs of vertex v (in x and in y): copies of a
  // boundary a little more than a hair apart.
  bool crowded(std::uint32_t v) const {
    const auto [x, y] = points_[v];
    const std::int64_t cx = cell(x), cy = cell(y);
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = cells_.find(key(cx + dx, cy + dy));
        if (it == cells_.end()) continue;
        for (std::uint32_t u = it->second; u != kEnd; u = next_[u])
          if (u != v && std::abs(points_[u].first - x) <= width_ &&
              std::abs(points_[u].second - y) <= width_)
            return true;
      }
    return false;
  }

 private:
  static constexpr std::uint32_t kEnd = ~std::uint32_t(0);
  std::int64_t cell(double v) const { return std::int64_t(std::floor(v / width_)); }
  static std::uint64_t key(std::int64_t cx, std::int64_t cy) {
    return (std::uint64_t(cx) << 32) ^ (std::uint64_t(cy) & 0xffffffffu);
  }
  double hair_, width_;
  std::unordered_map<std::uint64_t, std::uint32_t> cells_;  // cell -> its last vertex
  std::vector<std::uint32_t> next_;                         // by vertex: the cell's one before
  std::vector<std::pair<double, double>> points_;
};

}  // namespace reachmap::detail
