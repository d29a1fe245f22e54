#include "engine/measure/area_values.hpp"

#include <cmath>

#include <unordered_map>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

std::optional<AcrossVintages> across_vintages(const VintageLookup* lookup, CodeVintage codes,
                                              const BoundaryLayer& layer, std::vector<Combine> how,
                                              Column weight) {
  if (codes == CodeVintage::kLayer || !lookup) return std::nullopt;
  return AcrossVintages{VintageBridge(*lookup, codes, layer), std::move(how), std::move(weight)};
}

AreaValues load_area_values(const CsvSource& source, const BoundaryLayer& layer, const Column& area,
                            const std::vector<Column>& columns, bool non_negative,
                            const std::string& bad_reason, Accounting& accounting,
                            const AcrossVintages* across, const std::vector<ValueRange>& ranges) {
  CsvReader csv(source);
  const std::string& display = source.display;
  const std::size_t c_area = csv.require_column(area);
  std::vector<std::size_t> c_values;
  for (const auto& c : columns) c_values.push_back(csv.require_column(c));
  const bool weighted = across && !across->weight.name.empty();
  if (weighted) c_values.push_back(csv.require_column(across->weight));
  std::unordered_map<std::string, std::vector<double>> by_code;  // across vintages only
  std::unordered_map<std::string, double> weights;
  AreaValues out;
  out.values.assign(columns.size(), std::vector<std::optional<double>>(layer.areas.size()));
  std::vector<bool> seen(layer.areas.size(), false);
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    std::vector<double> parsed;
    bool bad = false;
    for (std::size_t k = 0; k < c_values.size() && !bad; ++k) {
      const std::size_t c = c_values[k];
      const auto v = parse_double(row[c]);
      if (!v || !std::isfinite(*v) || (non_negative && *v < 0)) {
        accounting.reject(display, row.line, bad_reason, std::string(row[c]));
        bad = true;
      } else if (k < ranges.size() && (*v < ranges[k].min || *v > ranges[k].max ||
                                       (ranges[k].whole && *v != std::floor(*v)))) {
        accounting.reject(display, row.line, ranges[k].reason, std::string(row[c]));
        bad = true;
      } else {
        parsed.push_back(*v == 0 ? 0.0 : *v);  // -0 is 0
      }
    }
    if (bad) return;
    const std::string code(trim(row[c_area]));
    if (across) {
      if (!across->bridge.reaches_layer(code)) {
        accounting.exclude(display, "area code reaches no area of the layer through the lookup");
        ++out.unmatched_codes;
        return;
      }
      if (by_code.count(code)) {
        accounting.reject(display, row.line, "duplicate area code", code);
        return;
      }
      if (weighted) weights[code] = parsed.back(), parsed.pop_back();
      by_code[code] = std::move(parsed);
      ++account.used;
      return;
    }
    const long a = layer.find(code);
    if (a < 0) {
      accounting.exclude(display, "area code not in the layer");
      ++out.unmatched_codes;
      return;
    }
    if (seen[static_cast<std::size_t>(a)]) {
      accounting.reject(display, row.line, "duplicate area code", code);
      return;
    }
    seen[static_cast<std::size_t>(a)] = true;
    for (std::size_t c = 0; c < parsed.size(); ++c)
      out.values[c][static_cast<std::size_t>(a)] = parsed[c];
    ++account.used;
  });
  if (across) {
    out.vintage.emplace();
    out.values = across->bridge.carry(by_code, across->how, weights, *out.vintage);
    for (std::size_t a = 0; a < layer.areas.size(); ++a) seen[a] = out.values[0][a].has_value();
  }
  for (bool s : seen) out.areas_without += !s;
  return out;
}

}  // namespace reachmap
