// A read-only quadtree over one boundary layer, built once and shared by every placement
// thread. Each leaf either decides the answer for every point inside it (no area boundary
// comes within the leaf, so whichever areas hold its centre hold all of it) or keeps, for the
// few areas whose boundaries cross it, whether its centre is inside each and the boundary
// segments within it. A point there is inside an area when the path from the centre to the
// point crosses that area's segments an odd number of times from an inside centre (even from
// an outside one). Every orientation test is filtered (Shewchuk's error bound): when one is too
// close to call (the point on or within rounding of a boundary), GEOS decides exactly.
// Leaves shrink with the areas near them (about an eighth of the smallest area's size).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

namespace detail {
class ExactTester;
}

class AreaIndex {
 public:
  // Builds on up to `threads` threads; the index is the same at any thread count.
  explicit AreaIndex(const BoundaryLayer& layer, int threads = 1);

  // Index into layer.areas of the area holding the point (the lowest index when several do,
  // e.g. on a shared boundary), or -1. `exact` settles the cases too close to call.
  long locate(double x, double y, detail::ExactTester& exact) const;

  const BoundaryLayer& layer() const { return *layer_; }

  // A Z-order (Morton) key: points close together get close keys, so placing points in key
  // order walks the tree and its leaves from cache instead of from memory.
  std::uint64_t locality_key(double x, double y) const;

  struct Stats {
    std::size_t nodes = 0, leaves = 0, edge_leaves = 0, candidate_entries = 0;
    std::size_t segments = 0, segment_entries = 0, undecided_centres = 0;
    int depth = 0;
  };
  const Stats& stats() const { return stats_; }

  struct Segment {
    double x0, y0, x1, y1;
  };
  enum State : std::uint8_t { kOutside = 0, kInside = 1, kUndecided = 2 };

 private:
  // Nodes are 4 bytes so that a lookup's walk down the tree stays in cache: >= 0 is the index
  // of the first of four children (SW, SE, NW, NE), < 0 is ~leaf index.
  using Node = std::int32_t;
  struct Leaf {
    std::int32_t owner = -1;  // area holding the whole leaf (lowest index), or -1
    std::uint32_t cand_begin = 0, cand_count = 0;  // areas to test, all below owner
  };
  struct Candidate {
    std::int32_t area;
    State centre;  // where the leaf's centre lies; undecided: GEOS decides every point
    std::uint32_t seg_begin, seg_count;  // into segment_refs_
  };
  struct Box {
    double x0, y0, x1, y1;
  };
  class Builder;

  const BoundaryLayer* layer_;
  Box root_{0, 0, 0, 0};
  std::vector<Node> nodes_;
  std::vector<Leaf> leaves_;
  std::vector<Candidate> candidates_;
  std::vector<std::uint32_t> segment_refs_;  // into segments_
  std::vector<Segment> segments_;            // every ring segment of every area
  Stats stats_;
};

}  // namespace reachmap
