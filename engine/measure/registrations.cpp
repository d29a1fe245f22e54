#include "engine/measure/registrations.hpp"

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/record_key.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_chunks.hpp"

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
  const auto [key, home] = directory.lookup(pcode.value);
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
  return HomeAndBirth{home, key, *date};
}

namespace {
// A row of a chunk as far as it can be taken without the rows before it: whether it is the
// first with its id (the first is kept, later ones are rejected) is for the file order to say.
struct ParsedRow {
  std::size_t line = 0;
  const char* rule = nullptr;  // a child excluded by a counting rule
  long child = 0;              // >= 0: the row's child in its chunk; else rejected[-1 - child]
};
struct RejectedRow {
  std::string id;      // as read, perhaps empty
  const char* reason;  // why, with the value
  std::string value;
};
struct alignas(kNoFalseSharing) ParsedChunk {
  // Ids and values are copied (children's into `texts`), postcodes the directory's: no view
  // of the row is kept (csv_chunks.hpp).
  static constexpr bool keeps_no_text() { return true; }
  std::vector<ParsedRow> rows;  // 24 bytes a row: the national file's two million are many
  std::vector<Child> children;
  std::vector<std::string_view> match_ids;  // by child, when the file has the column
  TextArena texts;
  std::vector<RejectedRow> rejected;
  // Room for every row up front spares the copies of growing vectors: as many as the chunk's
  // lines, else (not counted) one a 32 bytes, about the least a row takes.
  void reserve_for(std::size_t bytes, std::size_t lines) {
    const std::size_t rows_at_most = lines ? lines : bytes / 32;
    rows.reserve(rows_at_most);
    children.reserve(rows_at_most);
  }
};
}  // namespace

Registrations load_registrations(const RegistrationsSource& section, const Period& period,
                                 const PostcodeDirectory& directory, Accounting& accounting,
                                 int threads, std::size_t chunk_bytes) {
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

  const std::string& file = section.display;
  const std::size_t first_reject = accounting.rejects().size();
  // Every row parsed and geocoded in chunks on the threads (the directory is only read).
  std::vector<ParsedChunk> chunks;
  FileAccount& account = for_each_row_in_chunks(
      csv, accounting, threads, chunks,
      [&](const CsvRow& row, ParsedChunk& chunk, RowLog&) {
        ParsedRow& parsed = chunk.rows.emplace_back();
        parsed.line = row.line;
        const std::string_view id = trim(row[c_id]);
        const auto reject = [&](const char* reason, std::string_view value) {
          parsed.child = -1 - static_cast<long>(chunk.rejected.size());
          chunk.rejected.push_back({std::string(id), reason, std::string(value)});
        };
        if (id.empty()) return reject("missing child_id", "");
        const auto found = home_and_birth(row[c_pc], row[c_birth], directory, reject);
        if (!found) return;
        std::optional<Date> registered;
        if (c_reg >= 0 && !trim(row[c_reg]).empty()) {
          registered = parse_date(trim(row[c_reg]));
          if (!registered) return reject("bad date", row[c_reg]);
        }
        Child child{chunk.texts.keep(id), found->postcode, found->home, 0, found->birth};
        for (std::size_t i = 0; i < c_groups.size(); ++i) {
          const auto v = trim(row[c_groups[i]]);
          if (v != "1" && v != "0" && !v.empty())
            return reject("bad group value", section.groups[i] + "=" + std::string(v));
          child.groups |= std::uint64_t(v == "1") << i;
        }
        if (registered) child.registered = std::int32_t(registered->days());
        if (child.birth > period.to)
          parsed.rule = kBornAfterPeriod;
        else if (age_in_years(child.birth, period.to) >= 5)
          parsed.rule = kAgedFiveOrOver;
        else if (registered && *registered > period.to)
          parsed.rule = kRegisteredAfterPeriod;
        parsed.child = static_cast<long>(chunk.children.size());
        chunk.children.push_back(child);
        if (c_match >= 0)
          chunk.match_ids.push_back(chunk.texts.keep(trim(row[std::size_t(c_match)])));
      },
      chunk_bytes);

  // Then in file order: the first row of an id decides it (a child, or -1 when rejected).
  Registrations out;
  out.groups = section.groups;
  std::size_t rows = 0;
  for (const ParsedChunk& chunk : chunks) rows += chunk.rows.size();
  out.index_of.reserve(rows);
  out.children.reserve(rows);
  if (c_match >= 0) out.match_ids.reserve(rows);
  for (ParsedChunk& chunk : chunks) {
    for (const ParsedRow& parsed : chunk.rows) {
      RejectedRow* rejected =
          parsed.child < 0 ? &chunk.rejected[std::size_t(-1 - parsed.child)] : nullptr;
      const std::string_view id =
          rejected ? std::string_view(rejected->id) : chunk.children[std::size_t(parsed.child)].id;
      if (id.empty()) {
        accounting.reject(file, parsed.line, rejected->reason, std::move(rejected->value));
        continue;
      }
      auto [slot, fresh] = out.index_of.try_emplace(id, -1);  // slot: until the next insertion
      if (!fresh) {
        accounting.reject(file, parsed.line, "duplicate child_id", std::string(id));
        continue;
      }
      if (rejected) {
        accounting.reject(file, parsed.line, rejected->reason, std::move(rejected->value));
        continue;
      }
      Child& child = chunk.children[std::size_t(parsed.child)];
      if (parsed.rule) {
        accounting.exclude(file, parsed.rule);
      } else {
        child.counted = true;
        ++account.used;
        ++out.counted;
        out.terminated_postcodes += child.home->terminated;
        out.large_user_postcodes += child.home->large_user;
        out.imputed_locations += child.home->quality == LocationQuality::kImputed;
        out.approximate_locations += child.home->quality == LocationQuality::kApproximate;
      }
      slot = static_cast<long>(out.children.size());
      out.children.push_back(child);
      if (c_match >= 0) out.match_ids.push_back(chunk.match_ids[std::size_t(parsed.child)]);
    }
    out.texts.absorb(std::move(chunk.texts));  // the children's ids, now the run's
    chunk = ParsedChunk{};
  }
  // The rows of the wrong shape were rejected as the chunks were read: all in line order now.
  accounting.sort_rejects_by_line(first_reject);
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
