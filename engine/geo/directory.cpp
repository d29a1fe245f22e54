#include "engine/geo/directory.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/string_map.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

namespace {
// Index of a column named in the config: required when the user named it (or `required`),
// otherwise -1 when absent.
int column_index(const CsvReader& csv, const Column& c, bool required) {
  if (c.name.empty()) return -1;
  return required ? static_cast<int>(csv.require_column(c)) : csv.optional_column(c);
}

// About how many rows the file holds, from the length of its first lines (at most 64 KB read).
std::size_t rows_expected(const std::string& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  if (error) return 0;
  std::ifstream in(path, std::ios::binary);
  std::string head(std::min<std::uintmax_t>(bytes, 1 << 16), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  const auto lines = std::count(head.begin(), head.begin() + in.gcount(), '\n');
  if (lines < 2) return 16;
  return static_cast<std::size_t>(double(bytes) / double(in.gcount()) * double(lines) * 1.05) + 16;
}
}  // namespace

void DirectoryEntries::reserve(std::size_t n) {
  entries_.reserve(n);
  keys_.reserve(n);
  // At most three quarters full: a probe rarely passes more than a slot or two.
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(16, n + n / 3 + 1));
  if (slots > slots_.size()) grow(slots);
}

std::string_view DirectoryEntries::postcode(std::size_t i) const {
  const char* bytes = reinterpret_cast<const char*>(&keys_[i]);
  return {bytes, strnlen(bytes, sizeof(std::uint64_t))};
}

std::size_t DirectoryEntries::slot_of(std::uint64_t key) const {
  // A 64-bit mix (splitmix64's finaliser) of the postcode's bytes, its top bits the slot.
  std::uint64_t h = key;
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = std::size_t(h) & mask;
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void DirectoryEntries::grow(std::size_t slots) {
  slots_.assign(slots, Slot{});
  for (std::size_t e = 0; e < keys_.size(); ++e)
    slots_[slot_of(keys_[e])] = {keys_[e], std::uint32_t(e)};
}

std::pair<DirectoryEntry*, bool> DirectoryEntries::try_emplace(std::string_view postcode,
                                                               const DirectoryEntry& e) {
  std::uint64_t key = 0;
  if (postcode.empty() || postcode.size() > sizeof key ||
      postcode.find('\0') != std::string_view::npos)
    throw std::length_error("DirectoryEntries: a postcode of 1 to 8 bytes without a NUL");
  std::memcpy(&key, postcode.data(), postcode.size());
  if ((entries_.size() + 1) * 4 > slots_.size() * 3)
    grow(std::max<std::size_t>(16, slots_.size() * 2));
  Slot& slot = slots_[slot_of(key)];
  if (slot.key != 0) return {&entries_[slot.entry], false};
  if (entries_.size() >= 0xffffffffu) throw std::length_error("DirectoryEntries: too many");
  slot = {key, std::uint32_t(entries_.size())};
  keys_.push_back(key);
  entries_.push_back(e);
  return {&entries_.back(), true};
}

std::pair<std::string_view, const DirectoryEntry*> DirectoryEntries::lookup(
    std::string_view postcode) const {
  std::uint64_t key = 0;
  if (slots_.empty() || postcode.empty() || postcode.size() > sizeof key) return {};
  std::memcpy(&key, postcode.data(), postcode.size());
  const Slot& slot = slots_[slot_of(key)];
  if (slot.key == 0 || postcode.find('\0') != std::string_view::npos) return {};
  return {this->postcode(slot.entry), &entries_[slot.entry]};
}

PostcodeDirectory load_directory(const PostcodesSource& section, const std::string& analysis_crs,
                                 const std::vector<std::string>& code_columns,
                                 Accounting& accounting, int threads) {
  // OS Code-Point Open: no header row; these are its columns (OS user guide, in order).
  const std::vector<std::string> codepoint = {"postcode",
                                              "positional_quality_indicator",
                                              "eastings",
                                              "northings",
                                              "country_code",
                                              "nhs_regional_ha_code",
                                              "nhs_ha_code",
                                              "admin_county_code",
                                              "admin_district_code",
                                              "admin_ward_code"};
  CsvReader csv =
      section.layout == "codepoint" ? CsvReader(section, codepoint) : CsvReader(section);
  const int pc = column_index(csv, section.postcode, true);
  const int cx = column_index(csv, section.projected ? section.x : section.lon, true);
  const int cy = column_index(csv, section.projected ? section.y : section.lat, true);
  const int term = column_index(csv, section.terminated, false);
  const int quality = column_index(csv, section.quality, false);
  const int usertype = column_index(csv, section.usertype, false);
  std::vector<int> code_idx;
  for (const auto& name : code_columns) {
    const int i = csv.find_column(name);
    if (i < 0)
      throw Error(ErrorCode::kBadConfig,
                  "the postcode directory has no column '" + name + "' for directory_code",
                  {section.display, 1}, "set directory_code in [[layers]] to a directory column");
    code_idx.push_back(i);
  }
  Transformer transformer(section.crs, analysis_crs, section.display);
  PostcodeDirectory dir;
  dir.code_columns = code_columns;
  dir.has_quality = quality >= 0;
  dir.has_usertype = usertype >= 0;
  // Room for every row up front, from the length of the file's first lines: a table of a
  // million postcodes grown step by step rehashes them again and again, and one sized for the
  // shortest rows possible is twice too big for a plain file, ten times for ONSPD.
  dir.entries.reserve(rows_expected(section.path));
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> code_id;
  for_each_row_split_ahead(csv, accounting, threads, [&](const CsvRow& row, FileAccount& account) {
    const auto pcode = normalise_postcode(row[pc]);
    if (pcode.status != PostcodeStatus::kOk) {
      accounting.reject(
          section.display, row.line,
          pcode.status == PostcodeStatus::kMissing ? "missing postcode" : "malformed postcode",
          std::string(row[pc]));
      return;
    }
    DirectoryEntry e;
    // Code-Point's 10-90 scale is ten times osgrdind's 1-9; 9 means no location at all.
    int grade = 0;
    if (quality >= 0) {
      if (const auto q = parse_int(trim(row[quality])))
        grade = static_cast<int>(*q >= 10 ? *q / 10 : *q);
    }
    e.quality = grade == 5                 ? LocationQuality::kImputed
                : grade == 6 || grade == 8 ? LocationQuality::kApproximate
                                           : LocationQuality::kExact;
    e.large_user = usertype >= 0 && trim(row[usertype]) == "1";
    const auto xs = trim(row[cx]), ys = trim(row[cy]);
    if (grade != 9 && (!xs.empty() || !ys.empty())) {
      auto x = parse_double(xs), y = parse_double(ys);
      if (!x || !y) {
        accounting.reject(section.display, row.line, "bad coordinate",
                          std::string(xs) + " " + std::string(ys));
        return;
      }
      e.x = *x;
      e.y = *y;
      e.has_location = transformer.transform(e.x, e.y);
      if (!e.has_location) {
        accounting.reject(section.display, row.line, "coordinate cannot be transformed",
                          std::string(xs) + " " + std::string(ys));
        return;
      }
    }
    e.terminated = term >= 0 && !trim(row[term]).empty();
    e.codes_at = static_cast<std::uint32_t>(dir.code_ids.size());
    const auto [entry, fresh] = dir.entries.try_emplace(pcode.value, e);
    if (!fresh) {
      accounting.reject(section.display, row.line, "duplicate postcode", pcode.value);
      return;
    }
    for (int i : code_idx) {
      const auto code = trim(row[i]);
      auto known = code_id.find(code);
      if (known == code_id.end()) {
        known = code_id.emplace(code, std::uint32_t(dir.code_names.size())).first;
        dir.code_names.emplace_back(code);
      }
      dir.code_ids.push_back(known->second);
    }
    dir.no_location += !entry->has_location;
    dir.terminated += entry->terminated;
    dir.large_user += entry->large_user;
    dir.imputed += entry->quality == LocationQuality::kImputed;
    dir.approximate += entry->quality == LocationQuality::kApproximate;
    ++account.used;
  });
  dir.transformation =
      transformer.is_identity() ? "none (already in the analysis CRS)" : transformer.description();
  if (dir.entries.empty())
    throw Error(ErrorCode::kNothingUsable, "the postcode directory has no usable rows",
                {section.display}, "see private/rejects.csv for why rows were rejected");
  return dir;
}

}  // namespace reachmap
