// The figures disclosure control writes: a rate of a (protected) count, and every published
// figure at its registry's decimals (declared in disclosure.hpp).
#include <cmath>

#include "engine/privacy/disclosure.hpp"
#include "engine/stats/poisson.hpp"
#include "engine/stats/wilson.hpp"

namespace reachmap {

namespace {

double round_to(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(v * f) / f;
  return r == 0 ? 0.0 : r;  // never "-0"
}

}  // namespace

Cell rate_of(Formula formula, double count, std::optional<double> denominator) {
  switch (formula) {
    case Formula::kPoissonLow:
      return poisson_interval(count).low;
    case Formula::kPoissonHigh:
      return poisson_interval(count).high;
    case Formula::kNone:
      return std::monostate{};
    default:
      break;
  }
  if (!denominator || *denominator <= 0) return std::monostate{};
  if (formula == Formula::kProportion) return count / *denominator;
  if (count > *denominator) return std::monostate{};
  const Interval ci = wilson_interval(count, *denominator);
  return formula == Formula::kWilsonLow ? ci.low : ci.high;
}

void round_published_decimals(Table& table) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const int decimals = table.columns[c].published_decimals;
    if (decimals < 0) continue;
    for (auto& row : table.rows)
      if (auto* d = std::get_if<double>(&row[c])) *d = round_to(*d, decimals);
  }
}

}  // namespace reachmap
