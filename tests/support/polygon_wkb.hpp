// Hand-made polygons as the engine keeps them (little-endian WKB), for layers built in a test.
#pragma once

#include <cstdint>
#include <string>

#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap::testsupport {

// Little-endian WKB of a one-ring polygon (the ring closed: last point = first).
inline std::string polygon_wkb(const Ring& ring) {
  std::string w;
  const auto put = [&](const void* p, std::size_t n) { w.append(static_cast<const char*>(p), n); };
  const std::uint8_t order = 1;
  const std::uint32_t type = 3, rings = 1, points = static_cast<std::uint32_t>(ring.size());
  put(&order, 1), put(&type, 4), put(&rings, 4), put(&points, 4);
  for (const XY& p : ring) put(&p.x, 8), put(&p.y, 8);
  return w;
}

// The rectangle [x0, x1] x [y0, y1].
inline std::string box_wkb(double x0, double y0, double x1, double y1) {
  return polygon_wkb({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

// A layer of areas with these ids (already in id order), labelled "Area <id>", with these
// geometries (none past the list's end) and inside points (0, 0 past the list's end).
inline BoundaryLayer layer_of(const std::string& name, const std::vector<std::string>& ids,
                              const std::vector<std::string>& wkb = {},
                              const std::vector<XY>& anchors = {}) {
  BoundaryLayer l;
  l.name = l.display = name;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    l.index_of[ids[i]] = i;
    Area a{ids[i], "Area " + ids[i], i < wkb.size() ? wkb[i] : "", 0, 0};
    if (i < anchors.size()) a.anchor_x = anchors[i].x, a.anchor_y = anchors[i].y;
    l.areas.push_back(std::move(a));
  }
  return l;
}

}  // namespace reachmap::testsupport
