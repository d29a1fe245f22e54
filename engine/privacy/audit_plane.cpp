#include "engine/privacy/audit_plane.hpp"

#include <algorithm>
#include <cmath>

namespace reachmap::audit_lp {

namespace {

using Point = std::array<double, 2>;

// The polygon (convex, corners in order; two equal corners or a segment allowed) cut to the side
// a . x <= c. Sutherland-Hodgman for one plane, with a tolerance scaled to c so that an
// equality row leaves a segment instead of nothing.
void cut(std::vector<Point>& polygon, const Point& a, double c, std::vector<Point>& scratch) {
  const double tolerance = 1e-9 * std::max(1.0, std::abs(c));
  const auto side = [&](const Point& x) { return a[0] * x[0] + a[1] * x[1] - c; };
  scratch.clear();
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const Point& from = polygon[i];
    const Point& to = polygon[(i + 1) % polygon.size()];
    const double d_from = side(from), d_to = side(to);
    const bool in_from = d_from <= tolerance, in_to = d_to <= tolerance;
    if (in_from) scratch.push_back(from);
    if (in_from != in_to) {
      const double t = std::clamp(d_from / (d_from - d_to), 0.0, 1.0);
      scratch.push_back({from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])});
    }
  }
  polygon.swap(scratch);
}

}  // namespace

std::optional<std::array<std::pair<double, double>, 2>> plane_ranges(
    const AuditProblem& p, const std::vector<std::size_t>& vars, const std::vector<PartRow>& rows) {
  if (vars.empty() || vars.size() > 2) return std::nullopt;
  Point lo{0, 0}, hi{0, 0};
  for (std::size_t j = 0; j < vars.size(); ++j) {
    lo[j] = p.lo[vars[j]], hi[j] = upper(p, vars[j]);
    if (!std::isfinite(lo[j])) return std::nullopt;
  }
  std::vector<Point> polygon{{lo[0], lo[1]}, {hi[0], lo[1]}, {hi[0], hi[1]}, {lo[0], hi[1]}};
  std::vector<Point> scratch;
  polygon.reserve(4 + 2 * rows.size()), scratch.reserve(4 + 2 * rows.size());
  for (const PartRow& r : rows) {
    Point a{0, 0};
    for (const auto& [v, coef] : part_terms(p, r)) a[v == vars[0] ? 0 : 1] += coef;
    // A long row: the part's terms plus the other parts' share, which can be anything in
    // [others_lo, others_hi].
    double row_lo = p.rows[r.row].lo, row_hi = p.rows[r.row].hi;
    if (r.loose) row_lo -= r.others_hi, row_hi -= r.others_lo;
    if (std::isfinite(row_hi)) cut(polygon, a, row_hi, scratch);
    if (std::isfinite(row_lo)) cut(polygon, {-a[0], -a[1]}, -row_lo, scratch);
    if (polygon.empty()) return std::nullopt;
  }
  std::array<std::pair<double, double>, 2> out{};
  for (std::size_t j = 0; j < 2; ++j) {
    out[j] = {polygon.front()[j], polygon.front()[j]};
    for (const Point& x : polygon)
      out[j].first = std::min(out[j].first, x[j]), out[j].second = std::max(out[j].second, x[j]);
  }
  return out;
}

}  // namespace reachmap::audit_lp
