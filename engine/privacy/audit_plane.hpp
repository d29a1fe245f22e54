// A part of one or two unknowns (nationally, nine in ten parts: an area's hidden seen count and
// its unreached count, held by the area's row and two long rows): its system is a polygon in the
// plane, the unknowns' box cut by each row's two sides, and its corners are every unknown's
// exact least and greatest value. A microsecond where GLPK took two or more LPs of about 40 us.
// Internal to engine/privacy.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "engine/privacy/audit_lp.hpp"

namespace reachmap::audit_lp {

// Each unknown's least and greatest value under the part's rows (a long row with the other
// parts' share as its slack), for `vars` of one or two unknowns; nullopt when the polygon is
// empty or an unknown has no lower bound (then the part's LP must say).
std::optional<std::array<std::pair<double, double>, 2>> plane_ranges(
    const AuditProblem& p, const std::vector<std::size_t>& vars, const std::vector<PartRow>& rows);

}  // namespace reachmap::audit_lp
