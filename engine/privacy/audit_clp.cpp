#include "engine/privacy/audit_clp.hpp"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

#include <algorithm>
#include <cmath>

namespace reachmap::audit_lp {

namespace {

constexpr std::uint64_t kSlackBit = std::uint64_t(1) << 63;

double clp_bound(double v) {
  return std::isfinite(v) ? v : (v > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX);
}

}  // namespace

struct ClpPart::Model {
  ClpSimplex lp;
};

ClpPart::ClpPart(const AuditProblem& p, const std::vector<std::size_t>& vars,
                 const std::vector<PartRow>& rows, AuditWork& work,
                 const AuditBasis::Statuses* start)
    : p_(p), vars_(vars), rows_(rows), work_(work), model_(std::make_unique<Model>()) {
  columns_ = part_columns(p, vars, rows, true);  // its rows over one unknown: bounds
  lp_rows_ = std::move(columns_.lp_rows);
  std::vector<double>&col_lo = columns_.lo, &col_hi = columns_.hi;  // slacks added below
  const auto position = [&](std::size_t v) {
    return std::size_t(std::lower_bound(vars.begin(), vars.end(), v) - vars.begin());
  };
  // Columns: the unknowns, then a slack for each loose row (the other parts' share).
  std::vector<int> row_index, col_index;
  std::vector<double> value, row_lo, row_hi;
  for (std::size_t k = 0; k < lp_rows_.size(); ++k) {
    const PartRow& r = rows[lp_rows_[k]];
    row_lo.push_back(clp_bound(p.rows[r.row].lo));
    row_hi.push_back(clp_bound(p.rows[r.row].hi));
    for (const auto& [v, c] : part_terms(p, r)) {
      row_index.push_back(int(k));
      col_index.push_back(int(position(v)));
      value.push_back(c);
    }
    if (r.loose) {
      const int slack = int(col_lo.size());
      slacks_.emplace_back(k, slack);
      col_lo.push_back(r.others_lo);
      col_hi.push_back(r.others_hi);
      row_index.push_back(int(k));
      col_index.push_back(slack);
      value.push_back(1.0);
    }
  }
  CoinPackedMatrix matrix(true, row_index.data(), col_index.data(), value.data(),
                          CoinBigIndex(value.size()));
  matrix.setDimensions(int(lp_rows_.size()), int(col_lo.size()));  // columns no row holds too
  ClpSimplex& lp = model_->lp;
  lp.setLogLevel(0);
  // Every coefficient is 1 or -1: scaling them changes nothing but costs each solve its
  // rescaling (4% of the national audit; the same bases, the same bytes out).
  lp.scaling(0);
  const std::vector<double> objective(col_lo.size(), 0.0);
  lp.loadProblem(matrix, col_lo.data(), col_hi.data(), objective.data(), row_lo.data(),
                 row_hi.data());
  if (!start || start->columns.empty() || p.var_keys.empty()) return;
  // Where the last round ended: a new row basic, a new unknown at its lower bound; used when
  // that makes a basis (as many basic as rows).
  const auto status = [](const std::unordered_map<std::uint64_t, int>& of, std::uint64_t key,
                         ClpSimplex::Status otherwise) {
    const auto it = of.find(key);
    return it == of.end() ? otherwise : ClpSimplex::Status(it->second);
  };
  std::size_t basic = 0;
  lp.createStatus();
  for (std::size_t k = 0; k < lp_rows_.size(); ++k) {
    const auto s = status(start->rows, row_key(k), ClpSimplex::basic);
    lp.setRowStatus(int(k), s);
    basic += s == ClpSimplex::basic;
  }
  for (std::size_t j = 0; j < vars.size(); ++j) {
    const auto s = status(start->columns, p.var_keys[vars[j]], ClpSimplex::atLowerBound);
    lp.setColumnStatus(int(j), s);
    basic += s == ClpSimplex::basic;
  }
  for (const auto& [k, column] : slacks_) {
    const auto s = status(start->columns, row_key(k) | kSlackBit, ClpSimplex::atLowerBound);
    lp.setColumnStatus(column, s);
    basic += s == ClpSimplex::basic;
  }
  if (basic != lp_rows_.size()) lp.allSlackBasis(true);
}

ClpPart::~ClpPart() = default;

std::uint64_t ClpPart::row_key(std::size_t k) const {
  return p_.row_keys[rows_[lp_rows_[k]].row];
}

void ClpPart::save(AuditBasis::Statuses& into) const {
  if (p_.var_keys.empty()) return;
  ClpSimplex& lp = model_->lp;
  for (std::size_t k = 0; k < lp_rows_.size(); ++k)
    into.rows[row_key(k)] = int(lp.getRowStatus(int(k)));
  for (std::size_t j = 0; j < vars_.size(); ++j)
    into.columns[p_.var_keys[vars_[j]]] = int(lp.getColumnStatus(int(j)));
  for (const auto& [k, column] : slacks_)
    into.columns[row_key(k) | kSlackBit] = int(lp.getColumnStatus(column));
}

bool ClpPart::solve(int direction, std::vector<AuditVerdict>& out) {
  ClpSimplex& lp = model_->lp;
  lp.setOptimizationDirection(direction);
  ++work_.lps;
  // After the first solve, its work areas and factorization are kept and reused: a re-solve
  // is often a few pivots, which starting afresh would cost many times over.
  // (ClpSimplex::primal's startFinishOptions: 1 keeps them, 2 reuses the factorization.)
  lp.primal(0, solved_ ? 3 : 1);
  solved_ = true;
  if (lp.status() != 0) {  // once more from the slack basis
    lp.allSlackBasis(true);
    ++work_.lps;
    lp.primal(0, 1);
  }
  if (lp.status() != 0) {
    ++work_.failures;
    lp.allSlackBasis(true);
    return false;
  }
  const double* x = lp.primalColumnSolution();
  for (std::size_t j = 0; j < vars_.size(); ++j) witness(p_, vars_[j], x[j], out[j]);
  return true;
}

bool ClpPart::push(int direction, std::vector<std::size_t>& open, std::vector<AuditVerdict>& out) {
  ClpSimplex& lp = model_->lp;
  for (std::size_t j : open) lp.setObjectiveCoefficient(int(j), 1.0);
  const bool ok = solve(direction, out);
  for (std::size_t j : open) lp.setObjectiveCoefficient(int(j), 0.0);
  if (ok) std::erase_if(open, [&](std::size_t j) { return out[j].protected_; });
  return ok;
}

void ClpPart::push_while_any(int direction, std::vector<AuditVerdict>& out) {
  std::vector<std::size_t> open;
  for (std::size_t j = 0; j < vars_.size(); ++j)
    if (!out[j].protected_) open.push_back(j);
  for (std::size_t before = open.size() + 1; open.size() > 1 && open.size() < before;) {
    before = open.size();
    if (!push(direction, open, out)) break;
  }
}

void ClpPart::one_by_one(std::vector<AuditVerdict>& out, const std::vector<std::size_t>& open) {
  ClpSimplex& lp = model_->lp;
  for (std::size_t j : open) {
    std::vector<std::size_t> rows, bounds;
    for (const int direction : {1, -1}) {
      if (out[j].protected_) break;
      lp.setObjectiveCoefficient(int(j), 1.0);
      if (solve(direction, out)) holding(rows, bounds);
      lp.setObjectiveCoefficient(int(j), 0.0);
    }
    AuditVerdict& v = out[j];
    if (!v.protected_) v.binding_rows = std::move(rows), v.binding_bounds = std::move(bounds);
  }
}

void ClpPart::holding(std::vector<std::size_t>& rows, std::vector<std::size_t>& bounds) const {
  ClpSimplex& lp = model_->lp;
  const double* row_dual = lp.dualRowSolution();
  const double* reduced = lp.dualColumnSolution();
  for (std::size_t k = 0; k < lp_rows_.size(); ++k)
    if (std::abs(row_dual[k]) > kTolerance) rows.push_back(rows_[lp_rows_[k]].row);
  for (std::size_t j = 0; j < vars_.size(); ++j) {
    if (std::abs(reduced[j]) <= kTolerance) continue;
    const auto stat = lp.getColumnStatus(int(j));
    const bool at_lo = stat == ClpSimplex::atLowerBound || stat == ClpSimplex::isFixed,
               at_hi = stat == ClpSimplex::atUpperBound || stat == ClpSimplex::isFixed;
    held_at(columns_, j, at_lo, at_hi, rows_, vars_[j], rows, bounds);
  }
}

}  // namespace reachmap::audit_lp
