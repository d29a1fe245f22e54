#include "engine/io/table_csv.hpp"

#include "engine/io/csv_writer.hpp"

namespace reachmap {

std::vector<std::string> table_header(const Table& table, std::vector<std::string> lead) {
  for (const auto& c : table.columns) lead.push_back(c.name);
  return lead;
}

void write_table_rows(std::ostream& out, const Table& table, const std::vector<std::string>& lead) {
  std::vector<std::string> fields;
  for (const auto& row : table.rows) {
    fields.clear();
    for (const std::string& f : lead) fields.push_back(neutralise_formula(f));
    for (const auto& cell : row)
      fields.push_back(std::holds_alternative<std::string>(cell)
                           ? neutralise_formula(std::get<std::string>(cell))
                           : format_cell(cell));
    write_csv_row(out, fields);
  }
}

}  // namespace reachmap
