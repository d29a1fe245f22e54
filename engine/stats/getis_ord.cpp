#include "engine/stats/getis_ord.hpp"

#include <algorithm>
#include <cmath>

namespace reachmap {

Neighbours include_self(const Neighbours& nb) {
  Neighbours out = nb;
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].insert(std::lower_bound(out[i].begin(), out[i].end(), i), i);
  return out;
}

std::vector<double> getis_ord_gi_star(const std::vector<double>& x, const WeightsMatrix& w) {
  const double n = static_cast<double>(x.size());
  double sum = 0, sum2 = 0;
  for (double v : x) sum += v, sum2 += v * v;
  const double mean = sum / n;
  const double s = std::sqrt(sum2 / n - mean * mean);
  std::vector<double> g(x.size(), 0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    double lag = 0, wi = 0, s1 = 0;
    for (WeightsMatrix::InnerIterator it(w, static_cast<long>(i)); it; ++it) {
      lag += it.value() * x[static_cast<std::size_t>(it.col())];
      wi += it.value();
      s1 += it.value() * it.value();
    }
    g[i] = (lag - wi * mean) / (s * std::sqrt((n * s1 - wi * wi) / (n - 1)));
  }
  return g;
}

}  // namespace reachmap
