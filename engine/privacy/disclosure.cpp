#include "engine/privacy/disclosure.hpp"

namespace reachmap {

DisclosureSummary apply_disclosure_control(Table& table, int min_count) {
  DisclosureSummary summary;
  if (min_count <= 0) return summary;
  const int flag = table.column("suppressed");
  for (auto& row : table.rows) {
    bool suppressed = false;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const ColumnKind kind = table.columns[c].kind;
      if (kind != ColumnKind::kCount && kind != ColumnKind::kGroupCount) continue;
      if (const auto* v = std::get_if<std::int64_t>(&row[c]); v && *v >= 1 && *v < min_count) {
        row[c] = std::monostate{};
        suppressed |= kind == ColumnKind::kCount;
        ++summary.cells_suppressed;
      }
    }
    if (!suppressed) continue;
    ++summary.rows_suppressed;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const ColumnKind kind = table.columns[c].kind;
      if (kind == ColumnKind::kRate || kind == ColumnKind::kDerived) row[c] = std::monostate{};
    }
    if (flag >= 0) row[flag] = true;
  }
  return summary;
}

}  // namespace reachmap
