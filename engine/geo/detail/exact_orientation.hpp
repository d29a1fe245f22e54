// Exact geometry for the few points the index's filtered tests cannot call: the sign of an
// orientation however close to zero, and where a point lies from a point whose side is known.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/geo/area_index.hpp"

namespace reachmap::detail {

// The exact sign of the turn a -> b -> c: +1 left, -1 right, 0 collinear.
int exact_orientation(double ax, double ay, double bx, double by, double cx, double cy);

// Where q lies for an area, from p (inside the area when `from_inside`, and not on its
// boundary) and the area's segments the path p -> q may cross (segments[refs[0..count)]):
// 0 outside, 1 inside, 2 on the boundary, -1 when it cannot tell (p on the boundary after all).
int carry_exact(bool from_inside, double px, double py, double qx, double qy,
                const AreaIndex::Segment* segments, const std::uint32_t* refs, std::size_t count);

}  // namespace reachmap::detail
