#include "engine/geo/shared_points.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/core/parallel.hpp"
#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

namespace {
std::uint64_t cell_key(long long cx, long long cy) {
  return (static_cast<std::uint64_t>(cx) * 0x9E3779B97F4A7C15ULL) ^ static_cast<std::uint64_t>(cy);
}

// Every polygon's distinct vertices in a grid of cells `cell` wide, flat: an open-addressing
// table of cells, each the head of a chain of vertices through `next`. A map of vectors made
// millions of small allocations on the national LSOAs.
class VertexGrid {
 public:
  struct Vertex {
    double x, y;
    std::uint32_t poly;
  };

  // Takes the polygons' distinct vertices over (and frees them: they are kept here in order).
  VertexGrid(std::vector<std::vector<XY>>&& distinct, double cell) : cell_(cell) {
    std::size_t n = 0;
    for (const auto& d : distinct) n += d.size();
    if (n >= kEnd || distinct.size() >= kEnd)  // 32-bit links: half the memory
      throw std::length_error("contiguity: more than 4 billion vertices or polygons");
    vertices_.reserve(n);
    next_.reserve(n);
    first_.reserve(distinct.size() + 1);
    std::size_t size = 16;
    while (size < n + n / 2) size *= 2;  // at most two thirds full: a cell per vertex at worst
    slots_.assign(size, Slot{0, 0, kEnd});
    mask_ = size - 1;
    for (std::size_t p = 0; p < distinct.size(); ++p) {
      first_.push_back(vertices_.size());
      for (const XY& v : distinct[p]) {
        const auto [cx, cy] = cell_of(v);
        Slot& s = slot(cx, cy);
        if (s.head == kEnd) s.cx = cx, s.cy = cy;
        next_.push_back(s.head);
        s.head = std::uint32_t(vertices_.size());
        vertices_.push_back({v.x, v.y, std::uint32_t(p)});
      }
      std::vector<XY>().swap(distinct[p]);
    }
    first_.push_back(vertices_.size());
  }

  // Polygon p's distinct vertices.
  std::pair<const Vertex*, const Vertex*> of(std::size_t p) const {
    return {vertices_.data() + first_[p], vertices_.data() + first_[p + 1]};
  }

  std::pair<long long, long long> cell_of(const XY& v) const {
    return {std::llround(std::floor(v.x / cell_)), std::llround(std::floor(v.y / cell_))};
  }

  // Calls f on every vertex in cell (cx, cy).
  template <class F>
  void each_in(long long cx, long long cy, F&& f) const {
    for (std::size_t i = slot_of(cx, cy); slots_[i].head != kEnd; i = (i + 1) & mask_)
      if (slots_[i].cx == cx && slots_[i].cy == cy) {
        for (std::uint32_t e = slots_[i].head; e != kEnd; e = next_[e]) f(vertices_[e]);
        return;
      }
  }

 private:
  static constexpr std::uint32_t kEnd = ~std::uint32_t(0);
  struct Slot {
    long long cx, cy;
    std::uint32_t head;
  };
  std::size_t slot_of(long long cx, long long cy) const {
    return std::size_t(cell_key(cx, cy) * 0xD6E8FEB86659FD93ULL >> 20) & mask_;
  }
  Slot& slot(long long cx, long long cy) {
    std::size_t i = slot_of(cx, cy);
    while (slots_[i].head != kEnd && !(slots_[i].cx == cx && slots_[i].cy == cy))
      i = (i + 1) & mask_;
    return slots_[i];
  }

  double cell_;
  std::vector<Vertex> vertices_;  // by polygon, from first_[p]
  std::vector<std::size_t> first_;
  std::vector<std::uint32_t> next_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// body(i) for each i in [0, n), in slices on the threads.
template <class F>
void for_each_in_slices(std::size_t n, int threads, F&& body) {
  run_slices(n, threads, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) body(i);
  });
}
}  // namespace

SharedPoints shared_points(const std::vector<std::vector<Ring>>& polygons, double snap,
                           int threads) {
  // Cells four times the snap wide: a vertex looks in the cells its snap distance reaches,
  // mostly its own (nine cells a vertex at cells one snap wide: 25 million look-ups in a
  // table far larger than the caches, nationally).
  const double cell = 4 * std::max(snap, 1e-9);
  // Each polygon's vertices once (its repeated ones, the rings' closing ones, count once).
  std::vector<std::vector<XY>> distinct(polygons.size());
  for_each_in_slices(polygons.size(), threads, [&](std::size_t p) {
    for (const auto& ring : polygons[p])
      for (std::size_t i = 0; i + 1 < ring.size() || (i == 0 && ring.size() == 1); ++i)
        distinct[p].push_back(ring[i]);
    std::sort(distinct[p].begin(), distinct[p].end(),
              [](const XY& a, const XY& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
    distinct[p].erase(
        std::unique(distinct[p].begin(), distinct[p].end(),
                    [](const XY& a, const XY& b) { return a.x == b.x && a.y == b.y; }),
        distinct[p].end());
  });
  // Points within `snap` are in the same cell or one of its neighbours.
  const VertexGrid grid(std::move(distinct), cell);
  std::vector<std::vector<std::pair<std::uint32_t, std::uint8_t>>> found(polygons.size());
  for_each_in_slices(polygons.size(), threads, [&](std::size_t p) {
    std::vector<std::uint32_t> shared, touching;  // one entry per (point of p, polygon it touches)
    for (auto [v, end] = grid.of(p); v != end; ++v) {
      // Every point within `snap` lies in these cells (a cell is found by a division and a
      // floor, both monotonic).
      const auto [x0, y0] = grid.cell_of({v->x - snap, v->y - snap});
      const auto [x1, y1] = grid.cell_of({v->x + snap, v->y + snap});
      touching.clear();
      for (long long cx = x0; cx <= x1; ++cx)
        for (long long cy = y0; cy <= y1; ++cy)
          grid.each_in(cx, cy, [&](const VertexGrid::Vertex& u) {
            if (u.poly != p && std::hypot(u.x - v->x, u.y - v->y) <= snap)
              touching.push_back(u.poly);
          });
      std::sort(touching.begin(), touching.end());
      touching.erase(std::unique(touching.begin(), touching.end()), touching.end());
      shared.insert(shared.end(), touching.begin(), touching.end());
    }
    std::sort(shared.begin(), shared.end());
    for (std::size_t i = 0, j; i < shared.size(); i = j) {
      for (j = i; j < shared.size() && shared[j] == shared[i];) ++j;
      found[p].emplace_back(shared[i], std::uint8_t(std::min<std::size_t>(j - i, 255)));
    }
  });
  SharedPoints out;
  out.snap = snap;
  out.first.reserve(polygons.size() + 1);
  for (const auto& f : found) {
    for (const auto& [q, n] : f) out.other.push_back(q), out.count.push_back(n);
    out.first.push_back(std::uint32_t(out.other.size()));
  }
  return out;
}

SharedPoints layer_shared_points(const BoundaryLayer& layer, double snap, int threads) {
  std::vector<std::uint32_t> rows;
  std::vector<std::vector<Ring>> polygons;
  for (std::size_t r = 0; r < layer.areas.size(); ++r)
    if (!layer.areas[r].wkb.empty()) {
      rows.push_back(std::uint32_t(r));
      polygons.push_back(wkb_rings(layer.areas[r].wkb));
    }
  const SharedPoints by_polygon = shared_points(polygons, snap, threads);
  std::vector<std::vector<Ring>>().swap(polygons);
  SharedPoints out;
  out.snap = snap;
  out.first.reserve(layer.areas.size() + 1);
  out.other.reserve(by_polygon.other.size());
  out.count = by_polygon.count;
  for (std::size_t r = 0, i = 0; r < layer.areas.size(); ++r) {
    if (i < rows.size() && rows[i] == r) {
      for (std::uint32_t k = by_polygon.first[i]; k < by_polygon.first[i + 1]; ++k)
        out.other.push_back(rows[by_polygon.other[k]]);  // rows ascend: still sorted
      ++i;
    }
    out.first.push_back(std::uint32_t(out.other.size()));
  }
  return out;
}

}  // namespace reachmap
