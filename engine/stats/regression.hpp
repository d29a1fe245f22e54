// Weighted least squares (Eigen): the expected seen reach of an area given its deprivation and
// distance to a centre, weighted by population.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

struct Regression {
  std::vector<std::string> terms;  // "intercept" first
  std::vector<double> coefficients;
  std::vector<double> fitted;
};

// `columns[k][i]` is term k (after the intercept) for observation i.
Regression weighted_least_squares(const std::vector<std::string>& terms,
                                  const std::vector<std::vector<double>>& columns,
                                  const std::vector<double>& y, const std::vector<double>& weights);

}  // namespace reachmap
