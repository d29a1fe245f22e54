// What a report is made of, read back from a finished output folder: the manifest, the public
// tables and the public GeoPackage. Nothing else: the report can only show what the folder
// already publishes, so no personal data can reach it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/columns.hpp"
#include "engine/core/text_arena.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

// A public CSV as text, with its columns by name.
struct TextTable {
  std::vector<std::string> header;
  // The rows' fields one after another, header.size() a row (a short row padded with
  // empties): views of `text`. A std::string a field was 80 MB for a national layer's table,
  // held while the staff's maps are drawn.
  std::vector<std::string_view> cells;
  TextArena text;
  std::size_t size() const { return header.empty() ? 0 : cells.size() / header.size(); }
  bool empty() const { return cells.empty(); }
  int column(const std::string& name) const;
  int column(Col id) const { return column(name_of(id)); }
  // The field, or "" when the column is absent: a view of it, and a copy.
  std::string_view view(std::size_t row, const std::string& name) const;
  std::string get(std::size_t row, const std::string& name) const {
    return std::string(view(row, name));
  }
  std::optional<double> number(std::size_t row, const std::string& name) const;
  std::string_view at(std::size_t row, std::size_t column) const {
    return cells[row * header.size() + column];
  }
  void add_row(const std::vector<std::string_view>& fields);
  void set(std::size_t row, std::size_t column, std::string_view field) {
    cells[row * header.size() + column] = text.keep(field);
  }
};

struct ReportLayer {
  std::string name;
  TextTable areas;                        // indicators_<name>.csv, a row per area
  std::vector<std::vector<Ring>> shapes;  // by row of `areas`; empty when it has no geometry
  TextTable equity;                       // equity_<name>.csv (empty without it)
  TextTable groups;                       // groups_<name>.csv (empty without it)
};

struct ReportCentre {
  std::size_t row = 0;  // in ReportInput::centres
  std::optional<XY> location;
  std::vector<Ring> reach_area;       // empty without one
  std::vector<std::string> area_ids;  // the areas it is made of, when made of a layer's
};

struct ReportInput {
  std::string folder;
  nlohmann::ordered_json manifest;
  std::string manifest_file;        // where it was read from; empty when given
  std::vector<ReportLayer> layers;  // in the manifest's order
  TextTable centres;                // centres.csv (empty without centres)
  TextTable carers;                 // carers_by_week.csv's father rows (empty without carers)
  std::vector<ReportCentre> centre_places;  // by row of `centres`
};

// A CSV read whole as text (`display` names it in errors), as the report reads the public ones.
TextTable read_text_table(const std::string& path, const std::string& display);

// Reads `folder` (a run's output set). `manifest` is the run's manifest when the run itself
// builds its report (before manifest.json is written), else null: read from the folder.
// Throws Error (kInput) naming the file when something is missing or unreadable.
ReportInput read_report_input(const std::string& folder,
                              const nlohmann::ordered_json* manifest = nullptr);

}  // namespace reachmap
