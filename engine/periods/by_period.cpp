#include "engine/periods/by_period.hpp"

#include "engine/core/error.hpp"

namespace reachmap {

Table stack_periods(const std::vector<NamedPeriod>& periods,
                    const std::vector<const Table*>& tables) {
  Table out;
  if (tables.empty()) return out;
  out.columns = {TableColumn(Col::kPeriod), TableColumn(Col::kPeriodName)};
  out.columns.insert(out.columns.end(), tables[0]->columns.begin(), tables[0]->columns.end());
  for (std::size_t p = 0; p < tables.size(); ++p) {
    const Table& t = *tables[p];
    bool same = t.columns.size() + 2 == out.columns.size();
    for (std::size_t c = 0; same && c < t.columns.size(); ++c)
      same = t.columns[c].name == out.columns[c + 2].name;
    if (!same)
      throw Error(ErrorCode::kInternal,
                  "the tables of the periods differ in their columns (" + periods[p].name + ")", {},
                  "report this: every period is measured by the same code");
    const std::string label = period_label(periods[p].period);
    for (const auto& row : t.rows) {
      std::vector<Cell> cells{label, periods[p].name};
      cells.insert(cells.end(), row.begin(), row.end());
      out.rows.push_back(std::move(cells));
    }
    for (const auto& [name, keys] : t.cell_keys) {
      auto& into = out.cell_keys[name];
      into.insert(into.end(), keys.begin(), keys.end());
    }
  }
  return out;
}

}  // namespace reachmap
