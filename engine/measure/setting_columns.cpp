#include "engine/measure/setting_columns.hpp"

#include <map>

#include "engine/measure/marked_counts.hpp"

namespace reachmap {

namespace {
// The marks each count takes: any kind (or a centre no kind lists), each kind, more than one.
std::vector<std::uint64_t> setting_masks(const SettingTypes& settings) {
  std::vector<std::uint64_t> out{~kMoreThanOneSetting};
  for (std::size_t k = 0; k < settings.types.size(); ++k) out.push_back(std::uint64_t(1) << k);
  out.push_back(kMoreThanOneSetting);
  return out;
}
// The shares' names, parallel to the counts.
std::vector<std::string> setting_share_columns(const SettingTypes& settings) {
  std::vector<std::string> out{name_of(Col::kAnySettingReach)};
  for (const ServiceLabel& type : settings.types) out.push_back(setting_reach(type.column));
  out.push_back(name_of(Col::kMultiSettingShare));
  return out;
}
// The columns: each count, then its share of `population` (more than one: of any setting's).
std::vector<TableColumn> setting_columns(const SettingTypes& settings, bool reach_area,
                                         const std::string& population) {
  const auto counts = setting_count_columns(settings, reach_area);
  const auto shares = setting_share_columns(settings);
  std::vector<TableColumn> out;
  for (std::size_t j = 0; j < counts.size(); ++j) {
    out.push_back({counts[j], ColumnKind::kGroupCount});
    push_share_columns(out, shares[j], counts[j], j + 1 < counts.size() ? population : counts[0]);
  }
  return out;
}
// A row's cells from its counts (mask by mask, as setting_masks orders them).
std::vector<Cell> setting_cells(const std::vector<std::int64_t>& counts,
                                const std::optional<double>& population) {
  std::vector<Cell> out;
  out.reserve(4 * counts.size());
  const std::optional<double> any = double(counts[0]);
  for (std::size_t j = 0; j < counts.size(); ++j) {
    out.emplace_back(std::in_place_type<std::int64_t>, counts[j]);
    push_share_cells(out, counts[j], j + 1 < counts.size() ? population : any);
  }
  return out;
}
}  // namespace

std::vector<std::string> setting_count_columns(const SettingTypes& settings, bool reach_area) {
  std::vector<std::string> out{name_of(Col::kSeenAnySetting)};
  for (const ServiceLabel& type : settings.types) out.push_back(seen_by_setting(type.column));
  out.push_back(name_of(Col::kSeenMultiSetting));
  if (reach_area)
    for (std::string& name : out)  // seen_<x> -> reach_area_seen_<x>
      name = reach_area_seen_in_group(name.substr(seen_in_group("").size()));
  return out;
}

void add_setting_columns(Table& t, const std::vector<long>& area_of_child,
                         const std::vector<std::uint32_t>& marks,
                         const std::vector<std::uint8_t>& keys, const SettingTypes& settings) {
  const std::vector<std::uint64_t> masks = setting_masks(settings);
  const std::size_t n = t.rows.size(), m = masks.size();
  const MarkedCounts marked = count_marks(n, area_of_child, marks, keys, masks);
  const auto counts = setting_count_columns(settings, false);
  const std::vector<TableColumn> columns =
      setting_columns(settings, false, name_of(Col::kUnder5Population));
  const std::size_t at = first_band_column(t);
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  for (std::size_t j = 0; j < m; ++j) {
    auto& cell_keys = t.cell_keys[counts[j]];
    cell_keys.clear();
    for (std::size_t a = 0; a < n; ++a) cell_keys.push_back(marked.key[a * m + j]);
  }
  const int c_seen = t.column(Col::kSeenChildren), c_pop = t.column(Col::kUnder5Population);
  for (std::size_t a = 0; a < n; ++a) {
    auto& row = t.rows[a];
    // An area nobody could be placed in (no geometry) has blank counts: so have these.
    if (c_seen >= 0 && std::holds_alternative<std::monostate>(row[std::size_t(c_seen)])) {
      row.insert(row.begin() + long(at), columns.size(), Cell());
      continue;
    }
    const std::vector<std::int64_t> here(marked.count.begin() + long(a * m),
                                         marked.count.begin() + long((a + 1) * m));
    const auto cells =
        setting_cells(here, c_pop >= 0 ? cell_number(row[std::size_t(c_pop)]) : std::nullopt);
    row.insert(row.begin() + long(at), cells.begin(), cells.end());
  }
}

void add_centre_setting_columns(Table& t, const std::vector<Centre>& centres,
                                const std::vector<std::optional<ReachArea>>& reach,
                                const std::vector<std::uint32_t>& marks,
                                const std::vector<std::uint8_t>& keys,
                                const SettingTypes& settings) {
  const int c_id = t.column(Col::kCentreId), c_name = t.column(Col::kCentreName);
  if (c_id < 0) return;
  std::map<std::string, const Centre*> centre_of;
  std::map<std::string, const ReachArea*> area_of;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    centre_of[centres[k].id] = &centres[k];
    if (k < reach.size() && reach[k]) area_of[centres[k].id] = &*reach[k];
  }
  // The kind of setting, beside the name.
  const std::size_t type_at = std::size_t(c_name >= 0 ? c_name : c_id) + 1;
  t.columns.insert(t.columns.begin() + long(type_at), TableColumn(Col::kSettingType));
  for (auto& row : t.rows) {
    const auto it = centre_of.find(std::get<std::string>(row[std::size_t(c_id)]));
    row.insert(row.begin() + long(type_at),
               it == centre_of.end() ? Cell() : Cell(it->second->setting_type));
  }
  const int c_pop = t.column(Col::kReachAreaUnder5Population);
  if (c_pop < 0) return;  // no reach areas
  const std::vector<std::uint64_t> masks = setting_masks(settings);
  const auto counts = setting_count_columns(settings, true);
  const std::vector<TableColumn> columns =
      setting_columns(settings, true, name_of(Col::kReachAreaUnder5Population));
  for (const std::string& name : counts) t.cell_keys[name].assign(t.rows.size(), 0);
  const std::size_t at = first_band_column(t);
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto& row = t.rows[r];
    const auto it = area_of.find(std::get<std::string>(row[std::size_t(c_id)]));
    if (it == area_of.end()) {
      row.insert(row.begin() + long(at), columns.size(), Cell());
      continue;
    }
    const MarkedCounts seen = count_marks_of(it->second->children, marks, keys, masks);
    for (std::size_t j = 0; j < counts.size(); ++j) t.cell_keys[counts[j]][r] = seen.key[j];
    const auto cells = setting_cells(seen.count, cell_number(row[std::size_t(c_pop)]));
    row.insert(row.begin() + long(at), cells.begin(), cells.end());
  }
}

}  // namespace reachmap
