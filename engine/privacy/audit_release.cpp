#include "engine/privacy/audit_release.hpp"

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

#include <algorithm>
#include <cmath>

namespace reachmap {

namespace {
constexpr double kMoved = 1e-7;  // a published count moved less than this stays published
double clp_bound(double v) {
  return std::isfinite(v) ? v : (v > 0 ? COIN_DBL_MAX : -COIN_DBL_MAX);
}
}  // namespace

ReleaseLp::ReleaseLp(const AuditProblem& problem, std::vector<double> cost)
    : p_(problem), cost_(std::move(cost)), rows_of_(problem.truth.size()) {
  for (std::size_t r = 0; r < p_.rows.size(); ++r)
    for (const auto& [v, coef] : p_.rows[r].terms) rows_of_[v].push_back(r);
}

std::optional<std::vector<std::size_t>> ReleaseLp::cheapest(std::size_t target,
                                                            int direction) const {
  const double bound = direction < 0 ? p_.down[target] : p_.up[target];
  if (direction < 0 ? p_.lo[target] > bound : p_.hi[target] < bound) return std::nullopt;
  std::vector<std::size_t> vars(p_.truth.size());
  for (std::size_t v = 0; v < vars.size(); ++v) vars[v] = v;
  return solve(vars, target, direction);
}

std::optional<std::vector<std::size_t>> ReleaseLp::solve(const std::vector<std::size_t>& vars,
                                                         std::size_t target, int direction) const {
  // Columns: a hidden count's value; a published count's move up and its move down from its
  // truth, each at its cost.
  std::vector<int> first(vars.size());
  std::vector<double> col_lo, col_hi, objective;
  std::vector<int> position(p_.truth.size(), -1);
  for (std::size_t j = 0; j < vars.size(); ++j) {
    const std::size_t v = vars[j];
    position[v] = int(j);
    first[j] = int(col_lo.size());
    if (cost_[v] <= 0) {
      double lo = p_.lo[v], hi = p_.hi[v];
      if (v == target) (direction < 0 ? hi : lo) = direction < 0 ? p_.down[v] : p_.up[v];
      col_lo.push_back(lo), col_hi.push_back(clp_bound(hi)), objective.push_back(0);
    } else {
      col_lo.push_back(0), col_hi.push_back(clp_bound(p_.hi[v] - p_.truth[v]));
      col_lo.push_back(0), col_hi.push_back(clp_bound(p_.truth[v] - p_.lo[v]));
      objective.push_back(cost_[v]), objective.push_back(cost_[v]);
    }
  }
  std::vector<char> row_in(p_.rows.size(), 0);
  std::vector<int> row_index, col_index;
  std::vector<double> value, row_lo, row_hi;
  for (const std::size_t v : vars)
    for (const std::size_t r : rows_of_[v]) {
      if (row_in[r]) continue;
      row_in[r] = 1;
      const AuditRow& row = p_.rows[r];
      const int k = int(row_lo.size());
      double shift = 0;  // the terms held at their truth, and the published counts' truths
      for (const auto& [u, coef] : row.terms) {
        const int j = position[u];
        if (j < 0 || cost_[u] > 0) shift += coef * p_.truth[u];
        if (j < 0) continue;
        row_index.push_back(k), col_index.push_back(first[std::size_t(j)]), value.push_back(coef);
        if (cost_[u] > 0)
          row_index.push_back(k), col_index.push_back(first[std::size_t(j)] + 1),
              value.push_back(-coef);
      }
      row_lo.push_back(clp_bound(row.lo - shift)), row_hi.push_back(clp_bound(row.hi - shift));
    }
  CoinPackedMatrix matrix(true, row_index.data(), col_index.data(), value.data(),
                          CoinBigIndex(value.size()));
  matrix.setDimensions(int(row_lo.size()), int(col_lo.size()));
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, col_lo.data(), col_hi.data(), objective.data(), row_lo.data(),
                 row_hi.data());
  lp.dual();
  if (lp.status() != 0) lp.primal();
  if (lp.status() != 0) return std::nullopt;
  const double* x = lp.primalColumnSolution();
  std::vector<std::size_t> moved;
  for (std::size_t j = 0; j < vars.size(); ++j)
    if (cost_[vars[j]] > 0 && x[first[j]] + x[first[j] + 1] > kMoved) moved.push_back(vars[j]);
  return moved;
}

}  // namespace reachmap
