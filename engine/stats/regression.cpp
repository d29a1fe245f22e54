#include "engine/stats/regression.hpp"

#include <Eigen/Dense>

namespace reachmap {

Regression weighted_least_squares(const std::vector<std::string>& terms,
                                  const std::vector<std::vector<double>>& columns,
                                  const std::vector<double>& y,
                                  const std::vector<double>& weights) {
  const long n = static_cast<long>(y.size()), p = static_cast<long>(columns.size()) + 1;
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd Y(n), W(n);
  for (long i = 0; i < n; ++i) {
    X(i, 0) = 1;
    for (long k = 1; k < p; ++k) X(i, k) = columns[static_cast<std::size_t>(k - 1)][std::size_t(i)];
    Y(i) = y[std::size_t(i)];
    W(i) = weights[std::size_t(i)];
  }
  const Eigen::MatrixXd xtw = X.transpose() * W.asDiagonal();
  const Eigen::VectorXd beta = (xtw * X).ldlt().solve(xtw * Y);
  const Eigen::VectorXd fitted = X * beta;
  Regression r;
  r.terms.push_back("intercept");
  r.terms.insert(r.terms.end(), terms.begin(), terms.end());
  r.coefficients.assign(beta.data(), beta.data() + p);
  r.fitted.assign(fitted.data(), fitted.data() + n);
  return r;
}

}  // namespace reachmap
