#include "engine/measure/setting_types.hpp"

#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/core/names.hpp"

namespace reachmap {

SettingTypes setting_types_of(const std::vector<Centre>& centres, const CentresSource& section) {
  SettingTypes out;
  const auto index_of = [&](const std::string& column) {
    for (std::size_t i = 0; i < out.types.size(); ++i)
      if (out.types[i].column == column) return long(i);
    return -1L;
  };
  std::vector<std::string> headline;
  for (const std::string& written : section.headline_types) {
    const std::string column = column_name_of(written);
    if (std::find(headline.begin(), headline.end(), column) == headline.end())
      headline.push_back(column);
  }
  // The headline's kinds first, written as centres.csv writes them.
  for (const std::string& column : headline)
    for (const Centre& c : centres)
      if (column_name_of(c.setting_type) == column) {
        out.types.push_back({c.setting_type, column});
        break;
      }
  for (const Centre& c : centres) {
    const std::string column = column_name_of(c.setting_type);
    if (!column.empty() && index_of(column) < 0) out.types.push_back({c.setting_type, column});
  }
  for (const std::string& column : headline) {
    const long i = index_of(column);
    if (i < 0) {
      std::string there;
      for (const ServiceLabel& t : out.types)
        there += (there.empty() ? "'" : ", '") + t.written + "'";
      throw Error(ErrorCode::kBadConfig,
                  "[centres] headline_types names '" + column + "', which no centre in " +
                      section.display + " has as its " + section.setting_type.name,
                  {section.config_file, section.headline_line},
                  there.empty() ? "give the centres a " + section.setting_type.name
                                : "name kinds " + section.display + " has: " + there);
    }
    out.headline |= std::uint32_t(1) << i;
  }
  out.named_headline = !headline.empty();
  if (headline.empty())
    for (std::size_t i = 0; i < out.types.size(); ++i) out.headline |= std::uint32_t(1) << i;
  for (const Centre& c : centres)
    if (const long i = index_of(column_name_of(c.setting_type)); i >= 0)
      out.type_of_centre[c.id] = std::uint32_t(i);
  return out;
}

std::map<std::string, std::size_t> centres_not_listed(
    const SettingTypes& settings, const std::map<std::string, std::size_t>& contacts_by_centre) {
  std::map<std::string, std::size_t> out;
  for (const auto& [id, n] : contacts_by_centre)
    if (!settings.type_of_centre.count(id)) out.emplace(id, n);
  return out;
}

}  // namespace reachmap
