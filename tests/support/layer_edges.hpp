// Real boundaries for tests that probe them: the LSOAs of Manchester, and random edges of a
// layer's rings (points on, beside and between them are where placement is hard).
#pragma once

#include <vector>

#include "engine/core/rng.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "tests/support/test_support.hpp"

namespace reachmap::testsupport {

inline LayerSource manchester_lsoas_source() {
  LayerSource s;
  s.name = "lsoa11";
  s.path = s.display = shared_data("boundaries/lsoa11_manchester_bgc.gpkg");
  s.id = "lsoa11cd";
  return s;
}

// Draws edges (a vertex and the next) of a layer's rings at random, seeded.
class RandomEdges {
 public:
  RandomEdges(const BoundaryLayer& layer, std::uint64_t seed) : rng_(seed, 1) {
    for (const Area& a : layer.areas) {
      rings_.push_back(wkb_rings(a.wkb));
      extent_.add(envelope_of(rings_.back()));
    }
  }
  struct Edge {
    double x0, y0, x1, y1;
  };
  Edge next() {
    const auto& r = rings_[rng_.below(rings_.size())];
    const Ring& ring = r[rng_.below(r.size())];
    const std::size_t v = rng_.below(ring.size() - 1);
    return {ring[v].x, ring[v].y, ring[v + 1].x, ring[v + 1].y};
  }
  const Envelope& extent() const { return extent_; }
  Rng& rng() { return rng_; }

 private:
  Rng rng_;
  std::vector<std::vector<Ring>> rings_;
  Envelope extent_;
};

}  // namespace reachmap::testsupport
