#include "engine/privacy/relations.hpp"

#include <map>

namespace reachmap {

namespace {
// Counts that add up over areas (a derived count, population - seen, does not).
bool is_count(ColumnKind k) {
  return is_count_kind(k) && k != ColumnKind::kDerivedCount;
}
}  // namespace

std::vector<Relation> total_relations(const Table& table, std::size_t table_index) {
  std::vector<Relation> out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (!is_count(table.columns[c].kind)) continue;
    Relation r;
    for (std::size_t row = 0; row < table.rows.size(); ++row)
      r.parts.push_back({table_index, row, c});
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Relation> nesting_relations(const Table& fine, std::size_t fine_index,
                                        const std::vector<long>& fine_area_of_child,
                                        const Table& coarse, std::size_t coarse_index,
                                        const std::vector<long>& coarse_area_of_child,
                                        double agreement) {
  std::vector<Relation> out;
  if (fine.rows.size() <= coarse.rows.size()) return out;
  std::vector<std::map<long, std::size_t>> together(fine.rows.size());
  std::size_t both = 0;
  for (std::size_t c = 0; c < fine_area_of_child.size(); ++c) {
    if (fine_area_of_child[c] < 0 || coarse_area_of_child[c] < 0) continue;
    ++together[std::size_t(fine_area_of_child[c])][coarse_area_of_child[c]];
    ++both;
  }
  std::vector<long> parent(fine.rows.size(), -1);
  std::size_t consistent = 0;
  for (std::size_t f = 0; f < together.size(); ++f) {
    std::size_t best = 0;
    for (const auto& [coarse_area, n] : together[f])
      if (n > best) best = n, parent[f] = coarse_area;
    consistent += best;
  }
  if (both == 0 || static_cast<double>(consistent) < agreement * static_cast<double>(both))
    return out;
  std::vector<std::vector<std::size_t>> members(coarse.rows.size());
  for (std::size_t f = 0; f < parent.size(); ++f)
    if (parent[f] >= 0) members[std::size_t(parent[f])].push_back(f);
  for (std::size_t c = 0; c < fine.columns.size(); ++c) {
    if (!is_count(fine.columns[c].kind)) continue;
    const int cc = coarse.column(fine.columns[c].name);
    if (cc < 0) continue;
    for (std::size_t g = 0; g < members.size(); ++g)
      if (!members[g].empty())
        out.push_back(sum_relation({coarse_index, g, std::size_t(cc)}, fine_index, c, members[g]));
  }
  return out;
}

Relation sum_relation(CellRef total, std::size_t part_table, std::size_t part_column,
                      const std::vector<std::size_t>& rows) {
  Relation r{total, {}};
  for (std::size_t row : rows) r.parts.push_back({part_table, row, part_column});
  return r;
}

}  // namespace reachmap
