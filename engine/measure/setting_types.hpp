// Many settings ([centres] setting_type): children's centres, family hubs, nurseries, health
// clinics, libraries. The attendance loader marks each child with the kinds of setting it was
// seen at and whether it was seen by more than one; the headline's seen counts only the kinds
// the config names (a child seen only by a health clinic is seen by "any setting", not by the
// children's centres).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/measure/centres.hpp"
#include "engine/measure/services.hpp"  // ServiceLabel

namespace reachmap {

// A child's setting marks: a bit per kind (its index in SettingTypes::types), and these two.
inline constexpr std::uint32_t kUnlistedSetting = std::uint32_t(1) << 30;     // not in centres
inline constexpr std::uint32_t kMoreThanOneSetting = std::uint32_t(1) << 31;  // two centres

struct SettingTypes {
  // The headline's kinds first, in the config's order, then the others as centres.csv (by id)
  // first names them.
  std::vector<ServiceLabel> types;
  std::map<std::string, std::uint32_t> type_of_centre;  // centre_id -> index in types
  std::uint32_t headline = 0;                           // the headline kinds' bits
  bool named_headline = false;                          // headline_types given
  // Every kind's bits.
  std::uint32_t all_kinds() const {
    return types.size() >= 32 ? ~std::uint32_t(0) : (std::uint32_t(1) << types.size()) - 1;
  }
  // Whether the headline counts the kinds it names only (headline_types given, even naming
  // every kind there is): then a centre centres.csv does not list counts for any setting only.
  bool restricts_headline() const { return named_headline || headline != all_kinds(); }
  // Whether the headline's seen is any setting's, whatever the data: every kind, and no centre
  // of unknown kind left out of it (`every_centre_listed`: the attendance names none).
  bool headline_is_any_setting(bool every_centre_listed) const {
    return headline == all_kinds() && (!named_headline || every_centre_listed);
  }
  // The marks of a contact at the attendance's centre `centre_id`.
  std::uint32_t mark_of(const std::string& centre_id) const {
    const auto it = type_of_centre.find(centre_id);
    return it == type_of_centre.end() ? kUnlistedSetting : std::uint32_t(1) << it->second;
  }
  // Whether a contact with these marks counts in the headline.
  bool in_headline(std::uint32_t mark) const {
    return (mark & headline) || (mark == kUnlistedSetting && !restricts_headline());
  }
};

// The kinds of the centres' settings. A headline kind no centre has is an error at its line
// in the config, naming the kinds there are.
SettingTypes setting_types_of(const std::vector<Centre>& centres, const CentresSource& section);

// The centres an attendance names (centre_id -> its distinct contacts) that no kind lists.
std::map<std::string, std::size_t> centres_not_listed(
    const SettingTypes& settings, const std::map<std::string, std::size_t>& contacts_by_centre);

inline bool seen_by_setting(std::uint32_t marks, std::size_t type) {
  return marks >> type & 1;
}

}  // namespace reachmap
