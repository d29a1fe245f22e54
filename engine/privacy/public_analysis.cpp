#include "engine/privacy/public_analysis.hpp"

#include "engine/privacy/disclosure.hpp"

namespace reachmap {

Table public_measures(const Table& table) {
  Table t = table;
  const int c_pop = t.column(Col::kUnder5Population), c_seen = t.column(Col::kSeenChildren);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (!is_count_kind(t.columns[c].kind)) continue;
    const int b = t.column(band_of(t.columns[c].name));
    if (b < 0) continue;
    for (auto& row : t.rows) {
      const auto* text = std::get_if<std::string>(&row[std::size_t(b)]);
      const auto band = text ? parse_band(*text) : std::nullopt;
      if (band && !cell_number(row[c])) row[c] = double(band->first + band->second) / 2;
    }
  }
  // A seen count hidden with no band published: nothing public says what it is.
  if (c_pop >= 0 && c_seen >= 0)
    for (auto& row : t.rows)
      if (!cell_number(row[std::size_t(c_seen)])) row[std::size_t(c_pop)] = std::monostate{};
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const TableColumn& col = t.columns[c];
    if (col.kind != ColumnKind::kRate) continue;
    const int src = t.column(col.source), den = t.column(col.denominator);
    for (auto& row : t.rows) {
      const auto count = src >= 0 ? cell_number(row[std::size_t(src)]) : std::nullopt;
      row[c] = count ? rate_of(col.formula, *count,
                               den >= 0 ? cell_number(row[std::size_t(den)]) : std::nullopt)
                     : Cell(std::monostate{});
    }
  }
  return t;
}

LayerStatistics analyse_in_public(Table& table, const LayerResult& layer,
                                  const RunSettings& settings, int threads) {
  Table input = public_measures(table);
  const std::size_t first = table.columns.size();
  LayerStatistics st = analyse_layer(input, layer.boundary, layer.covariates, settings.analysis,
                                     settings.seed, layer.population.has_value(), threads,
                                     settings.config_file, &layer.statistics.neighbours_by_row);
  table.columns.insert(table.columns.end(), input.columns.begin() + long(first),
                       input.columns.end());
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    table.rows[r].insert(table.rows[r].end(), input.rows[r].begin() + long(first),
                         input.rows[r].end());
  round_published_decimals(table);
  return st;
}

}  // namespace reachmap
