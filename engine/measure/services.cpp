#include "engine/measure/services.hpp"

#include <cctype>

#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/text.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

namespace {
// A written name as it is matched: lower case, runs of spaces one, none at the ends.
std::string folded(std::string_view written) {
  std::string out;
  for (const char c : trim(written)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}
}  // namespace

const ServiceCatalogue::Service* ServiceCatalogue::find(std::string_view written) const {
  const auto it = by_id.find(folded(written));
  return it == by_id.end() ? nullptr : &it->second;
}

std::uint64_t ServiceCatalogue::marks_of(const Service& s) const {
  std::uint64_t marks = std::uint64_t(1) << s.type;
  if (s.language >= 0) marks |= std::uint64_t(1) << (32 + s.language);
  return marks;
}

long ServiceCatalogue::language_index(std::string_view column) const {
  for (std::size_t i = 0; i < languages.size(); ++i)
    if (languages[i].column == column) return long(i);
  return -1;
}

ServiceCatalogue load_services(const ServicesSource& section, Accounting& accounting) {
  CsvReader csv(section);
  const std::size_t c_id = csv.require_column(section.service_id);
  const std::size_t c_type = csv.require_column(section.type);
  const int c_name = csv.optional_column(section.name);
  const int c_language = csv.optional_column(section.language);
  if (c_name >= 0) csv.allow_line_breaks(static_cast<std::size_t>(c_name));
  ServiceCatalogue out;
  const std::string& file = section.display;
  // A label's index, added when new; an error past kMaxServiceKinds (a child's marks), or when
  // its columns would take a name reachmap writes for something else.
  const auto index_of = [&](std::vector<ServiceLabel>& labels, std::string_view written,
                            const Column& column, std::size_t line) -> std::optional<std::size_t> {
    const std::string name = column_name_of(written);
    if (name.empty()) return std::nullopt;
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i].column == name) return i;
    const bool type = &labels == &out.types;
    if (const std::string clash = type ? service_column_clash(name) : language_column_clash(name);
        !clash.empty())
      throw Error(ErrorCode::kBadInput,
                  "the " + std::string(type ? "type" : "language") + " '" +
                      console_text(std::string(trim(written))) + "' would make a column '" + clash +
                      "', which reachmap writes for something else",
                  {file, line, column.name}, "give it another name in " + file);
    if (labels.size() == kMaxServiceKinds)
      throw Error(ErrorCode::kBadInput,
                  "more than " + std::to_string(kMaxServiceKinds) + " different values of '" +
                      column.name + "' ('" + console_text(std::string(written)) + "' is one more)",
                  {file, line, column.name},
                  "group the services into at most " + std::to_string(kMaxServiceKinds) +
                      " kinds: the figures are counted for each");
    labels.push_back({std::string(trim(written)), name});
    return labels.size() - 1;
  };
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    const std::string id = folded(row[c_id]);
    if (id.empty()) {
      accounting.reject(file, row.line, "missing service_id", "");
      return;
    }
    if (out.by_id.count(id)) {
      accounting.reject(file, row.line, "duplicate service_id", std::string(trim(row[c_id])));
      return;
    }
    const auto type = index_of(out.types, row[c_type], section.type, row.line);
    if (!type) {
      accounting.reject(file, row.line, "missing type", std::string(trim(row[c_id])));
      return;
    }
    ServiceCatalogue::Service s;
    s.name = c_name >= 0 ? std::string(trim(row[std::size_t(c_name)])) : "";
    if (s.name.empty()) s.name = std::string(trim(row[c_id]));
    s.type = std::uint32_t(*type);
    if (c_language >= 0)
      if (const auto language =
              index_of(out.languages, row[std::size_t(c_language)], section.language, row.line))
        s.language = long(*language);
    out.by_id.emplace(id, std::move(s));
    ++account.used;
  });
  if (out.by_id.empty())
    throw Error(ErrorCode::kNothingUsable, "no usable service in " + file, {file, 1},
                "give a row per service: its " + section.service_id.name +
                    " as the attendance "
                    "file writes it, and its " +
                    section.type.name);
  return out;
}

}  // namespace reachmap
