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
#include <memory>
#include <ostream>
#include <vector>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

namespace detail {
class ExactTester;
}

class AreaIndex {
 public:
  // Builds on up to `threads` threads; the index is the same at any thread count. The index
  // keeps no reference to the layer: locate() takes a tester over the same layer.
  explicit AreaIndex(const BoundaryLayer& layer, int threads = 1);

  // Index into layer.areas of the area holding the point (the lowest index when several do,
  // e.g. on a shared boundary), or -1. `exact` (over the layer it was built from) settles the
  // cases too close to call.
  long locate(double x, double y, detail::ExactTester& exact) const;

  // The index as bytes: its arrays as they lie in memory, each 8-byte aligned, for a layer's
  // index file (engine/geo/layer_index_file). Same index, same bytes.
  void write(std::ostream& out) const;
  // An index over bytes write() wrote, nothing copied: `owner` (a file's mapping) keeps them
  // alive. Null when the sizes do not add up (a truncated or foreign file). `bytes` must be
  // 8-byte aligned.
  static std::shared_ptr<const AreaIndex> view(std::shared_ptr<const void> owner, const char* bytes,
                                               std::size_t size);
  // Whether every reference inside the index stays within its arrays and its `areas` areas:
  // an index read from a file is checked before any lookup trusts it.
  bool consistent(std::size_t areas) const;

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
  // An array the index reads: its own (built here) or a file's (mapped), never copied.
  template <class T>
  struct Span {
    const T* data = nullptr;
    std::size_t size = 0;
    const T& operator[](std::size_t i) const { return data[i]; }
  };
  struct Arrays {
    std::vector<Node> nodes;
    std::vector<Leaf> leaves;
    std::vector<Candidate> candidates;
    std::vector<std::uint32_t> segment_refs;  // into segments
    std::vector<Segment> segments;            // every ring segment of every area
  };
  AreaIndex() = default;

  Box root_{0, 0, 0, 0};
  std::shared_ptr<const void> storage_;  // what the spans point into
  Span<Node> nodes_;
  Span<Leaf> leaves_;
  Span<Candidate> candidates_;
  Span<std::uint32_t> segment_refs_;
  Span<Segment> segments_;
  Stats stats_;
};

}  // namespace reachmap
