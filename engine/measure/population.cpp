#include "engine/measure/population.hpp"

#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"

namespace reachmap {

inline constexpr const char* kCodeNotInLayer = "area code not in the layer";

Population load_population(const PopulationSection& section, const BoundaryLayer& layer,
                           Accounting& accounting) {
  CsvReader csv(section.path, section.display);
  const std::size_t c_area = csv.require_column(section.area.name, section.area.key);
  const std::size_t c_count = csv.require_column(section.count.name, section.count.key);
  Population out;
  out.by_area.assign(layer.areas.size(), std::nullopt);
  const std::string& file = section.display;
  FileAccount& account = accounting.file(file);
  CsvRow row;
  while (csv.next(row)) {
    ++account.rows;
    if (row.size() != csv.header().size()) {
      accounting.reject(file, row.line, "wrong field count",
                        std::to_string(row.size()) + " fields, header has " +
                            std::to_string(csv.header().size()));
      continue;
    }
    const std::string code(trim(row[c_area]));
    const auto count = parse_double(row[c_count]);
    if (!count || *count < 0) {
      accounting.reject(file, row.line, "bad count", std::string(row[c_count]));
      continue;
    }
    const long area = layer.find(code);
    if (area < 0) {
      accounting.exclude(file, kCodeNotInLayer);
      ++out.unmatched_codes;
      continue;
    }
    if (out.by_area[area]) {
      accounting.reject(file, row.line, "duplicate area code", code);
      continue;
    }
    out.by_area[area] = *count;
    ++account.used;
  }
  for (const auto& p : out.by_area) out.areas_without += !p;
  return out;
}

}  // namespace reachmap
