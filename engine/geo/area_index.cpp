#include "engine/geo/area_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/geo/detail/exact_tester.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

namespace {

constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();
constexpr int kMaxDepth = 24;
// A leaf stops splitting when it is smaller than this fraction of the size of the smallest
// area whose boundary crosses it: about a fifth of such an area's points then need an exact
// test, and the tree stays near 100 leaves per area.
constexpr double kLeafFraction = 1.0 / 8;

struct Segment {
  double x0, y0, x1, y1;
  std::int32_t area;
};

}  // namespace

class AreaIndex::Builder {
 public:
  Builder(AreaIndex& index, const BoundaryLayer& layer) : index_(index), tester_(layer) {
    Envelope all;
    scale_.assign(layer.areas.size(), 0);
    for (std::size_t a = 0; a < layer.areas.size(); ++a) {
      const std::vector<Ring> rings = wkb_rings(layer.areas[a].wkb);
      const Envelope e = envelope_of(rings);
      all.add(e);
      if (!e.empty()) {
        const double w = e.maxx - e.minx, h = e.maxy - e.miny;
        scale_[a] = std::min(w, h) > 0 ? std::sqrt(w * h) : std::max(w, h);
      }
      for (const Ring& ring : rings)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i)
          segments_.push_back(
              {ring[i].x, ring[i].y, ring[i + 1].x, ring[i + 1].y, static_cast<std::int32_t>(a)});
    }
    if (all.empty()) all.add(0, 0);
    // A square root box with a margin, so leaves are square and no area touches its edge.
    const double side = std::max({all.maxx - all.minx, all.maxy - all.miny, 1e-9}) * 1.0001;
    const double cx = (all.minx + all.maxx) / 2, cy = (all.miny + all.maxy) / 2;
    index_.root_ = {cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2};
    // Boundaries within this distance of a box count as crossing it, which absorbs rounding.
    eps_ = side * 1e-12;
  }

  void build() {
    std::vector<std::uint32_t> all(segments_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
    index_.nodes_.push_back(0);
    build_node(0, index_.root_, 0, all, kNone);
    auto& s = index_.stats_;
    s.nodes = index_.nodes_.size();
    s.candidate_entries = index_.candidates_.size();
  }

 private:
  bool crosses(const Segment& s, const Box& b) const {
    const Box e{b.x0 - eps_, b.y0 - eps_, b.x1 + eps_, b.y1 + eps_};
    if (std::max(s.x0, s.x1) < e.x0 || std::min(s.x0, s.x1) > e.x1 || std::max(s.y0, s.y1) < e.y0 ||
        std::min(s.y0, s.y1) > e.y1)
      return false;
    // The segment's line separates the box only if all four corners lie strictly on one side.
    const double dx = s.x1 - s.x0, dy = s.y1 - s.y0;
    auto side = [&](double px, double py) { return dx * (py - s.y0) - dy * (px - s.x0); };
    const double c[4] = {side(e.x0, e.y0), side(e.x1, e.y0), side(e.x0, e.y1), side(e.x1, e.y1)};
    const bool all_above = c[0] > 0 && c[1] > 0 && c[2] > 0 && c[3] > 0;
    const bool all_below = c[0] < 0 && c[1] < 0 && c[2] < 0 && c[3] < 0;
    return !(all_above || all_below);
  }

  // `segs` are the boundary segments crossing `box` of areas below `cover`, the lowest area
  // known to hold the whole box (kNone when none does).
  void build_node(std::size_t node, const Box& box, int depth,
                  const std::vector<std::uint32_t>& segs, std::int32_t cover) {
    auto& stats = index_.stats_;
    stats.depth = std::max(stats.depth, depth);
    std::vector<std::int32_t> areas;
    double smallest = std::numeric_limits<double>::infinity();
    for (std::uint32_t i : segs) areas.push_back(segments_[i].area);
    std::sort(areas.begin(), areas.end());
    areas.erase(std::unique(areas.begin(), areas.end()), areas.end());
    for (std::int32_t a : areas) smallest = std::min(smallest, scale_[a]);

    const double size = box.x1 - box.x0;
    const bool stop = areas.empty() || depth >= kMaxDepth || size < smallest * kLeafFraction;
    if (stop) {
      index_.nodes_[node] = ~static_cast<std::int32_t>(index_.leaves_.size());
      index_.leaves_.push_back({cover == kNone ? -1 : cover,
                                static_cast<std::uint32_t>(index_.candidates_.size()),
                                static_cast<std::uint32_t>(areas.size())});
      index_.candidates_.insert(index_.candidates_.end(), areas.begin(), areas.end());
      ++stats.leaves;
      if (!areas.empty()) ++stats.edge_leaves;
      return;
    }

    const double mx = (box.x0 + box.x1) / 2, my = (box.y0 + box.y1) / 2;
    const Box child_box[4] = {{box.x0, box.y0, mx, my},
                              {mx, box.y0, box.x1, my},
                              {box.x0, my, mx, box.y1},
                              {mx, my, box.x1, box.y1}};
    const auto first = static_cast<std::int32_t>(index_.nodes_.size());
    index_.nodes_[node] = first;
    index_.nodes_.resize(index_.nodes_.size() + 4, 0);
    std::vector<std::uint32_t> child_segs;
    std::vector<std::int32_t> child_areas;
    for (int q = 0; q < 4; ++q) {
      const Box& cb = child_box[q];
      child_segs.clear();
      child_areas.clear();
      for (std::uint32_t i : segs)
        if (crosses(segments_[i], cb))
          child_segs.push_back(i), child_areas.push_back(segments_[i].area);
      std::sort(child_areas.begin(), child_areas.end());
      child_areas.erase(std::unique(child_areas.begin(), child_areas.end()), child_areas.end());
      // An area whose boundary no longer crosses the child either holds all of it or none:
      // its centre tells which. Areas are in ascending order, so the first that holds wins.
      std::int32_t child_cover = cover;
      const double cx = (cb.x0 + cb.x1) / 2, cy = (cb.y0 + cb.y1) / 2;
      for (std::int32_t a : areas) {
        if (a >= child_cover) break;
        if (std::binary_search(child_areas.begin(), child_areas.end(), a)) continue;
        if (tester_.covers(static_cast<std::size_t>(a), cx, cy)) child_cover = a;
      }
      // Boundaries of areas at or above the cover can no longer change the answer.
      if (child_cover != kNone)
        child_segs.erase(
            std::remove_if(child_segs.begin(), child_segs.end(),
                           [&](std::uint32_t i) { return segments_[i].area >= child_cover; }),
            child_segs.end());
      build_node(static_cast<std::size_t>(first + q), cb, depth + 1, child_segs, child_cover);
    }
  }

  AreaIndex& index_;
  detail::ExactTester tester_;
  std::vector<Segment> segments_;
  std::vector<double> scale_;  // typical size of each area (geometric mean of its envelope)
  double eps_ = 0;
};

AreaIndex::AreaIndex(const BoundaryLayer& layer) : layer_(&layer) {
  Builder builder(*this, layer);
  builder.build();
}

AreaIndex::Lookup AreaIndex::lookup(double x, double y) const {
  Box b = root_;
  if (!(x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) return {};
  Node n = nodes_[0];
  while (n >= 0) {
    const double mx = (b.x0 + b.x1) / 2, my = (b.y0 + b.y1) / 2;
    int q = 0;
    if (x >= mx)
      q |= 1, b.x0 = mx;
    else
      b.x1 = mx;
    if (y >= my)
      q |= 2, b.y0 = my;
    else
      b.y1 = my;
    n = nodes_[static_cast<std::size_t>(n + q)];
  }
  const Leaf& leaf = leaves_[static_cast<std::size_t>(~n)];
  return {leaf.owner, candidates_.data() + leaf.cand_begin, leaf.cand_count};
}

}  // namespace reachmap
