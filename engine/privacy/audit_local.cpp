#include "engine/privacy/audit_local.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace reachmap::audit_lp {

namespace {

// Rows within this many steps of the count make its neighbourhood (its own rows, then the rows
// of every unknown they hold).
constexpr int kSteps = 3;
// A row over more of the part's unknowns than this (a district's total over its areas) is left
// out of every neighbourhood: it would make a count's LP nearly the part's size.
constexpr std::size_t kNearTerms = 64;
// A neighbourhood holding more than this share of its part (1 / kNearShare) is not tried: two
// GLPK solves from scratch of most of the part cost more than the part's own LP from where it
// ended (the demo's part of 948 counts: neighbourhoods of 495 on average, up to 871; 2,137 of
// them took 40% of the demo's CPU and its audit 17 s, 6 s without).
constexpr std::size_t kNearShare = 4;

void sort_unique(std::vector<std::size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Neighbourhoods::Neighbourhoods(const AuditProblem& p, const std::vector<std::size_t>& vars,
                               const std::vector<PartRow>& rows)
    : p_(p), vars_(vars), rows_(rows), rows_of_(vars.size()), terms_(rows.size()) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& terms = part_terms(p, rows[i]);
    if (terms.size() > kNearTerms) continue;
    for (const auto& term : terms) {
      const auto j =
          std::size_t(std::lower_bound(vars.begin(), vars.end(), term.first) - vars.begin());
      terms_[i].push_back(j);
      rows_of_[j].push_back(i);
    }
  }
}

bool Neighbourhoods::shows_unprotected(std::size_t j, AuditVerdict& out, AuditWork& work) const {
  std::vector<std::size_t> cols{j}, rows;  // positions in the part
  for (int step = 0; step < kSteps; ++step) {
    for (std::size_t c : cols) rows.insert(rows.end(), rows_of_[c].begin(), rows_of_[c].end());
    sort_unique(rows);
    for (std::size_t r : rows) cols.insert(cols.end(), terms_[r].begin(), terms_[r].end());
    sort_unique(cols);
  }
  if (rows.empty()) return false;  // its rows all too long to be near: the part's LP says
  if (cols.size() * kNearShare > vars_.size()) return false;  // as large as the part: its LP
  const auto column = [&](std::size_t position) {
    return int(std::lower_bound(cols.begin(), cols.end(), position) - cols.begin()) + 1;
  };
  const std::unique_ptr<glp_prob, LpDeleter> lp(glp_create_prob());
  glp_add_cols(lp.get(), int(cols.size()));
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const std::size_t v = vars_[cols[c]];
    set_col_bounds(lp.get(), int(c + 1), p_.lo[v], upper(p_, v));
  }
  std::vector<const PartRow*> near;
  for (std::size_t r : rows) near.push_back(&rows_[r]);
  load_rows(lp.get(), p_, near, [&](std::size_t v) {  // the unknown's position, then its column
    return column(std::size_t(std::lower_bound(vars_.begin(), vars_.end(), v) - vars_.begin()));
  });
  glp_scale_prob(lp.get(), GLP_SF_AUTO);
  glp_adv_basis(lp.get(), 0);
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  const int own = column(j);
  const std::size_t v = vars_[j];
  glp_set_obj_coef(lp.get(), own, 1.0);
  std::vector<std::size_t> held_rows, held_bounds;
  for (const int direction : {GLP_MIN, GLP_MAX}) {
    glp_set_obj_dir(lp.get(), direction);
    ++work.lps;
    if (glp_simplex(lp.get(), &parm) != 0 || glp_get_status(lp.get()) != GLP_OPT) return false;
    const double x = glp_get_col_prim(lp.get(), own);
    // Within a tolerance of the threshold: the part's LP decides, as witness() would.
    if (direction == GLP_MIN ? x <= p_.down[v] + kTolerance : x >= p_.up[v] - kTolerance)
      return false;
    for (std::size_t k = 0; k < rows.size(); ++k)
      if (std::abs(glp_get_row_dual(lp.get(), int(k + 1))) > kTolerance)
        held_rows.push_back(rows_[rows[k]].row);
    for (std::size_t c = 0; c < cols.size(); ++c)
      if (std::abs(glp_get_col_dual(lp.get(), int(c + 1))) > kTolerance)
        held_bounds.push_back(vars_[cols[c]]);
  }
  out.binding_rows = std::move(held_rows);
  out.binding_bounds = std::move(held_bounds);
  return true;
}

}  // namespace reachmap::audit_lp
