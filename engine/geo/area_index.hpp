// A read-only quadtree over one boundary layer, built once and shared by every placement
// thread. Each leaf either decides the answer for every point inside it (no area boundary
// comes within the leaf, so whichever areas hold its centre hold all of it) or lists the few
// areas whose boundaries cross it; only those need an exact GEOS test (AreaLocator).
// Leaves shrink with the areas near them (about an eighth of the smallest area's size), so
// most points in small urban areas are answered without an exact test too.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

class AreaIndex {
 public:
  explicit AreaIndex(const BoundaryLayer& layer);

  // What the index knows about a point: `owner` holds it unless one of `candidates` (area
  // indices in ascending order, all below owner) holds it too. owner is -1 for outside.
  struct Lookup {
    long owner = -1;
    const std::int32_t* candidates = nullptr;
    std::uint32_t count = 0;
  };
  Lookup lookup(double x, double y) const;

  const BoundaryLayer& layer() const { return *layer_; }

  struct Stats {
    std::size_t nodes = 0, leaves = 0, edge_leaves = 0, candidate_entries = 0;
    int depth = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  // Nodes are 4 bytes so that a lookup's walk down the tree stays in cache: >= 0 is the index
  // of the first of four children (SW, SE, NW, NE), < 0 is ~leaf index.
  using Node = std::int32_t;
  struct Leaf {
    std::int32_t owner = -1;  // area holding the whole leaf (lowest index), or -1
    std::uint32_t cand_begin = 0, cand_count = 0;  // areas to test exactly
  };
  struct Box {
    double x0, y0, x1, y1;
  };
  class Builder;

  const BoundaryLayer* layer_;
  Box root_{0, 0, 0, 0};
  std::vector<Node> nodes_;
  std::vector<Leaf> leaves_;
  std::vector<std::int32_t> candidates_;
  Stats stats_;
};

}  // namespace reachmap
