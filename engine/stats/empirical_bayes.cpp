#include "engine/stats/empirical_bayes.hpp"

#include <algorithm>
#include <numeric>

namespace reachmap {

std::vector<double> eb_global(const std::vector<double>& events,
                              const std::vector<double>& population) {
  const std::size_t n = events.size();
  const double total_e = std::accumulate(events.begin(), events.end(), 0.0);
  const double total_p = std::accumulate(population.begin(), population.end(), 0.0);
  const double m = total_e / total_p;  // the overall rate
  const double mean_p = total_p / static_cast<double>(n);
  double s2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = events[i] / population[i];
    s2 += population[i] * (r - m) * (r - m);
  }
  s2 /= total_p;
  const double a = std::max(0.0, s2 - m / mean_p);  // prior variance, never negative
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double r = events[i] / population[i];
    const double shrink = a == 0 ? 0.0 : a / (a + m / population[i]);
    out[i] = m + shrink * (r - m);
  }
  return out;
}

std::vector<double> eb_local(const std::vector<double>& events,
                             const std::vector<double>& population, const Neighbours& nb) {
  const std::size_t n = events.size();
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> set = nb[i];
    set.push_back(i);
    double se = 0, sp = 0;
    for (std::size_t j : set) se += events[j], sp += population[j];
    const double m = se / sp;
    double s2 = 0;
    for (std::size_t j : set) {
      const double r = events[j] / population[j];
      s2 += population[j] * (r - m) * (r - m);
    }
    s2 /= sp;
    const double mean_p = sp / static_cast<double>(set.size());
    const double a = std::max(0.0, s2 - m / mean_p);
    const double r = events[i] / population[i];
    out[i] = m + (a == 0 ? 0.0 : a / (a + m / population[i])) * (r - m);
  }
  return out;
}

}  // namespace reachmap
