#include "engine/measure/registrations.hpp"

#include <filesystem>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/record_key.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

std::optional<HomeAndBirth> home_and_birth(
    std::string_view postcode, std::string_view birth, const PostcodeDirectory& directory,
    const std::function<void(const char*, std::string_view)>& reject) {
  const auto pcode = normalise_postcode(postcode);
  if (pcode.status == PostcodeStatus::kMissing) {
    reject("missing postcode", postcode);
    return std::nullopt;
  }
  if (pcode.status == PostcodeStatus::kMalformed) {
    reject("malformed postcode", postcode);
    return std::nullopt;
  }
  const DirectoryEntry* home = directory.find(pcode.value);
  if (!home) {
    reject("unknown postcode", pcode.value);
    return std::nullopt;
  }
  if (!home->has_location) {
    reject("postcode has no location", pcode.value);
    return std::nullopt;
  }
  const auto date = parse_date(trim(birth));
  if (!date) {
    reject("bad date", birth);
    return std::nullopt;
  }
  return HomeAndBirth{home, pcode.value, *date};
}

Registrations load_registrations(const RegistrationsSource& section, const Period& period,
                                 const PostcodeDirectory& directory, Accounting& accounting,
                                 int threads) {
  CsvReader csv(section);
  const std::size_t c_id = csv.require_column(section.child_id);
  const std::size_t c_pc = csv.require_column(section.postcode);
  const std::size_t c_birth = csv.require_column(section.birth_date);
  const int c_reg = csv.optional_column(section.registered_on);
  const int c_match = csv.optional_column(section.match_id);
  csv.optional_column(section.family_id);  // checked when named; not used by indicators yet
  std::vector<std::size_t> c_groups;
  for (const auto& g : section.groups)
    c_groups.push_back(csv.require_column(g, "[registrations] groups"));

  Registrations out;
  out.groups = section.groups;
  // Room for every row up front (a row is at least about 32 bytes): growing a map of two million
  // ids and the children behind it rehashed and moved them again and again.
  std::error_code size_error;
  const auto bytes = std::filesystem::file_size(section.path, size_error);
  if (!size_error) {
    const std::size_t rows = static_cast<std::size_t>(bytes / 32) + 16;
    out.index_of.reserve(rows);
    out.children.reserve(rows);
  }
  const std::string& file = section.display;
  for_each_row_split_ahead(csv, accounting, threads, [&](const CsvRow& row, FileAccount& account) {
    const std::string id(trim(row[c_id]));
    if (id.empty()) {
      accounting.reject(file, row.line, "missing child_id", "");
      return;
    }
    auto [slot, fresh] = out.index_of.try_emplace(id, -1);
    if (!fresh) {
      accounting.reject(file, row.line, "duplicate child_id", id);
      return;
    }
    // From here on the slot stays -1 (registration rejected) unless the row is accepted.
    const auto reject = [&](const char* reason, std::string_view value) {
      accounting.reject(file, row.line, reason, std::string(value));
    };
    const auto found = home_and_birth(row[c_pc], row[c_birth], directory, reject);
    if (!found) return;
    const DirectoryEntry* home = found->home;
    std::optional<Date> registered;
    if (c_reg >= 0 && !trim(row[c_reg]).empty()) {
      registered = parse_date(trim(row[c_reg]));
      if (!registered) {
        reject("bad date", row[c_reg]);
        return;
      }
    }
    Child child{
        id,   found->postcode, c_match >= 0 ? std::string(trim(row[std::size_t(c_match)])) : id,
        home, found->birth,    {},
        false};
    bool bad_group = false;
    for (std::size_t i = 0; i < c_groups.size() && !bad_group; ++i) {
      const auto v = trim(row[c_groups[i]]);
      if (v == "1" || v == "0" || v.empty()) {
        child.groups.push_back(v == "1");
      } else {
        reject("bad group value", section.groups[i] + "=" + std::string(v));
        bad_group = true;
      }
    }
    if (bad_group) return;

    if (child.birth > period.to) {
      accounting.exclude(file, kBornAfterPeriod);
    } else if (age_in_years(child.birth, period.to) >= 5) {
      accounting.exclude(file, kAgedFiveOrOver);
    } else if (registered && *registered > period.to) {
      accounting.exclude(file, kRegisteredAfterPeriod);
    } else {
      child.counted = true;
      ++account.used;
      ++out.counted;
      out.terminated_postcodes += home->terminated;
      out.large_user_postcodes += home->large_user;
      out.imputed_locations += home->quality == LocationQuality::kImputed;
      out.approximate_locations += home->quality == LocationQuality::kApproximate;
    }
    slot->second = static_cast<long>(out.children.size());
    out.children.push_back(std::move(child));
  });
  return out;
}

void assign_record_keys(Registrations& registrations, std::uint64_t seed) {
  for (Child& c : registrations.children) c.key = record_key(seed, c.id);
}

std::uint8_t counted_key(const Registrations& registrations,
                         const std::function<bool(std::size_t, const Child&)>& which) {
  std::uint8_t key = 0;
  for (std::size_t i = 0; i < registrations.children.size(); ++i) {
    const Child& c = registrations.children[i];
    if (c.counted && (!which || which(i, c))) add_key(key, c.key);
  }
  return key;
}

}  // namespace reachmap
