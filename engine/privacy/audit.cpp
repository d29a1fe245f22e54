#include "engine/privacy/audit.hpp"

#include <glpk.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>

#include "engine/core/parallel.hpp"
#include "engine/privacy/audit_clp.hpp"
#include "engine/privacy/audit_local.hpp"
#include "engine/privacy/audit_lp.hpp"
#include "engine/privacy/audit_plane.hpp"

namespace reachmap {

namespace {

using namespace audit_lp;

// A row over more unknowns than this (a layer's total, a decile's row of the equity table) does
// not join them into one part: in each part it holds, the other parts' share is one slack
// bounded by their unknowns' bounds. Exact when the other parts can move their share as their
// bounds allow, which hundreds of hidden counts in other areas can; it keeps a national set of
// 60,000 hidden counts in parts of tens instead of one LP of 60,000.
constexpr std::size_t kLooseTerms = 200;

// exact_ranges gives no range in a part of more unknowns than this (reach areas chained across
// a city): two LPs per count there would cost minutes on the national set.
constexpr std::size_t kMaxRangePart = 1000;

// A part of more unknowns than this (reach areas chained across a city: thousands on a
// national set, where one solve costs milliseconds however little it changes) is solved with
// Clp (audit_clp.hpp), with two LPs for its wholesale solves, down and up, each a job of its
// own, started first; its rows over one unknown become bounds; its LPs start from the bases
// they ended the last audit with (AuditBasis); and a count they leave open is tried in its
// neighbourhood before the part.
constexpr std::size_t kLargePart = 500;
// A large part's counts left open by its wholesale solves are shown one by one in this many
// slices, each a job with an LP of its own (fewer than kSliceMin: one).
constexpr std::size_t kSlices = 4;
constexpr std::size_t kSliceMin = 64;

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

// What `seen` (a copy of `into` that more solutions were noted in) adds to it.
void note(const AuditVerdict& seen, AuditVerdict& into) {
  into.seen_lo = std::min(into.seen_lo, seen.seen_lo);
  into.seen_hi = std::max(into.seen_hi, seen.seen_hi);
  into.protected_ |= seen.protected_;
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

// A part of one or two unknowns from its polygon (audit_plane.hpp) when that shows every one
// protected; otherwise false, `out` untouched, and the part's LP names what holds a count in.
bool solved_in_the_plane(const AuditProblem& p, const std::vector<std::size_t>& vars,
                         const std::vector<PartRow>& rows, std::vector<AuditVerdict>& out) {
  const auto ranges = plane_ranges(p, vars, rows);
  if (!ranges) return false;
  std::array<AuditVerdict, 2> seen;
  for (std::size_t j = 0; j < vars.size(); ++j) {
    seen[j] = out[vars[j]];
    witness(p, vars[j], (*ranges)[j].first, seen[j]);
    witness(p, vars[j], (*ranges)[j].second, seen[j]);
    if (!seen[j].protected_) return false;
  }
  for (std::size_t j = 0; j < vars.size(); ++j) out[vars[j]] = std::move(seen[j]);
  return true;
}

// A part with two or more unknowns (a large one: audit_clp.hpp): one LP, re-solved from the
// last basis for each objective.
class PartSolver {
 public:
  PartSolver(const AuditProblem& p, const std::vector<std::size_t>& vars,
             const std::vector<PartRow>& rows, AuditWork& work)
      : p_(p), vars_(vars), rows_(rows), work_(work), lp_(glp_create_prob()) {
    glp_init_smcp(&parm_);
    parm_.msg_lev = GLP_MSG_OFF;
    parm_.presolve = GLP_OFF;  // keeps the basis from one objective to the next
    // A part of more than kLargePart unknowns (value_ranges solves them here): its rows over
    // one unknown folded into bounds.
    columns_ = part_columns(p, vars, rows, vars.size() > kLargePart);
    lp_rows_ = std::move(columns_.lp_rows);
    const auto position = [&](std::size_t v) {
      return std::size_t(std::lower_bound(vars.begin(), vars.end(), v) - vars.begin());
    };
    glp_add_cols(lp_.get(), int(vars.size()));
    for (std::size_t j = 0; j < vars.size(); ++j)
      set_col_bounds(lp_.get(), int(j + 1), columns_.lo[j], columns_.hi[j]);
    std::vector<const PartRow*> lp_rows;
    for (std::size_t i : lp_rows_) lp_rows.push_back(&rows[i]);
    load_rows(lp_.get(), p, lp_rows, [&](std::size_t v) { return int(position(v) + 1); });
    glp_scale_prob(lp_.get(), GLP_SF_AUTO);
    glp_adv_basis(lp_.get(), 0);
  }

  // Every unknown not yet shown protected.
  void run(std::vector<AuditVerdict>& out) { one_by_one(out, wholesale(out)); }

  // Pushes every unknown not yet shown protected down together, then up, while that shows any;
  // the positions of those still open.
  std::vector<std::size_t> wholesale(std::vector<AuditVerdict>& out) {
    std::vector<std::size_t> open = still_open(out);
    for (bool progress = true; progress && open.size() > 1;) {
      progress = false;
      for (const int direction : {GLP_MIN, GLP_MAX}) {
        const std::size_t before = open.size();
        if (!push(direction, open, out)) break;
        progress |= open.size() < before;
      }
    }
    return open;
  }

  // The unknowns at positions `open` one by one: down, then up; what holds an unprotected one
  // in is read from the duals.
  void one_by_one(std::vector<AuditVerdict>& out, const std::vector<std::size_t>& open) {
    for (std::size_t j : open) {
      std::vector<std::size_t> rows, bounds;
      for (const int direction : {GLP_MIN, GLP_MAX}) {
        if (out[vars_[j]].protected_) break;
        glp_set_obj_coef(lp_.get(), int(j + 1), 1.0);
        if (solve(direction, out)) holding(rows, bounds);
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
  std::vector<std::size_t> still_open(const std::vector<AuditVerdict>& out) const {
    std::vector<std::size_t> open;
    for (std::size_t j = 0; j < vars_.size(); ++j)
      if (!out[vars_[j]].protected_) open.push_back(j);
    return open;
  }

  // The unknowns at positions `open` pushed together in `direction`; those it shows protected
  // leave `open`. False when the LP fails.
  bool push(int direction, std::vector<std::size_t>& open, std::vector<AuditVerdict>& out) {
    for (std::size_t j : open) glp_set_obj_coef(lp_.get(), int(j + 1), 1.0);
    const bool ok = solve(direction, out);
    for (std::size_t j : open) glp_set_obj_coef(lp_.get(), int(j + 1), 0.0);
    if (ok) std::erase_if(open, [&](std::size_t j) { return out[vars_[j]].protected_; });
    return ok;
  }

  // What holds the last solution's objective in: rows and bounds with non-zero duals (a bound
  // folded from a row: that row).
  void holding(std::vector<std::size_t>& rows, std::vector<std::size_t>& bounds) const {
    for (std::size_t k = 0; k < lp_rows_.size(); ++k)
      if (std::abs(glp_get_row_dual(lp_.get(), int(k + 1))) > kTolerance)
        rows.push_back(rows_[lp_rows_[k]].row);
    for (std::size_t j = 0; j < vars_.size(); ++j) {
      if (std::abs(glp_get_col_dual(lp_.get(), int(j + 1))) <= kTolerance) continue;
      const int stat = glp_get_col_stat(lp_.get(), int(j + 1));
      const bool at_lo = stat == GLP_NL || stat == GLP_NS, at_hi = stat == GLP_NU || stat == GLP_NS;
      held_at(columns_, j, at_lo, at_hi, rows_, vars_[j], rows, bounds);
    }
  }

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
  std::vector<std::size_t> lp_rows_;  // the LP's rows: positions in rows_
  PartColumns columns_;
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
  // Each part's unknowns and rows counted first, so that each list is made once at its size:
  // tens of thousands of parts a round, nationally.
  std::vector<std::uint32_t> var_count(n, 0), row_count(n, 0);
  for (std::size_t v = 0; v < n; ++v) ++var_count[root[v] = uf.find(v)];
  for (const AuditRow& row : p.rows) {
    if (row.terms.empty()) continue;
    if (!loose(row)) {
      ++row_count[root[row.terms.front().first]];
      continue;
    }
    std::size_t last = n;
    for (const auto& term : row.terms)  // a loose row's parts (each once or more: a bound)
      if (const std::size_t r = root[term.first]; r != last) ++row_count[r], last = r;
  }
  std::vector<std::vector<std::size_t>> vars(n);  // by part's root, in problem order
  std::vector<std::vector<PartRow>> rows(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (var_count[v]) vars[v].reserve(var_count[v]);
    if (row_count[v]) rows[v].reserve(row_count[v]);
  }
  for (std::size_t v = 0; v < n; ++v) vars[root[v]].push_back(v);
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

// Runs `jobs` on up to `threads` threads, each with its own GLPK environment (GLPK keeps one
// per thread: it is freed after each job) and its own tally of work. Each job writes only its
// own outputs, so the result is the same at any thread count.
void run_lp_jobs(const std::vector<std::function<void(AuditWork&)>>& jobs, int threads,
                 AuditWork& total) {
  std::vector<AuditWork> work(jobs.size());
  std::vector<std::function<void()>> wrapped;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    wrapped.push_back([&, i] {
      glp_term_out(GLP_OFF);
      jobs[i](work[i]);
      glp_free_env();
    });
  run_jobs(wrapped, threads);
  for (const AuditWork& w : work)
    total.parts += w.parts, total.lps += w.lps, total.failures += w.failures,
        total.pinned_near += w.pinned_near;
}

// One job per chunk of about equal numbers of parts: tens of thousands of small parts. `parts`
// must outlive the jobs.
void add_part_jobs(const std::vector<const std::vector<std::size_t>*>& parts,
                   const std::function<void(const std::vector<std::size_t>&, AuditWork&)>& solve,
                   std::vector<std::function<void(AuditWork&)>>& jobs) {
  constexpr std::size_t kChunks = 256;
  const std::size_t size = std::max<std::size_t>(1, (parts.size() + kChunks - 1) / kChunks);
  for (std::size_t first = 0; first < parts.size(); first += size)
    jobs.push_back([&parts, solve, first, size](AuditWork& w) {
      for (std::size_t i = first; i < std::min(parts.size(), first + size); ++i)
        solve(*parts[i], w);
    });
}

}  // namespace

std::vector<AuditVerdict> audit_problem(const AuditProblem& p, AuditWork* work_out, int threads,
                                        AuditBasis* basis) {
  AuditWork work;
  std::vector<AuditVerdict> out(p.lo.size());
  auto [vars, rows] = parts_of(p);
  std::vector<const std::vector<std::size_t>*> small, large;
  for (const auto& part : vars) {
    if (part.empty() ||
        !(p.dirty.empty() ||
          std::any_of(part.begin(), part.end(), [&](std::size_t v) { return p.dirty[v]; })))
      continue;
    for (std::size_t v : part) {
      out[v].audited = true;
      out[v].seen_lo = out[v].seen_hi = p.truth[v];
      witness(p, v, p.truth[v], out[v]);
      if (!p.protected_before.empty() && p.protected_before[v]) out[v].protected_ = true;
    }
    (part.size() > kLargePart ? large : small).push_back(&part);
  }
  std::vector<std::function<void(AuditWork&)>> jobs;
  // A large part's wholesale solves: down and up, each a job with its own LP, started first.
  // Each notes its solutions in a copy of the part's verdicts (by position in the part),
  // merged afterwards.
  std::vector<AuditBasis> ended(large.size());
  std::vector<std::array<std::vector<AuditVerdict>, 2>> pushed(large.size());
  for (std::size_t i = 0; i < large.size(); ++i)
    for (const bool up : {false, true})
      jobs.push_back([&, i, up](AuditWork& w) {
        const auto& part = *large[i];
        w.parts += !up;
        std::vector<AuditVerdict>& seen = pushed[i][up];
        seen.reserve(part.size());
        for (std::size_t v : part) seen.push_back(out[v]);
        ClpPart solver(p, part, rows[part.front()], w,
                       basis ? &(up ? basis->up : basis->down) : nullptr);
        solver.push_while_any(up ? -1 : 1, seen);
        solver.save(up ? ended[i].up : ended[i].down);
      });
  add_part_jobs(
      small,
      [&](const std::vector<std::size_t>& part, AuditWork& w) {
        const auto& part_rows = rows[part.front()];
        if (part.size() == 1 && std::none_of(part_rows.begin(), part_rows.end(),
                                             [](const PartRow& r) { return r.loose; })) {
          std::vector<std::size_t> plain;
          for (const PartRow& r : part_rows) plain.push_back(r.row);
          solve_alone(p, part.front(), plain, out[part.front()]);
          return;
        }
        ++w.parts;
        if (solved_in_the_plane(p, part, part_rows, out)) return;
        PartSolver(p, part, part_rows, w).run(out);
      },
      jobs);
  run_lp_jobs(jobs, threads, work);
  std::vector<std::vector<std::size_t>> open(large.size());  // by part: positions still open
  for (std::size_t i = 0; i < large.size(); ++i)
    for (std::size_t j = 0; j < large[i]->size(); ++j) {
      const std::size_t v = (*large[i])[j];
      for (const auto& seen : pushed[i]) note(seen[j], out[v]);
      if (!out[v].protected_) open[i].push_back(j);
    }
  // A large part's open counts pinned within their neighbourhoods need no LP of the part's
  // (audit_local.hpp): in chunks, a job each.
  std::vector<std::unique_ptr<Neighbourhoods>> near(large.size());
  std::vector<std::vector<char>> pinned(large.size());
  jobs.clear();
  for (std::size_t i = 0; i < large.size(); ++i) {
    near[i] = std::make_unique<Neighbourhoods>(p, *large[i], rows[large[i]->front()]);
    pinned[i].assign(open[i].size(), 0);
    constexpr std::size_t kChunk = 32;
    for (std::size_t first = 0; first < open[i].size(); first += kChunk)
      jobs.push_back([&, i, first](AuditWork& w) {
        for (std::size_t k = first; k < std::min(open[i].size(), first + kChunk); ++k)
          w.pinned_near += pinned[i][k] =
              near[i]->shows_unprotected(open[i][k], out[(*large[i])[open[i][k]]], w);
      });
  }
  run_lp_jobs(jobs, threads, work);
  for (std::size_t i = 0; i < large.size(); ++i) {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < open[i].size(); ++k)
      if (!pinned[i][k]) open[i][kept++] = open[i][k];
    open[i].resize(kept);
  }
  // The rest one by one, in a fixed number of slices a job (the same at any
  // thread count), each slice an LP of its own from where the wholesale solves ended. A slice
  // notes its solutions in a copy of the part's verdicts; the copies are merged in slice order.
  struct Slice {
    std::size_t part;
    std::vector<std::size_t> open;
    std::vector<AuditVerdict> seen;  // by position in the part
  };
  std::vector<Slice> slices;
  for (std::size_t i = 0; i < large.size(); ++i) {
    const std::size_t count = open[i].size() < kSliceMin ? 1 : kSlices;
    for (std::size_t s = 0; s < count; ++s) {
      Slice slice{i, {}, {}};
      for (std::size_t k = s; k < open[i].size(); k += count) slice.open.push_back(open[i][k]);
      if (!slice.open.empty()) slices.push_back(std::move(slice));
    }
  }
  jobs.clear();
  for (Slice& slice : slices)
    jobs.push_back([&, s = &slice](AuditWork& w) {
      const auto& part = *large[s->part];
      s->seen.reserve(part.size());
      for (std::size_t v : part) s->seen.push_back(out[v]);
      ClpPart(p, part, rows[part.front()], w, &ended[s->part].down).one_by_one(s->seen, s->open);
    });
  run_lp_jobs(jobs, threads, work);
  for (const Slice& slice : slices)
    for (std::size_t j = 0; j < large[slice.part]->size(); ++j)
      note(slice.seen[j], out[(*large[slice.part])[j]]);
  for (const Slice& slice : slices)
    for (std::size_t j : slice.open) {
      const std::size_t v = (*large[slice.part])[j];
      if (!out[v].protected_)
        out[v].binding_rows = slice.seen[j].binding_rows,
        out[v].binding_bounds = slice.seen[j].binding_bounds;
    }
  if (basis && !large.empty()) {  // in part order: the same at any thread count
    AuditBasis merged;
    const auto merge = [](AuditBasis::Statuses& into, AuditBasis::Statuses& from) {
      into.columns.merge(from.columns);
      into.rows.merge(from.rows);
    };
    for (AuditBasis& b : ended) merge(merged.down, b.down), merge(merged.up, b.up);
    merge(merged.down, basis->down);  // parts not solved this time keep theirs
    merge(merged.up, basis->up);
    *basis = std::move(merged);
  }
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
  std::vector<std::function<void(AuditWork&)>> jobs;
  const auto solve = [&](const std::vector<std::size_t>& part, AuditWork& w) {
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
  };
  add_part_jobs(wanted, solve, jobs);
  run_lp_jobs(jobs, threads, work);
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
