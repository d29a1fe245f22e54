#include "engine/privacy/audit.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>

#include "engine/core/parallel.hpp"

namespace reachmap {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-6;
// An unknown with no upper bound is capped this far above its truth: far past any threshold,
// and it keeps every LP bounded.
constexpr double kCap = 1e6;
// A row over more unknowns than this (a layer's total, a decile's row of the equity table) does
// not join them into one part: in each part it holds, the other parts' share is one slack
// bounded by their unknowns' bounds. Exact when the other parts can move their share as their
// bounds allow, which hundreds of hidden counts in other areas can; it keeps a national set of
// 60,000 hidden counts in parts of tens instead of one LP of 60,000.
constexpr std::size_t kLooseTerms = 200;

// exact_ranges gives no range in a part of more unknowns than this (reach areas chained across
// a city): two LPs per count there would cost minutes on the national set.
constexpr std::size_t kMaxRangePart = 1000;

// The smallest and largest value of coef * x over x's bounds.
std::pair<double, double> term_box(const AuditProblem& p, std::size_t v, double coef);

// The rows of one part: the row, and for a loose row the bounds of the other parts' share.
struct PartRow {
  std::size_t row;
  bool loose = false;
  double others_lo = 0, others_hi = 0;
  std::vector<std::pair<std::size_t, double>> terms;  // loose: the part's own terms
};

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

int bound_type(double lo, double hi) {
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  if (has_lo && has_hi) return lo == hi ? GLP_FX : GLP_DB;
  return has_lo ? GLP_LO : has_hi ? GLP_UP : GLP_FR;
}

double upper(const AuditProblem& p, std::size_t v) {
  return std::isfinite(p.hi[v]) ? p.hi[v] : p.truth[v] + kCap;
}

std::pair<double, double> term_box(const AuditProblem& p, std::size_t v, double coef) {
  const double a = coef * p.lo[v], b = coef * upper(p, v);
  return {std::min(a, b), std::max(a, b)};
}

void witness(const AuditProblem& p, std::size_t v, double x, AuditVerdict& out) {
  out.seen_lo = std::min(out.seen_lo, x), out.seen_hi = std::max(out.seen_hi, x);
  if (x <= p.down[v] + kTolerance || x >= p.up[v] - kTolerance) out.protected_ = true;
}

// An unknown alone in its part: its bounds and the rows that bound it alone.
void solve_alone(const AuditProblem& p, std::size_t v, const std::vector<std::size_t>& rows,
                 AuditVerdict& out) {
  double lo = p.lo[v], hi = upper(p, v);
  std::optional<std::size_t> lo_row, hi_row;
  for (std::size_t ri : rows) {
    const AuditRow& row = p.rows[ri];
    double a = 0;
    for (const auto& [var, coef] : row.terms) a += var == v ? coef : 0;
    if (a == 0) continue;
    double rl = row.lo / a, rh = row.hi / a;
    if (a < 0) std::swap(rl, rh);
    if (rl > lo) lo = rl, lo_row = ri;
    if (rh < hi) hi = rh, hi_row = ri;
  }
  witness(p, v, lo, out);
  witness(p, v, hi, out);
  if (out.protected_) return;
  for (const auto& row : {lo_row, hi_row})
    if (row) out.binding_rows.push_back(*row);
  if (!lo_row) out.binding_bounds.push_back(v);
  if (!hi_row && hi < upper(p, v) + 1) out.binding_bounds.push_back(v);
}

struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

// A part with two or more unknowns: one LP, re-solved from the last basis for each objective.
class PartSolver {
 public:
  PartSolver(const AuditProblem& p, const std::vector<std::size_t>& vars,
             const std::vector<PartRow>& rows, AuditWork& work)
      : p_(p), vars_(vars), rows_(rows), work_(work), lp_(glp_create_prob()) {
    glp_init_smcp(&parm_);
    parm_.msg_lev = GLP_MSG_OFF;
    parm_.presolve = GLP_OFF;  // keeps the basis from one objective to the next
    glp_add_cols(lp_.get(), int(vars.size()));
    std::vector<std::pair<std::size_t, int>> column;  // problem unknown -> LP column
    for (std::size_t j = 0; j < vars.size(); ++j) {
      const std::size_t v = vars[j];
      glp_set_col_bnds(lp_.get(), int(j + 1), bound_type(p.lo[v], upper(p, v)), p.lo[v],
                       upper(p, v));
      column.emplace_back(v, int(j + 1));
    }
    std::sort(column.begin(), column.end());
    const auto column_of = [&](std::size_t v) {
      return std::lower_bound(column.begin(), column.end(), std::pair<std::size_t, int>{v, 0})
          ->second;
    };
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    glp_add_rows(lp_.get(), int(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const AuditRow& row = p.rows[rows[i].row];
      glp_set_row_bnds(lp_.get(), int(i + 1), bound_type(row.lo, row.hi),
                       std::isfinite(row.lo) ? row.lo : 0.0, std::isfinite(row.hi) ? row.hi : 0.0);
      for (const auto& [v, c] : rows[i].loose ? rows[i].terms : row.terms) {
        ia.push_back(int(i + 1));
        ja.push_back(column_of(v));
        ar.push_back(c);
      }
      if (rows[i].loose) {  // the other parts' share
        const int slack = glp_add_cols(lp_.get(), 1);
        glp_set_col_bnds(lp_.get(), slack, bound_type(rows[i].others_lo, rows[i].others_hi),
                         rows[i].others_lo, rows[i].others_hi);
        ia.push_back(int(i + 1));
        ja.push_back(slack);
        ar.push_back(1.0);
      }
    }
    glp_load_matrix(lp_.get(), int(ia.size() - 1), ia.data(), ja.data(), ar.data());
    glp_scale_prob(lp_.get(), GLP_SF_AUTO);
    glp_adv_basis(lp_.get(), 0);
  }

  void run(std::vector<AuditVerdict>& out) {
    std::vector<std::size_t> open;  // columns not yet shown protected
    for (std::size_t j = 0; j < vars_.size(); ++j)
      if (!out[vars_[j]].protected_) open.push_back(j);
    // Wholesale: push every open unknown down together, then up, while that shows any.
    for (bool progress = true; progress && open.size() > 1;) {
      progress = false;
      for (const int direction : {GLP_MIN, GLP_MAX}) {
        for (std::size_t j : open) glp_set_obj_coef(lp_.get(), int(j + 1), 1.0);
        const bool ok = solve(direction, out);
        for (std::size_t j : open) glp_set_obj_coef(lp_.get(), int(j + 1), 0.0);
        if (!ok) break;
        const std::size_t before = open.size();
        std::erase_if(open, [&](std::size_t j) { return out[vars_[j]].protected_; });
        progress |= open.size() < before;
      }
    }
    // One by one: down, then up; what holds an unprotected one in is read from the duals.
    for (std::size_t j : open) {
      std::vector<std::size_t> rows, bounds;
      for (const int direction : {GLP_MIN, GLP_MAX}) {
        if (out[vars_[j]].protected_) break;
        glp_set_obj_coef(lp_.get(), int(j + 1), 1.0);
        if (solve(direction, out)) {
          for (std::size_t i = 0; i < rows_.size(); ++i)
            if (std::abs(glp_get_row_dual(lp_.get(), int(i + 1))) > kTolerance)
              rows.push_back(rows_[i].row);
          for (std::size_t k = 0; k < vars_.size(); ++k)
            if (std::abs(glp_get_col_dual(lp_.get(), int(k + 1))) > kTolerance)
              bounds.push_back(vars_[k]);
        }
        glp_set_obj_coef(lp_.get(), int(j + 1), 0.0);
      }
      AuditVerdict& v = out[vars_[j]];
      if (!v.protected_) v.binding_rows = std::move(rows), v.binding_bounds = std::move(bounds);
    }
  }

  // Column j's smallest and largest value; nullopt when an LP fails.
  std::optional<std::pair<double, double>> range(std::size_t j) {
    std::vector<AuditVerdict> scratch(p_.lo.size());
    std::pair<double, double> out;
    for (const int direction : {GLP_MIN, GLP_MAX}) {
      glp_set_obj_coef(lp_.get(), int(j + 1), 1.0);
      const bool ok = solve(direction, scratch);
      glp_set_obj_coef(lp_.get(), int(j + 1), 0.0);
      if (!ok) return std::nullopt;
      (direction == GLP_MIN ? out.first : out.second) = glp_get_col_prim(lp_.get(), int(j + 1));
    }
    return out;
  }

 private:
  // Solves for the current objective; every unknown's value at the solution is a witness.
  bool solve(int direction, std::vector<AuditVerdict>& out) {
    glp_set_obj_dir(lp_.get(), direction);
    ++work_.lps;
    int status = glp_simplex(lp_.get(), &parm_) == 0 ? glp_get_status(lp_.get()) : GLP_UNDEF;
    if (status != GLP_OPT) {  // once more from a fresh basis
      glp_adv_basis(lp_.get(), 0);
      ++work_.lps;
      status = glp_simplex(lp_.get(), &parm_) == 0 ? glp_get_status(lp_.get()) : GLP_UNDEF;
    }
    if (status != GLP_OPT) {
      ++work_.failures;
      glp_adv_basis(lp_.get(), 0);
      return false;
    }
    for (std::size_t j = 0; j < vars_.size(); ++j)
      witness(p_, vars_[j], glp_get_col_prim(lp_.get(), int(j + 1)), out[vars_[j]]);
    return true;
  }

  const AuditProblem& p_;
  const std::vector<std::size_t>& vars_;
  const std::vector<PartRow>& rows_;
  AuditWork& work_;
  std::unique_ptr<glp_prob, LpDeleter> lp_;
  glp_smcp parm_;
};

// The problem's parts: each part's unknowns (by its root) and rows.
struct Parts {
  std::vector<std::vector<std::size_t>> vars;
  std::vector<std::vector<PartRow>> rows;
};

Parts parts_of(const AuditProblem& p) {
  const std::size_t n = p.lo.size();
  UnionFind uf(n);
  const auto loose = [&](const AuditRow& row) { return row.terms.size() > kLooseTerms; };
  for (const AuditRow& row : p.rows)
    if (!loose(row))
      for (std::size_t t = 1; t < row.terms.size(); ++t)
        uf.join(row.terms[0].first, row.terms[t].first);
  std::vector<std::size_t> root(n);
  std::vector<std::vector<std::size_t>> vars(n);  // by part's root, in problem order
  for (std::size_t v = 0; v < n; ++v) vars[root[v] = uf.find(v)].push_back(v);
  std::vector<std::vector<PartRow>> rows(n);
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    const AuditRow& row = p.rows[r];
    if (row.terms.empty()) continue;
    if (!loose(row)) {
      rows[root[row.terms.front().first]].push_back({r, false, 0, 0, {}});
      continue;
    }
    // Each part's share and the whole row's, over the unknowns' bounds.
    double all_lo = 0, all_hi = 0;
    std::vector<std::pair<std::size_t, std::size_t>> share;  // (root, term)
    for (std::size_t t = 0; t < row.terms.size(); ++t) {
      const auto [lo, hi] = term_box(p, row.terms[t].first, row.terms[t].second);
      all_lo += lo, all_hi += hi;
      share.emplace_back(root[row.terms[t].first], t);
    }
    std::sort(share.begin(), share.end());
    for (std::size_t i = 0; i < share.size();) {
      PartRow part{r, true, all_lo, all_hi, {}};
      std::size_t j = i;
      for (; j < share.size() && share[j].first == share[i].first; ++j) {
        const auto& term = row.terms[share[j].second];
        const auto [lo, hi] = term_box(p, term.first, term.second);
        part.others_lo -= lo, part.others_hi -= hi;
        part.terms.push_back(term);
      }
      rows[share[i].first].push_back(std::move(part));
      i = j;
    }
  }
  return {std::move(vars), std::move(rows)};
}

// Runs `solve_part` on each of `parts` on up to `threads` threads, parts in chunks of about
// equal number (a thread's GLPK environment is freed after each chunk: GLPK keeps one per
// thread). Each part writes only its own unknowns' outputs and its chunk's work, so the
// result is the same at any thread count.
void for_each_part(
    const std::vector<const std::vector<std::size_t>*>& parts, int threads, AuditWork& total,
    const std::function<void(const std::vector<std::size_t>&, AuditWork&)>& solve_part) {
  constexpr std::size_t kChunks = 256;
  const std::size_t size = std::max<std::size_t>(1, (parts.size() + kChunks - 1) / kChunks);
  std::vector<AuditWork> work((parts.size() + size - 1) / size);
  std::vector<std::function<void()>> jobs;
  for (std::size_t c = 0; c < work.size(); ++c)
    jobs.push_back([&, c] {
      glp_term_out(GLP_OFF);
      for (std::size_t i = c * size; i < std::min(parts.size(), (c + 1) * size); ++i)
        solve_part(*parts[i], work[c]);
      glp_free_env();
    });
  run_jobs(jobs, threads);
  for (const AuditWork& w : work)
    total.parts += w.parts, total.lps += w.lps, total.failures += w.failures;
}

}  // namespace

std::vector<AuditVerdict> audit_problem(const AuditProblem& p, AuditWork* work_out, int threads) {
  AuditWork work;
  const std::size_t n = p.lo.size();
  std::vector<AuditVerdict> out(n);
  auto [vars, rows] = parts_of(p);
  std::vector<const std::vector<std::size_t>*> dirty;
  for (const auto& part : vars)
    if (!part.empty() &&
        (p.dirty.empty() ||
         std::any_of(part.begin(), part.end(), [&](std::size_t v) { return p.dirty[v]; })))
      dirty.push_back(&part);
  for_each_part(dirty, threads, work, [&](const std::vector<std::size_t>& part, AuditWork& w) {
    for (std::size_t v : part) {
      out[v].audited = true;
      out[v].seen_lo = out[v].seen_hi = p.truth[v];
      witness(p, v, p.truth[v], out[v]);
      if (!p.protected_before.empty() && p.protected_before[v]) out[v].protected_ = true;
    }
    const auto& part_rows = rows[part.front()];
    if (part.size() == 1 && std::none_of(part_rows.begin(), part_rows.end(),
                                         [](const PartRow& r) { return r.loose; })) {
      std::vector<std::size_t> plain;
      for (const PartRow& r : part_rows) plain.push_back(r.row);
      solve_alone(p, part.front(), plain, out[part.front()]);
      return;
    }
    ++w.parts;
    PartSolver(p, part, part_rows, w).run(out);
  });
  if (work_out) *work_out = work;
  return out;
}

std::vector<std::optional<std::pair<double, double>>> value_ranges(const AuditProblem& p,
                                                                   const std::vector<char>& want,
                                                                   int threads,
                                                                   std::size_t max_part) {
  std::vector<std::optional<std::pair<double, double>>> out(p.lo.size());
  auto [vars, rows] = parts_of(p);
  std::vector<const std::vector<std::size_t>*> wanted;
  for (const auto& part : vars)
    if (part.size() <= max_part &&
        std::any_of(part.begin(), part.end(), [&](std::size_t v) { return want[v]; }))
      wanted.push_back(&part);
  AuditWork work;
  for_each_part(wanted, threads, work, [&](const std::vector<std::size_t>& part, AuditWork& w) {
    PartSolver solver(p, part, rows[part.front()], w);
    for (std::size_t j = 0; j < part.size(); ++j) {
      const std::size_t v = part[j];
      if (!want[v]) continue;
      const auto r = solver.range(j);
      if (!r) continue;
      const bool unbounded = !std::isfinite(p.hi[v]) && r->second >= upper(p, v) - 0.5;
      out[v] = std::pair{std::ceil(r->first - kTolerance),
                         unbounded ? kInf : std::floor(r->second + kTolerance)};
    }
  });
  return out;
}

std::vector<std::optional<std::pair<double, double>>> exact_ranges(const AuditProblem& p,
                                                                   const std::vector<char>& want,
                                                                   int threads) {
  // Two LPs a count of a larger part (reach areas chained across a city): minutes nationally.
  auto out = value_ranges(p, want, threads, kMaxRangePart);
  for (auto& r : out)
    if (r && !std::isfinite(r->second)) r.reset();  // unbounded: no range to give
  return out;
}

}  // namespace reachmap
