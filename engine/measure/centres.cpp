#include "engine/measure/centres.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/text.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

std::vector<Centre> load_centres(const CentresSource& section, const std::string& analysis_crs,
                                 const PostcodeDirectory& directory, Accounting& accounting) {
  CsvReader csv(section);
  const std::size_t c_id = csv.require_column(section.centre_id);
  const int c_name = csv.optional_column(section.name);
  const int c_pc = csv.optional_column(section.postcode);
  // A centre's name is free text: a quoted name may run over two lines (drawn on one).
  if (c_name >= 0) csv.allow_line_breaks(static_cast<std::size_t>(c_name));
  const int c_x = csv.optional_column(section.x), c_y = csv.optional_column(section.y);
  const int c_reach = csv.optional_column(section.reach_areas);
  const int c_type =
      section.setting_type.explicit_ ? int(csv.require_column(section.setting_type)) : -1;
  std::set<std::string> types;  // as columns name them
  if (c_pc < 0 && (c_x < 0 || c_y < 0))
    throw Error(ErrorCode::kUnreadableInput, "centres need a postcode column or x and y columns",
                {section.display, 1}, "set postcode = \"...\" or x/y in [centres]");
  Transformer transformer(section.crs, analysis_crs, section.display);
  std::vector<Centre> out;
  std::set<std::string> ids;
  // With reach areas each centre gets files named by its id (outreach/centre_<id>.pdf, .csv),
  // which keep only letters, digits, - and _: X/1 and X_1 would write over each other.
  const bool files_by_id = section.reach_areas.explicit_ || section.reach_boundaries.has_value();
  std::map<std::string, std::pair<std::string, std::size_t>> id_of_file;  // part -> id, line
  const std::string& file = section.display;
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    Centre c;
    c.id = std::string(trim(row[c_id]));
    c.name = c_name >= 0 ? std::string(trim(row[c_name])) : "";
    for (char& ch : c.name)
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (c.id.empty() || !ids.insert(c.id).second) {
      accounting.reject(file, row.line, c.id.empty() ? "missing centre_id" : "duplicate centre_id",
                        c.id);
      return;
    }
    if (c.name.empty()) c.name = c.id;
    if (c_type >= 0) {
      c.setting_type = std::string(trim(row[std::size_t(c_type)]));
      const std::string type = column_name_of(c.setting_type);
      if (type.empty()) {
        accounting.reject(file, row.line, "missing setting_type", c.id);
        return;
      }
      if (const std::string clash = setting_column_clash(type); !clash.empty())
        throw Error(ErrorCode::kBadInput,
                    "the setting type '" + console_text(c.setting_type) +
                        "' would make a column '" + clash +
                        "', which reachmap writes for something else",
                    {file, row.line, section.setting_type.name}, "give it another name in " + file);
      if (types.insert(type).second && types.size() > kMaxSettingTypes)
        throw Error(ErrorCode::kBadInput,
                    "more than " + std::to_string(kMaxSettingTypes) + " different values of '" +
                        section.setting_type.name + "' ('" + console_text(c.setting_type) +
                        "' is one more)",
                    {file, row.line, section.setting_type.name},
                    "group the settings into at most " + std::to_string(kMaxSettingTypes) +
                        " kinds: the figures are counted for each");
    }
    if (c_reach >= 0) {  // area ids separated by ';', ',' or spaces
      std::string id;
      for (char ch : row[c_reach]) {
        if (ch == ';' || ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
          if (!id.empty()) c.reach_area_ids.push_back(id), id.clear();
        } else {
          id += ch;
        }
      }
      if (!id.empty()) c.reach_area_ids.push_back(id);
    }
    bool located = false;
    if (c_x >= 0 && c_y >= 0 && !trim(row[c_x]).empty()) {
      auto x = parse_double(row[c_x]), y = parse_double(row[c_y]);
      if (!x || !y) {
        accounting.reject(file, row.line, "bad coordinate",
                          std::string(row[c_x]) + " " + std::string(row[c_y]));
        return;
      }
      c.x = *x;
      c.y = *y;
      located = transformer.transform(c.x, c.y);
    } else if (c_pc >= 0) {
      const auto pc = normalise_postcode(row[c_pc]);
      const DirectoryEntry* e =
          pc.status == PostcodeStatus::kOk ? directory.find(pc.value) : nullptr;
      if (!e || !e->has_location) {
        accounting.reject(file, row.line, "centre postcode not located", std::string(row[c_pc]));
        return;
      }
      c.x = e->x;
      c.y = e->y;
      located = true;
    }
    if (!located) {
      accounting.reject(file, row.line, "centre has no location", c.id);
      return;
    }
    if (files_by_id) {
      const std::string part = file_name_part(c.id);
      if (auto [it, fresh] = id_of_file.emplace(part, std::pair{c.id, row.line}); !fresh)
        throw Error(ErrorCode::kBadInput,
                    "centre ids '" + console_text(it->second.first) + "' (line " +
                        std::to_string(it->second.second) + ") and '" + console_text(c.id) +
                        "' (line " + std::to_string(row.line) +
                        ") would both name the outreach sheet 'outreach/centre_" +
                        console_text(part) + "'",
                    {file, row.line, section.centre_id.name},
                    "rename one of the two in " + file +
                        " (and in the attendance file): file names keep the letters, digits, - "
                        "and _ of an id and make every other character _");
    }
    ++account.used;
    out.push_back(std::move(c));
  });
  std::sort(out.begin(), out.end(), [](const Centre& a, const Centre& b) { return a.id < b.id; });
  return out;
}

}  // namespace reachmap
