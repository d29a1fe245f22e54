#include "engine/geo/area_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "engine/core/parallel.hpp"
#include "engine/geo/detail/exact_orientation.hpp"
#include "engine/geo/detail/exact_tester.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

namespace {

constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::max();
constexpr int kMaxDepth = 24;
// A leaf stops splitting when it is smaller than this fraction of the size of the smallest
// area whose boundary crosses it, which keeps the tree near 70 leaves per area.
constexpr double kLeafFraction = 1.0 / 8;

using Segment = AreaIndex::Segment;
using State = AreaIndex::State;

// Sign of the turn a -> b -> c: +1 left, -1 right, 0 when rounding could change the sign
// (Shewchuk's orient2d filter: beyond this bound the floating-point sign is exact).
int orientation(double ax, double ay, double bx, double by, double cx, double cy) {
  const double left = (ax - cx) * (by - cy), right = (ay - cy) * (bx - cx);
  const double det = left - right;
  const double bound = 3.3306690738754716e-16 * (std::fabs(left) + std::fabs(right));
  return det > bound ? 1 : det < -bound ? -1 : 0;
}

// Whether the path p -> q crosses segment s at one interior point of both: 1 yes, 0 no,
// -1 when too close to call (touching, collinear, through a vertex, or an end on s).
int crossing(double px, double py, double qx, double qy, const Segment& s) {
  if (std::max(px, qx) < std::min(s.x0, s.x1) || std::min(px, qx) > std::max(s.x0, s.x1) ||
      std::max(py, qy) < std::min(s.y0, s.y1) || std::min(py, qy) > std::max(s.y0, s.y1))
    return 0;
  const int o1 = orientation(px, py, qx, qy, s.x0, s.y0);
  const int o2 = orientation(px, py, qx, qy, s.x1, s.y1);
  if (o1 != 0 && o1 == o2) return 0;
  const int o3 = orientation(s.x0, s.y0, s.x1, s.y1, px, py);
  const int o4 = orientation(s.x0, s.y0, s.x1, s.y1, qx, qy);
  if (o3 != 0 && o3 == o4) return 0;
  if (o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0) return -1;
  return 1;
}

// Where q lies, from where p lies and the segments the path p -> q may cross (even-odd rule:
// valid polygons after repair). Undecided when p is undecided or a crossing is too close.
State carry(State from, double px, double py, double qx, double qy, const Segment* segments,
            const std::uint32_t* refs, std::size_t count) {
  if (from == AreaIndex::kUndecided) return from;
  bool flip = false;
  for (std::size_t i = 0; i < count; ++i) {
    const int c = crossing(px, py, qx, qy, segments[refs[i]]);
    if (c < 0) return AreaIndex::kUndecided;
    flip ^= c == 1;
  }
  return flip ? (from == AreaIndex::kInside ? AreaIndex::kOutside : AreaIndex::kInside) : from;
}

}  // namespace

class AreaIndex::Builder {
 public:
  Builder(AreaIndex& index, Arrays& arrays, const BoundaryLayer& layer)
      : index_(index), arrays_(arrays), layer_(layer) {
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
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
          arrays_.segments.push_back({ring[i].x, ring[i].y, ring[i + 1].x, ring[i + 1].y});
          area_of_.push_back(static_cast<std::int32_t>(a));
        }
    }
    if (all.empty()) all.add(0, 0);
    // A square root box with a margin, so leaves are square and its corner is in no area.
    const double side = std::max({all.maxx - all.minx, all.maxy - all.miny, 1e-9}) * 1.001;
    const double cx = (all.minx + all.maxx) / 2, cy = (all.miny + all.maxy) / 2;
    index_.root_ = {cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2};
    // Boundaries within this distance of a box count as crossing it, which absorbs rounding.
    eps_ = side * 1e-12;
  }

  // The top levels are built here; the subtrees below kSplitDepth are built on `threads`
  // threads, each into its own arrays, and appended in a fixed order: the same tree at any
  // thread count.
  void build(int threads) {
    std::vector<std::uint32_t> all(arrays_.segments.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
    std::vector<std::pair<std::int32_t, State>> states;
    for (std::uint32_t i : all)
      if (states.empty() || states.back().first != area_of_[i])
        states.push_back({area_of_[i], kOutside});  // the root's corner is in no area
    Part top;
    top.nodes.push_back(0);
    std::vector<Task> tasks;
    {
      detail::ExactTester tester(layer_);
      const Box& r = index_.root_;
      build_node(top, tester, &tasks, 0, r, r.x0, r.y0, 0, all, states, kNone);
    }
    std::vector<Part> parts(tasks.size());
    std::vector<std::function<void()>> jobs;
    for (std::size_t t = 0; t < tasks.size(); ++t)
      jobs.push_back([&, t] {
        Task& k = tasks[t];
        detail::ExactTester tester(layer_);
        parts[t].nodes.push_back(0);
        build_node(parts[t], tester, nullptr, 0, k.box, k.rx, k.ry, k.depth, k.segs, k.states,
                   k.cover);
        std::vector<std::uint32_t>().swap(k.segs);
      });
    run_jobs(jobs, threads);

    arrays_.nodes = std::move(top.nodes);
    arrays_.leaves = std::move(top.leaves);
    arrays_.candidates = std::move(top.candidates);
    arrays_.segment_refs = std::move(top.refs);
    auto& s = index_.stats_;
    s = top.stats;
    for (std::size_t t = 0; t < tasks.size(); ++t) append(parts[t], tasks[t].node);
    s.nodes = arrays_.nodes.size();
    s.candidate_entries = arrays_.candidates.size();
    s.segment_entries = arrays_.segment_refs.size();
    s.segments = arrays_.segments.size();
  }

 private:
  // One subtree's arrays, indices local to it (node 0 is the subtree's root).
  struct Part {
    std::vector<Node> nodes;
    std::vector<Leaf> leaves;
    std::vector<Candidate> candidates;
    std::vector<std::uint32_t> refs;
    Stats stats;
  };
  // A subtree left for later: everything build_node needs to carry on.
  struct Task {
    std::size_t node;
    Box box;
    double rx, ry;
    int depth;
    std::vector<std::uint32_t> segs;
    std::vector<std::pair<std::int32_t, State>> states;
    std::int32_t cover;
  };
  static constexpr int kSplitDepth = 4;  // up to 256 subtrees to share out

  // Appends a subtree's arrays to the index, shifting its indices; its root goes to `at`.
  void append(const Part& p, std::size_t at) {
    const auto node0 = static_cast<std::int32_t>(arrays_.nodes.size()) - 1;  // local 1 -> here
    const auto leaf0 = static_cast<std::int32_t>(arrays_.leaves.size());
    const auto cand0 = static_cast<std::uint32_t>(arrays_.candidates.size());
    const auto ref0 = static_cast<std::uint32_t>(arrays_.segment_refs.size());
    auto shift = [&](Node n) { return n >= 0 ? n + node0 : ~(~n + leaf0); };
    arrays_.nodes[at] = shift(p.nodes[0]);
    for (std::size_t i = 1; i < p.nodes.size(); ++i) arrays_.nodes.push_back(shift(p.nodes[i]));
    for (Leaf l : p.leaves) {
      l.cand_begin += cand0;
      arrays_.leaves.push_back(l);
    }
    for (Candidate c : p.candidates) {
      c.seg_begin += ref0;
      arrays_.candidates.push_back(c);
    }
    arrays_.segment_refs.insert(arrays_.segment_refs.end(), p.refs.begin(), p.refs.end());
    auto& s = index_.stats_;
    s.leaves += p.stats.leaves;
    s.edge_leaves += p.stats.edge_leaves;
    s.undecided_centres += p.stats.undecided_centres;
    s.depth = std::max(s.depth, p.stats.depth);
  }

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

  // Where (x, y) lies for area a, from GEOS: inside, outside, or undecided on its boundary.
  static State exact_state(Part& out, detail::ExactTester& tester, std::int32_t a, double x,
                           double y) {
    ++out.stats.undecided_centres;
    return static_cast<State>(tester.where(static_cast<std::size_t>(a), x, y));
  }

  // `segs` (grouped by area, ascending) are the boundary segments crossing `box` of areas
  // below `cover`, the lowest area known to hold the whole box (kNone when none does);
  // `states` says where (rx, ry), a point of the box, lies for each of those areas.
  // Builds into `out`; with `defer`, stops at kSplitDepth and leaves the subtrees as tasks.
  void build_node(Part& out, detail::ExactTester& tester, std::vector<Task>* defer,
                  std::size_t node, const Box& box, double rx, double ry, int depth,
                  const std::vector<std::uint32_t>& segs,
                  const std::vector<std::pair<std::int32_t, State>>& states, std::int32_t cover) {
    auto& stats = out.stats;
    stats.depth = std::max(stats.depth, depth);
    // Each area's run of segments within `segs`.
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i = 0; i < segs.size();) {
      std::size_t j = i;
      while (j < segs.size() && area_of_[segs[j]] == area_of_[segs[i]]) ++j;
      runs.push_back({i, j - i});
      i = j;
    }
    double smallest = std::numeric_limits<double>::infinity();
    for (const auto& [area, state] : states) smallest = std::min(smallest, scale_[area]);
    const double cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;

    const double size = box.x1 - box.x0;
    const bool leaf = states.empty() || depth >= kMaxDepth || size < smallest * kLeafFraction;
    if (!leaf && defer && depth == kSplitDepth) {
      defer->push_back({node, box, rx, ry, depth, segs, states, cover});
      return;
    }
    if (leaf) {
      out.nodes[node] = ~static_cast<std::int32_t>(out.leaves.size());
      out.leaves.push_back({cover == kNone ? -1 : cover,
                            static_cast<std::uint32_t>(out.candidates.size()),
                            static_cast<std::uint32_t>(states.size())});
      for (std::size_t k = 0; k < states.size(); ++k) {
        const auto [area, from] = states[k];
        const auto [begin, count] = runs[k];
        State at_centre =
            rx == cx && ry == cy
                ? from
                : carry(from, rx, ry, cx, cy, arrays_.segments.data(), &segs[begin], count);
        if (at_centre == kUndecided) at_centre = exact_state(out, tester, area, cx, cy);
        out.candidates.push_back({area, at_centre, static_cast<std::uint32_t>(out.refs.size()),
                                  static_cast<std::uint32_t>(count)});
        out.refs.insert(out.refs.end(), segs.begin() + begin, segs.begin() + begin + count);
      }
      ++stats.leaves;
      if (!states.empty()) ++stats.edge_leaves;
      return;
    }

    const Box child_box[4] = {{box.x0, box.y0, cx, cy},
                              {cx, box.y0, box.x1, cy},
                              {box.x0, cy, cx, box.y1},
                              {cx, cy, box.x1, box.y1}};
    const auto first = static_cast<std::int32_t>(out.nodes.size());
    out.nodes[node] = first;
    out.nodes.resize(out.nodes.size() + 4, 0);
    std::vector<std::uint32_t> child_segs;
    std::vector<std::pair<std::int32_t, State>> child_states;
    for (int q = 0; q < 4; ++q) {
      const Box& cb = child_box[q];
      const double qx = (cb.x0 + cb.x1) / 2, qy = (cb.y0 + cb.y1) / 2;
      child_segs.clear();
      child_states.clear();
      std::int32_t child_cover = cover;
      // Areas in ascending order: an area whose boundary no longer crosses the child either
      // holds all of it or none; the first that holds it covers it and ends the list.
      for (std::size_t k = 0; k < states.size(); ++k) {
        const auto [area, from] = states[k];
        if (area >= child_cover) break;
        const auto [begin, count] = runs[k];
        const std::size_t before = child_segs.size();
        for (std::size_t i = begin; i < begin + count; ++i)
          if (crosses(arrays_.segments[segs[i]], cb)) child_segs.push_back(segs[i]);
        State at = carry(from, rx, ry, qx, qy, arrays_.segments.data(), &segs[begin], count);
        if (at == kUndecided) at = exact_state(out, tester, area, qx, qy);
        if (child_segs.size() > before)
          child_states.push_back({area, at});
        else if (at != kOutside)
          child_cover = area;
      }
      build_node(out, tester, defer, static_cast<std::size_t>(first + q), cb, qx, qy, depth + 1,
                 child_segs, child_states, child_cover);
    }
  }

  AreaIndex& index_;
  Arrays& arrays_;
  const BoundaryLayer& layer_;
  std::vector<std::int32_t> area_of_;  // by segment
  std::vector<double> scale_;          // typical size of each area (geometric mean of envelope)
  double eps_ = 0;
};

AreaIndex::AreaIndex(const BoundaryLayer& layer, int threads) {
  auto arrays = std::make_shared<Arrays>();
  Builder builder(*this, *arrays, layer);
  builder.build(threads);
  nodes_ = {arrays->nodes.data(), arrays->nodes.size()};
  leaves_ = {arrays->leaves.data(), arrays->leaves.size()};
  candidates_ = {arrays->candidates.data(), arrays->candidates.size()};
  segment_refs_ = {arrays->segment_refs.data(), arrays->segment_refs.size()};
  segments_ = {arrays->segments.data(), arrays->segments.size()};
  storage_ = std::move(arrays);
}

namespace {

// The file layout: a fixed block (the root box, the stats), then each array as its length
// (u64) and its elements, padded to 8 bytes. The elements are written as they lie in memory:
// the index file's key names the build (format, compiler ABI), so only this build reads them.
struct FixedBlock {
  double root[4];
  std::uint64_t stats[7];
  std::int64_t depth;
};

template <class T>
void write_array(std::ostream& out, const T* data, std::size_t n) {
  const std::uint64_t count = n;
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  const std::size_t bytes = n * sizeof(T);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  static const char zeros[8] = {};
  out.write(zeros, static_cast<std::streamsize>((8 - bytes % 8) % 8));
}

// Reads an array's span at `at`, moving `at` past it; false when it runs past `end`.
template <class T>
bool read_array(const char*& at, const char* end, const T*& data, std::size_t& n) {
  std::uint64_t count = 0;
  if (end - at < static_cast<std::ptrdiff_t>(sizeof count)) return false;
  std::memcpy(&count, at, sizeof count);
  at += sizeof count;
  if (count > static_cast<std::uint64_t>(end - at) / sizeof(T)) return false;
  const std::size_t bytes = count * sizeof(T);
  data = reinterpret_cast<const T*>(at);
  n = count;
  at += bytes + (8 - bytes % 8) % 8;
  return at <= end;
}

}  // namespace

void AreaIndex::write(std::ostream& out) const {
  const Stats& s = stats_;
  FixedBlock f{{root_.x0, root_.y0, root_.x1, root_.y1},
               {s.nodes, s.leaves, s.edge_leaves, s.candidate_entries, s.segments,
                s.segment_entries, s.undecided_centres},
               s.depth};
  out.write(reinterpret_cast<const char*>(&f), sizeof f);
  write_array(out, nodes_.data, nodes_.size);
  write_array(out, leaves_.data, leaves_.size);
  write_array(out, candidates_.data, candidates_.size);
  write_array(out, segment_refs_.data, segment_refs_.size);
  write_array(out, segments_.data, segments_.size);
}

std::shared_ptr<const AreaIndex> AreaIndex::view(std::shared_ptr<const void> owner,
                                                 const char* bytes, std::size_t size) {
  const char* at = bytes;
  const char* end = bytes + size;
  FixedBlock f{};
  if (size < sizeof f || reinterpret_cast<std::uintptr_t>(bytes) % 8 != 0) return nullptr;
  std::memcpy(&f, at, sizeof f);
  at += sizeof f;
  std::shared_ptr<AreaIndex> index(new AreaIndex());
  index->root_ = {f.root[0], f.root[1], f.root[2], f.root[3]};
  Stats& s = index->stats_;
  s.nodes = f.stats[0], s.leaves = f.stats[1], s.edge_leaves = f.stats[2];
  s.candidate_entries = f.stats[3], s.segments = f.stats[4], s.segment_entries = f.stats[5];
  s.undecided_centres = f.stats[6], s.depth = static_cast<int>(f.depth);
  if (!read_array(at, end, index->nodes_.data, index->nodes_.size) ||
      !read_array(at, end, index->leaves_.data, index->leaves_.size) ||
      !read_array(at, end, index->candidates_.data, index->candidates_.size) ||
      !read_array(at, end, index->segment_refs_.data, index->segment_refs_.size) ||
      !read_array(at, end, index->segments_.data, index->segments_.size) || at != end ||
      index->nodes_.size == 0)
    return nullptr;
  index->storage_ = std::move(owner);
  return index;
}

bool AreaIndex::consistent(std::size_t areas) const {
  if (nodes_.size == 0 || !(root_.x1 > root_.x0) || !(root_.y1 > root_.y0)) return false;
  // A node's children lie after it, so the walk down the tree always ends.
  for (std::size_t i = 0; i < nodes_.size; ++i) {
    const Node n = nodes_[i];
    if (n >= 0 ? (static_cast<std::size_t>(n) <= i || static_cast<std::size_t>(n) + 4 > nodes_.size)
               : static_cast<std::size_t>(~n) >= leaves_.size)
      return false;
  }
  for (std::size_t i = 0; i < leaves_.size; ++i) {
    const Leaf& l = leaves_[i];
    if (l.owner < -1 || (l.owner >= 0 && static_cast<std::size_t>(l.owner) >= areas) ||
        l.cand_begin > candidates_.size || l.cand_count > candidates_.size - l.cand_begin)
      return false;
  }
  for (std::size_t i = 0; i < candidates_.size; ++i) {
    const Candidate& c = candidates_[i];
    if (c.area < 0 || static_cast<std::size_t>(c.area) >= areas || c.centre > kUndecided ||
        c.seg_begin > segment_refs_.size || c.seg_count > segment_refs_.size - c.seg_begin)
      return false;
  }
  for (std::size_t i = 0; i < segment_refs_.size; ++i)
    if (segment_refs_[i] >= segments_.size) return false;
  return true;
}

std::uint64_t AreaIndex::locality_key(double x, double y) const {
  const double side = root_.x1 - root_.x0;
  auto cell = [&](double v, double origin) -> std::uint64_t {
    const double t = (v - origin) / side * 1048576.0;  // 2^20 cells a side
    return !(t > 0) ? 0 : t >= 1048575.0 ? 1048575 : static_cast<std::uint64_t>(t);
  };
  auto spread = [](std::uint64_t v) {  // 20 bits -> every other bit of 40
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
  };
  return spread(cell(x, root_.x0)) | (spread(cell(y, root_.y0)) << 1);
}

long AreaIndex::locate(double x, double y, detail::ExactTester& exact) const {
  Box b = root_;
  if (!(x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) return -1;
  Node n = nodes_[0];
  while (n >= 0) {
    const double mx = (b.x0 + b.x1) / 2, my = (b.y0 + b.y1) / 2;
    int q = 0;
    if (x >= mx) {
      q |= 1, b.x0 = mx;
    } else {
      b.x1 = mx;
    }
    if (y >= my) {
      q |= 2, b.y0 = my;
    } else {
      b.y1 = my;
    }
    n = nodes_[static_cast<std::size_t>(n + q)];
  }
  const Leaf& leaf = leaves_[static_cast<std::size_t>(~n)];
  const double cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
  // Candidates come in ascending order and all sort before the owner: the first that holds
  // the point is the id that sorts first.
  for (std::uint32_t i = 0; i < leaf.cand_count; ++i) {
    const Candidate& c = candidates_[leaf.cand_begin + i];
    const Segment* segs = segments_.data;
    const std::uint32_t* refs = segment_refs_.data + c.seg_begin;
    const State s = carry(c.centre, cx, cy, x, y, segs, refs, c.seg_count);
    bool inside = s == kInside;
    if (s == kUndecided) {
      const int settled =
          c.centre == kUndecided
              ? -1
              : detail::carry_exact(c.centre == kInside, cx, cy, x, y, segs, refs, c.seg_count);
      inside = settled < 0 ? exact.covers(static_cast<std::size_t>(c.area), x, y) : settled > 0;
    }
    if (inside) return c.area;
  }
  return leaf.owner;
}

}  // namespace reachmap
