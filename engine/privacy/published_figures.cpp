// The figures disclosure control writes: a rate of a (protected) count, and every published
// figure at its registry's decimals (declared in disclosure.hpp).
#include <algorithm>
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

void recompute_derived_counts(Table& t, const std::function<std::int64_t(std::int64_t)>& publish) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const TableColumn& col = t.columns[c];
    if (col.kind != ColumnKind::kDerivedCount) continue;
    int pop = -1;  // the population whose sums hold it (under5_population = seen + unreached)
    for (std::size_t p = 0; p < t.columns.size() && pop < 0; ++p)
      if (t.columns[p].kind == ColumnKind::kPopulation)
        for (const auto& parts : t.columns[p].sums)
          if (std::find(parts.begin(), parts.end(), col.name) != parts.end()) pop = int(p);
    const int src = t.column(col.source);
    for (auto& row : t.rows) {
      if (!cell_number(row[c])) continue;
      const auto seen = src >= 0 ? cell_number(row[std::size_t(src)]) : std::nullopt;
      const auto n = pop >= 0 ? cell_number(row[std::size_t(pop)]) : std::nullopt;
      row[c] = seen && n ? Cell(publish(std::llround(std::max(0.0, *n - *seen))))
                         : Cell(std::monostate{});
    }
  }
}

}  // namespace reachmap
