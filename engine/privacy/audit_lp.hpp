// The audit's LP vocabulary: an unknown's bounds, a witness (a solution of the whole system),
// a part's rows, and GLPK's bounds and handles. Apart from audit.cpp, which holds the solving,
// for any other solver of a part. Internal to engine/privacy.
#pragma once

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "engine/privacy/audit.hpp"

namespace reachmap::audit_lp {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-6;
// An unknown with no upper bound is capped this far above its truth: far past any threshold,
// and it keeps every LP bounded.
constexpr double kCap = 1e6;

inline int bound_type(double lo, double hi) {
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  if (has_lo && has_hi) return lo == hi ? GLP_FX : GLP_DB;
  return has_lo ? GLP_LO : has_hi ? GLP_UP : GLP_FR;
}

inline double upper(const AuditProblem& p, std::size_t v) {
  return std::isfinite(p.hi[v]) ? p.hi[v] : p.truth[v] + kCap;
}

// The smallest and largest value of coef * x over x's bounds.
inline std::pair<double, double> term_box(const AuditProblem& p, std::size_t v, double coef) {
  const double a = coef * p.lo[v], b = coef * upper(p, v);
  return {std::min(a, b), std::max(a, b)};
}

// x is the value of unknown v at a solution of the whole system.
inline void witness(const AuditProblem& p, std::size_t v, double x, AuditVerdict& out) {
  out.seen_lo = std::min(out.seen_lo, x), out.seen_hi = std::max(out.seen_hi, x);
  if (x <= p.down[v] + kTolerance || x >= p.up[v] - kTolerance) out.protected_ = true;
}

// The rows of one part: the row, and for a loose row the bounds of the other parts' share.
struct PartRow {
  std::size_t row;
  bool loose = false;
  double others_lo = 0, others_hi = 0;
  std::vector<std::pair<std::size_t, double>> terms;  // loose: the part's own terms
};

// The terms of `r` within its part.
inline const std::vector<std::pair<std::size_t, double>>& part_terms(const AuditProblem& p,
                                                                     const PartRow& r) {
  return r.loose ? r.terms : p.rows[r.row].terms;
}

constexpr std::size_t kNoRow = std::size_t(-1);

// A part's columns: each unknown's bounds, and with `fold` every row over one unknown (an order
// against a published count: a third of a large part's rows) made a bound on it, which makes
// every solve cheaper; the row that set each bound is kept (kNoRow: the unknown's own), to be
// named when that bound holds the count in. `lp_rows`: the rows left for the LP (positions).
struct PartColumns {
  std::vector<double> lo, hi;
  std::vector<std::size_t> lo_row, hi_row;
  std::vector<std::size_t> lp_rows;
};

inline PartColumns part_columns(const AuditProblem& p, const std::vector<std::size_t>& vars,
                                const std::vector<PartRow>& rows, bool fold) {
  PartColumns out;
  out.lo_row.assign(vars.size(), kNoRow), out.hi_row.assign(vars.size(), kNoRow);
  for (std::size_t v : vars) out.lo.push_back(p.lo[v]), out.hi.push_back(upper(p, v));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& terms = part_terms(p, rows[i]);
    if (!fold || rows[i].loose || terms.size() != 1) {
      out.lp_rows.push_back(i);
      continue;
    }
    const auto [v, a] = terms.front();
    const auto j = std::size_t(std::lower_bound(vars.begin(), vars.end(), v) - vars.begin());
    double rl = p.rows[rows[i].row].lo / a, rh = p.rows[rows[i].row].hi / a;
    if (a < 0) std::swap(rl, rh);
    if (rl > out.lo[j]) out.lo[j] = rl, out.lo_row[j] = i;
    if (rh < out.hi[j]) out.hi[j] = rh, out.hi_row[j] = i;
  }
  return out;
}

// What holds column j in when its dual is not zero, at its lower bound, its upper or both (or
// neither: between them): the rows its folded bounds came from (to `rows`), or its own bound
// (the unknown to `bounds`).
inline void held_at(const PartColumns& c, std::size_t j, bool at_lo, bool at_hi,
                    const std::vector<PartRow>& part_rows, std::size_t unknown,
                    std::vector<std::size_t>& rows, std::vector<std::size_t>& bounds) {
  bool own = false;
  for (const auto& [at, row] : {std::pair{at_lo, c.lo_row[j]}, std::pair{at_hi, c.hi_row[j]}})
    if (at) {
      if (row == kNoRow)
        own = true;
      else
        rows.push_back(part_rows[row].row);
    }
  if (own || !(at_lo || at_hi)) bounds.push_back(unknown);
}

struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

inline void set_row_bounds(glp_prob* lp, int i, double lo, double hi) {
  glp_set_row_bnds(lp, i, bound_type(lo, hi), std::isfinite(lo) ? lo : 0.0,
                   std::isfinite(hi) ? hi : 0.0);
}

inline void set_col_bounds(glp_prob* lp, int j, double lo, double hi) {
  glp_set_col_bnds(lp, j, bound_type(lo, hi), std::isfinite(lo) ? lo : 0.0,
                   std::isfinite(hi) ? hi : 0.0);
}

// Adds `rows` (a part's rows, in the LP's row order) to `lp` with their terms, each term's
// column from `column(unknown)`, a loose row with the other parts' share as a slack column of its
// own, and loads the matrix. Returns (LP row, slack column) for each loose row, 0-based rows.
template <class Column>
std::vector<std::pair<std::size_t, int>> load_rows(glp_prob* lp, const AuditProblem& p,
                                                   const std::vector<const PartRow*>& rows,
                                                   Column column) {
  std::vector<std::pair<std::size_t, int>> slacks;
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  if (!rows.empty()) glp_add_rows(lp, int(rows.size()));  // GLPK refuses to add none
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const PartRow& r = *rows[k];
    set_row_bounds(lp, int(k + 1), p.rows[r.row].lo, p.rows[r.row].hi);
    for (const auto& [v, c] : part_terms(p, r)) {
      ia.push_back(int(k + 1));
      ja.push_back(column(v));
      ar.push_back(c);
    }
    if (r.loose) {
      const int slack = glp_add_cols(lp, 1);
      slacks.emplace_back(k, slack);
      set_col_bounds(lp, slack, r.others_lo, r.others_hi);
      ia.push_back(int(k + 1));
      ja.push_back(slack);
      ar.push_back(1.0);
    }
  }
  glp_load_matrix(lp, int(ia.size() - 1), ia.data(), ja.data(), ar.data());
  return slacks;
}

}  // namespace reachmap::audit_lp
