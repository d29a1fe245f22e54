#include "engine/privacy/perturbation.hpp"

#include <algorithm>
#include <cmath>

#include "engine/core/error.hpp"

namespace reachmap {

DisclosureSummary apply_perturbation(Table& t, const PerturbationTable& ptable) {
  DisclosureSummary s;
  // The counts of children, each by its own cell key.
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const TableColumn& col = t.columns[c];
    if (col.kind != ColumnKind::kCount && col.kind != ColumnKind::kGroupCount) continue;
    const auto keys = t.cell_keys.find(col.name);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto v = cell_number(t.rows[r][c]);
      if (!v) continue;
      if (keys == t.cell_keys.end() || r >= keys->second.size())
        throw Error(ErrorCode::kInternal,
                    "the count column '" + col.name + "' has no cell keys to perturb it with", {},
                    "please report this: every count needs its children's record keys");
      const auto n = static_cast<std::int64_t>(std::llround(*v));
      const std::int64_t p = ptable.perturbed(n, keys->second[r]);
      s.perturbed_cells += p != n;
      t.rows[r][c] = p;
    }
  }
  // Then what is made from them: derived counts, rates; statistics are the public analysis's.
  recompute_derived_counts(t, [](std::int64_t n) { return n; });
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].kind == ColumnKind::kStatistic)
      for (auto& row : t.rows) row[c] = std::monostate{};
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const TableColumn& col = t.columns[c];
    if (col.kind != ColumnKind::kRate) continue;
    const int src = t.column(col.source), d = t.column(col.denominator);
    for (auto& row : t.rows) {
      const auto count = src >= 0 ? cell_number(row[std::size_t(src)]) : std::nullopt;
      row[c] = count ? rate_of(col.formula, *count,
                               d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt)
                     : Cell(std::monostate{});
    }
  }
  return s;
}

}  // namespace reachmap
