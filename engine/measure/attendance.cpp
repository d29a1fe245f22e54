#include "engine/measure/attendance.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "engine/core/number_format.hpp"
#include "engine/core/parallel.hpp"
#include "engine/core/record_key.hpp"
#include "engine/core/string_map.hpp"
#include "engine/core/text.hpp"
#include "engine/io/csv_chunks.hpp"
#include "engine/measure/interner.hpp"

namespace reachmap {

namespace {
using detail::count_row;
using detail::Interner;

// A kept contact row as its chunk holds it: the child is its run's, the centre and service its
// place's (a (centre, service) pair of the chunk's names), the day counted from the period's
// first. Packed in 32 bits, the day above the place: a quarter of the 16 bytes of (child, day,
// centre, service) it once took, 360 MB less for the kernel to zero nationally. A chunk with
// more places than the bits left for them (with a year's period, 8 million) keeps them wide.
struct ChunkContact {
  std::uint32_t day;
  std::uint32_t place;
};
class ContactPacking {
 public:
  explicit ContactPacking(std::uint32_t last_day)
      : place_bits_(32 - std::max(1, int(std::bit_width(last_day)))) {}
  bool fits(std::uint32_t place) const { return place < (std::uint32_t(1) << place_bits_); }
  std::uint32_t pack(ChunkContact c) const { return c.day << place_bits_ | c.place; }
  ChunkContact unpack(std::uint32_t v) const {
    return {v >> place_bits_, v & ((std::uint32_t(1) << place_bits_) - 1)};
  }

 private:
  int place_bits_;
};

// Dense ids for (centre, service) pairs of a chunk's names. A small direct-mapped table of the
// pairs met lately comes first: a row's pair is mostly one of a few dozen, and a hash-map
// lookup a row cost as much as the kernel's zeroing it saves.
class PairIds {
 public:
  std::uint32_t operator()(std::uint32_t centre, std::uint32_t service) {
    const std::uint64_t key = std::uint64_t(centre) << 32 | service;
    Recent& slot = recent_[(key * 0x9E3779B97F4A7C15ULL) >> (64 - kRecentBits)];
    if (slot.id != kNone && slot.key == key) return slot.id;
    auto [it, fresh] = ids_.try_emplace(key, std::uint32_t(pairs_.size()));
    if (fresh) pairs_.emplace_back(centre, service);
    slot = {key, it->second};
    return it->second;
  }
  // (centre, service) of each id, in id order.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs() const { return pairs_; }

 private:
  static constexpr int kRecentBits = 10;
  static constexpr std::uint32_t kNone = std::uint32_t(-1);
  struct Recent {
    std::uint64_t key = 0;
    std::uint32_t id = kNone;
  };
  std::vector<Recent> recent_ = std::vector<Recent>(std::size_t(1) << kRecentBits);
  std::unordered_map<std::uint64_t, std::uint32_t> ids_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs_;
};

// The day numbers of the dates a chunk has read: a file names a few hundred days thirty million
// times, and parsing each (a fifth of the stage's time per row) is more than a look here.
class DayCache {
 public:
  // Days since 1970-01-01 of a strict YYYY-MM-DD date, as parse_date reads it; nullopt when `s`
  // is not one (never kept).
  std::optional<long> operator()(std::string_view s) {
    if (s.size() != 10) return std::nullopt;
    std::uint64_t head;
    std::uint16_t tail;
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + 8, 2);
    Slot& slot = slots_[((head ^ tail) * 0x9E3779B97F4A7C15ULL) >> (64 - kBits)];
    if (slot.known && slot.head == head && slot.tail == tail) return slot.days;
    const auto date = parse_date(s, false);
    if (!date) return std::nullopt;
    slot = {head, tail, true, date->days()};
    return slot.days;
  }

 private:
  static constexpr int kBits = 10;
  struct Slot {
    std::uint64_t head = 0;
    std::uint16_t tail = 0;
    bool known = false;
    long days = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(std::size_t(1) << kBits);
};

// The distinct keys among a child's contacts, in an open-addressed table whose slots are
// stamped with the child they hold (no clearing between children). Sorting each child's dozen
// or so contacts to find the identical ones was a tenth of the stage's CPU.
class DistinctKeys {
 public:
  // A new child, with at most `n` keys.
  void start(std::size_t n) {
    if (2 * n > slots_.size()) {
      std::size_t size = 64;
      while (size < 4 * n) size *= 2;
      slots_.assign(size, Slot{});
      bits_ = std::countr_zero(size);
      stamp_ = 0;
    }
    if (++stamp_ == 0) {  // wrapped: every slot's stamp could be taken for this child's
      std::fill(slots_.begin(), slots_.end(), Slot{});
      stamp_ = 1;
    }
  }
  // Whether `key` is new for this child.
  bool insert(std::uint64_t key) { return insert(key, 0).first; }
  // Whether `key` is new for this child, and whether it is new with `kind` (0 to 31): a
  // contact with a mother and a father is one contact, and a contact with each. In the key's
  // slot: a second table for (key, kind) was a third of carers' cost nationally.
  std::pair<bool, bool> insert(std::uint64_t key, unsigned kind) {
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t bit = std::uint32_t(1) << kind;
    for (std::size_t i = (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits_);; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.stamp != stamp_) {
        slot = {key, stamp_, bit};
        return {true, true};
      }
      if (slot.key == key) {
        const bool fresh_kind = !(slot.kinds & bit);
        slot.kinds |= bit;
        return {false, fresh_kind};
      }
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t stamp = 0;  // the child's (start's count); 0: never used
    std::uint32_t kinds = 0;  // the kinds met with it (a bit each)
  };
  std::vector<Slot> slots_;
  int bits_ = 0;
  std::uint32_t stamp_ = 0;
};

// A child's earliest contact, kept by whichever thread reads it (the least of them: the same at
// any thread count), and the chunk's earliest day.
void note_first_contact(std::int32_t& first, long day, long& chunk_earliest) {
  chunk_earliest = std::min(chunk_earliest, day);
  std::atomic_ref<std::int32_t> slot(first);
  std::int32_t seen = slot.load(std::memory_order_relaxed);
  while (day < seen &&
         !slot.compare_exchange_weak(seen, std::int32_t(day), std::memory_order_relaxed)) {
  }
}

// A child's contacts as a chunk lists them together: kept[start, start + count).
struct Run {
  std::uint32_t child, count;
  std::size_t start;
};

}  // namespace

Attendance load_attendance(const AttendanceSource& section, const Period& period,
                           const Registrations& registrations, Accounting& accounting, int threads,
                           std::size_t chunk_bytes, const CarerKinds* carers,
                           const ServiceCatalogue* catalogue, const SettingTypes* settings,
                           bool first_contacts) {
  CsvReader csv(section);
  const std::size_t c_child = csv.require_column(section.child_id);
  const std::size_t c_date = csv.require_column(section.date);
  const std::size_t c_centre = csv.require_column(section.centre_id);
  const int c_service =
      catalogue ? int(csv.require_column(section.service)) : csv.optional_column(section.service);
  // Checked only when named; not looked up otherwise, since a column looked up may not hold
  // line breaks.
  const int c_carer = carers ? int(csv.require_column(section.carer)) : -1;
  if (!carers && section.carer.explicit_) csv.require_column(section.carer);

  Attendance out;
  const std::vector<Child>& children = registrations.children;
  out.contacts.assign(children.size(), 0);
  if (first_contacts) out.first_contact.assign(children.size(), kNoContact);
  const std::string& file = section.display;
  // Each chunk of the file (csv_chunks.hpp) keeps its contacts with its own names for centres
  // and services, made the file's below.
  const long from_day = period.from.days(), to_day = period.to.days();
  const ContactPacking packing(std::uint32_t(to_day - from_day));
  struct alignas(kNoFalseSharing) Chunk {
    // Names and ids are copied or looked up, never kept as views of the row (csv_chunks.hpp).
    static constexpr bool keeps_no_text() { return true; }
    std::vector<std::uint32_t> kept;  // packed; or, once a place does not fit, all in `wide`
    std::vector<ChunkContact> wide;
    bool is_wide = false;
    // Each child's contacts as the chunk lists them together: (start, count) in kept. An export
    // lists a child's contacts together more often than not: one run a child, then.
    std::vector<Run> runs;
    Interner centres, services;
    PairIds places;
    DayCache days;
    // With carers: a place's "service" is a (service, carer) pair of the chunk's, and each
    // carer value's kept rows are counted (the manifest names the values no kind lists).
    Interner carer_values;
    PairIds service_carers;
    std::vector<std::size_t> carer_rows;
    std::vector<std::size_t> service_rows;  // with [services]: kept rows by service
    std::string_view last_id;               // a child's id, so it outlives the row
    long earliest = LONG_MAX;               // with first contacts: the chunk's earliest day
    long last_index = -1;
    // Room for every row up front spares the copies of a growing vector: as many as the
    // chunk's lines, else (not counted) one a 16 bytes of CSV, the least a contact row takes.
    // Room to spare is not free: the kernel zeroes the huge page a vector's end falls in, and
    // room for a row per 16 bytes (three times the rows a national chunk holds) was a
    // quarter of the stage's CPU in page faults.
    void reserve_for(std::size_t bytes, std::size_t lines) {
      kept.reserve(lines ? lines : bytes / 16);
    }
    std::size_t size() const { return is_wide ? wide.size() : kept.size(); }
    void keep(ChunkContact c, const ContactPacking& packing) {
      if (!is_wide && packing.fits(c.place)) {
        kept.push_back(packing.pack(c));
        return;
      }
      if (!is_wide) {
        wide.reserve(kept.capacity());
        for (std::uint32_t v : kept) wide.push_back(packing.unpack(v));
        kept = {};
        is_wide = true;
      }
      wide.push_back(c);
    }
    ChunkContact at(std::size_t i, const ContactPacking& packing) const {
      return is_wide ? wide[i] : packing.unpack(kept[i]);
    }
  };
  std::vector<Chunk> chunks;
  FileAccount& account = for_each_row_in_chunks(
      csv, accounting, threads, chunks,
      [&](const CsvRow& row, Chunk& chunk, RowLog& log) {
        const std::string_view id = trim(row[c_child]);
        if (id.empty()) {
          log.reject(row.line, "missing child_id", "");
          return;
        }
        const auto day = chunk.days(trim(row[c_date]));
        if (!day) {
          log.reject(row.line, "bad date", std::string(row[c_date]));
          return;
        }
        const auto centre = trim(row[c_centre]);
        if (centre.empty()) {
          log.reject(row.line, "missing centre_id", "");
          return;
        }
        // Exports list a child's contacts together more often than not: the child of the row
        // before is checked first; and in the registrations' order, often: then the child
        // after it. The hash lookup (cache and TLB misses in a table of millions: 650 ns
        // nationally) comes last.
        if (!same_text(id, chunk.last_id)) {
          const auto next = std::size_t(chunk.last_index + 1);
          if (chunk.last_index >= 0 && next < children.size() && same_text(children[next].id, id)) {
            chunk.last_id = children[next].id;
            chunk.last_index = long(next);
          } else {
            const auto found = registrations.index_of.find(id);
            if (!found) {
              log.reject(row.line, "unknown child", std::string(id));
              return;
            }
            chunk.last_id = found->key;
            chunk.last_index = found->value;
          }
        }
        if (chunk.last_index < 0) {
          log.reject(row.line, "child registration rejected", std::string(id));
          return;
        }
        const auto child = static_cast<std::size_t>(chunk.last_index);
        if (first_contacts && *day <= to_day)
          note_first_contact(out.first_contact[child], *day, chunk.earliest);
        if (*day < from_day || *day > to_day) {
          log.exclude(kOutsidePeriod);
          return;
        }
        if (!registrations.children[child].counted) {
          log.exclude(kChildNotCounted);
          return;
        }
        if (chunk.runs.empty() || chunk.runs.back().child != child)
          chunk.runs.push_back({static_cast<std::uint32_t>(child), 0, chunk.size()});
        ++chunk.runs.back().count;
        std::uint32_t service = c_service >= 0 ? chunk.services(trim(row[c_service])) : 0;
        if (catalogue) count_row(chunk.service_rows, service);
        if (c_carer >= 0) {
          const std::uint32_t carer = chunk.carer_values(trim(row[std::size_t(c_carer)]));
          count_row(chunk.carer_rows, carer);
          service = chunk.service_carers(service, carer);
        }
        chunk.keep({static_cast<std::uint32_t>(*day - from_day),
                    chunk.places(chunk.centres(centre), service)},
                   packing);
      },
      chunk_bytes);
  if (first_contacts)
    for (const Chunk& chunk : chunks)
      if (chunk.earliest != LONG_MAX)
        out.earliest_contact = std::min(out.earliest_contact.value_or(LONG_MAX), chunk.earliest);
  // The file's names for centres and services, in the order the file first names them, and its
  // places (distinct (centre, service) pairs): each chunk's own ids mapped to them, chunk by
  // chunk.
  Interner centres, services, carer_values;
  std::unordered_map<std::uint64_t, std::uint32_t> place_ids;
  std::vector<std::uint32_t> centre_of_place;
  // With [services]: each place's marks (its service's type and language) and each of the
  // file's services' (nullopt: not in the services file) with its kept rows.
  std::vector<std::uint64_t> marks_of_place;
  std::vector<std::optional<std::uint64_t>> marks_of_service;
  std::vector<std::size_t> service_rows;
  std::vector<std::vector<std::uint32_t>> places(chunks.size());  // by chunk: the file's place
  // With carers, by chunk and place: the kind of carer (its place's service is a (service,
  // carer) pair); and each written value's kind (-1: none lists it) and kept rows.
  std::vector<std::vector<std::uint8_t>> kinds(chunks.size());
  std::vector<long> kind_of_value;
  std::vector<std::size_t> value_rows;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    std::vector<std::uint32_t> centre_id, service_id, carer_id;
    for (std::uint32_t j = 0; j < chunks[i].centres.size(); ++j)
      centre_id.push_back(centres(chunks[i].centres.name(j)));
    for (std::uint32_t j = 0; j < chunks[i].services.size(); ++j) {
      service_id.push_back(services(chunks[i].services.name(j)));
      if (!catalogue) continue;
      if (service_id.back() == marks_of_service.size()) {
        const auto* known = catalogue->find(chunks[i].services.name(j));
        marks_of_service.push_back(known ? std::optional(catalogue->marks_of(*known))
                                         : std::nullopt);
        service_rows.push_back(0);
      }
      if (j < chunks[i].service_rows.size())
        service_rows[service_id.back()] += chunks[i].service_rows[j];
    }
    for (std::uint32_t j = 0; j < chunks[i].carer_values.size(); ++j) {
      const std::string& value = chunks[i].carer_values.name(j);
      carer_id.push_back(carer_values(value));
      if (carer_id.back() == kind_of_value.size()) {
        const auto kind = carers->kind_of(value);
        kind_of_value.push_back(kind ? long(*kind) : -1);
        value_rows.push_back(0);
      }
      value_rows[carer_id.back()] += chunks[i].carer_rows[j];
    }
    for (auto [centre, service] : chunks[i].places.pairs()) {
      if (c_carer >= 0) {
        const auto [s, carer] = chunks[i].service_carers.pairs()[service];
        service = s;
        const long kind = kind_of_value[carer_id[carer]];
        kinds[i].push_back(std::uint8_t(kind >= 0 ? std::size_t(kind) : carers->other()));
      }
      const std::uint32_t c = centre_id[centre], v = c_service >= 0 ? service_id[service] : 0;
      const auto [it, fresh] =
          place_ids.try_emplace(std::uint64_t(c) << 32 | v, std::uint32_t(centre_of_place.size()));
      if (fresh && catalogue) marks_of_place.push_back(marks_of_service[v].value_or(0));
      if (fresh) centre_of_place.push_back(c);
      places[i].push_back(it->second);
    }
  }
  // Every child's runs, grouped by child (a counting sort of the runs, not of the 30 million
  // contacts: the contacts stay where their chunk put them, and a child's are gathered and put
  // in order below). Scattering every contact into one array by child took 0.5 s on one thread
  // nationally, and as long again for the kernel to zero that array's 480 MB.
  const std::size_t child_count = children.size();
  struct ChunkRun {
    std::uint32_t chunk;
    std::uint32_t count;
    std::size_t start;
  };
  std::vector<std::size_t> first_run(child_count + 1, 0);
  for (const Chunk& chunk : chunks)
    for (const Run& r : chunk.runs) ++first_run[r.child + 1];
  for (std::size_t c = 0; c < child_count; ++c) first_run[c + 1] += first_run[c];
  std::vector<ChunkRun> runs(first_run[child_count]);
  {
    std::vector<std::size_t> next(first_run.begin(), first_run.end() - 1);
    for (std::uint32_t i = 0; i < chunks.size(); ++i)
      for (const Run& r : chunks[i].runs) runs[next[r.child]++] = {i, r.count, r.start};
  }
  // Per child, in slices of children on the threads: its contacts sorted, identical (child,
  // date, centre, service) rows one contact, and its distinct centres.
  struct alignas(kNoFalseSharing) Slice {      // tallied every child
    std::size_t contacts = 0, duplicates = 0;  // kept rows, and those identical to another
    std::vector<std::size_t> per_centre;       // distinct contacts
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;         // (centre, child), by child
    std::vector<std::pair<std::uint32_t, std::uint32_t>> with_father;  // the same, with carers
  };
  // With carers: the tally, each slice's added in when it ends (sums, so in any order).
  std::optional<CarerTally> tally;
  std::mutex tally_mutex;
  const std::size_t n_kinds = carers ? carers->kinds.size() : 0;
  const long father = carers ? carers->father() : -1;
  if (c_carer >= 0) {
    tally.emplace();
    tally->kinds = *carers;
    tally->first_monday = monday_of(from_day);
    tally->weeks = std::size_t((monday_of(to_day) - tally->first_monday) / 7 + 1);
    for (std::uint32_t c = 0; c < centres.size(); ++c) tally->centres.push_back(centres.name(c));
    const std::size_t cells = centres.size() * tally->weeks * n_kinds;
    tally->contacts.assign(cells, 0), tally->children.assign(cells, 0);
    tally->contact_keys.assign(cells, 0), tally->child_keys.assign(cells, 0);
    tally->with_father.assign(child_count, 0);
  }
  if (catalogue) out.service_marks.assign(child_count, 0);
  // With setting types: each of the file's centres' marks, and whether it is the headline's.
  std::vector<std::uint32_t> setting_of_centre;
  std::vector<char> headline_centre;
  const bool restricted = settings && settings->restricts_headline();
  if (settings) {
    out.setting_marks.assign(child_count, 0);
    for (std::uint32_t c = 0; c < centres.size(); ++c) {
      setting_of_centre.push_back(settings->mark_of(centres.name(c)));
      headline_centre.push_back(settings->in_headline(setting_of_centre.back()));
    }
  }
  const std::size_t slices = std::size_t(std::max(1, threads)) * 4;
  std::vector<Slice> by_slice(slices);
  std::vector<std::function<void()>> jobs;
  for (std::size_t s = 0; s < slices; ++s)
    jobs.push_back([&, s] {
      Slice& slice = by_slice[s];
      slice.per_centre.assign(centres.size(), 0);
      std::vector<std::uint32_t> child_centres;
      // The child's contacts as (day, the file's place): one integer, not (child, day, centre,
      // service).
      DistinctKeys keys;
      // With carers: the slice's tally (dense, freed when added in), and the cells of a child's
      // distinct contacts with each kind of carer (centre, week, kind), one per contact.
      // A cell's four figures side by side: one cache line a cell, not four (the cells of
      // 4,344 centres' weeks are 11 MB nationally, and a child's land anywhere in them).
      struct Tallied {
        std::uint32_t contacts = 0, children = 0;
        std::uint8_t contact_key = 0, child_key = 0;
      };
      std::vector<Tallied> at;
      std::vector<std::uint32_t> cells;
      if (tally) at.assign(tally->contacts.size(), Tallied{});
      for (std::size_t c = child_count * s / slices; c < child_count * (s + 1) / slices; ++c) {
        std::size_t contacts = 0, distinct = 0, headline = 0;
        std::uint32_t setting = 0;
        for (std::size_t r = first_run[c]; r < first_run[c + 1]; ++r) contacts += runs[r].count;
        keys.start(contacts);
        child_centres.clear();
        if (tally) cells.clear();
        for (std::size_t r = first_run[c]; r < first_run[c + 1]; ++r) {
          const ChunkRun& run = runs[r];
          const auto& place = places[run.chunk];
          const Chunk& chunk = chunks[run.chunk];
          for (std::size_t i = run.start; i < run.start + run.count; ++i) {
            const ChunkContact k = chunk.at(i, packing);
            const std::uint32_t p = place[k.place];
            if (tally) {
              // The contact with this kind of carer: two rows of one contact naming a mother
              // and a father are a contact with each.
              const std::uint8_t kind = kinds[run.chunk][k.place];
              const auto [fresh, fresh_kind] = keys.insert(std::uint64_t(k.day) << 32 | p, kind);
              if (fresh_kind) {
                const std::size_t week = std::size_t((from_day + k.day - tally->first_monday) / 7);
                cells.push_back(std::uint32_t(tally->cell(centre_of_place[p], week, kind)));
              }
              if (!fresh) continue;
            } else if (!keys.insert(std::uint64_t(k.day) << 32 | p)) {
              continue;
            }
            ++distinct;
            if (catalogue) out.service_marks[c] |= marks_of_place[p];
            const std::uint32_t centre = centre_of_place[p];
            if (settings) setting |= setting_of_centre[centre], headline += headline_centre[centre];
            ++slice.per_centre[centre];
            child_centres.push_back(centre);
          }
        }
        slice.duplicates += contacts - distinct;
        out.contacts[c] = static_cast<int>(restricted ? headline : distinct);
        slice.contacts += contacts;
        std::sort(child_centres.begin(), child_centres.end());
        child_centres.erase(std::unique(child_centres.begin(), child_centres.end()),
                            child_centres.end());
        if (settings)
          out.setting_marks[c] = setting | (child_centres.size() > 1 ? kMoreThanOneSetting : 0);
        for (std::uint32_t centre : child_centres)
          slice.seen.emplace_back(centre, static_cast<std::uint32_t>(c));
        if (!tally || cells.empty()) continue;
        // Each cell's contacts (one entry each), and the child once; a father's cells mark
        // the child, and its centre, as seen with a father.
        std::sort(cells.begin(), cells.end());
        const std::uint8_t key = children[c].key;
        long last_father_centre = -1;
        for (std::size_t i = 0; i < cells.size();) {
          std::size_t j = i;
          while (j < cells.size() && cells[j] == cells[i]) ++j;
          const std::uint32_t cell = cells[i];
          Tallied& t = at[cell];
          t.contacts += std::uint32_t(j - i);
          add_key(t.contact_key, std::uint8_t(key * (j - i)));
          ++t.children;
          add_key(t.child_key, key);
          if (long(cell % n_kinds) == father) {
            const long centre = long(cell / n_kinds / tally->weeks);
            // A child seen with a father where the headline counts (a centre's own tally
            // counts every centre's).
            if (!restricted || headline_centre[std::size_t(centre)]) tally->with_father[c] = 1;
            if (centre != last_father_centre)  // cells are in centre order
              slice.with_father.emplace_back(std::uint32_t(centre), std::uint32_t(c));
            last_father_centre = centre;
          }
          i = j;
        }
      }
      if (!tally) return;
      std::lock_guard<std::mutex> lock(tally_mutex);
      for (std::size_t i = 0; i < at.size(); ++i) {
        tally->contacts[i] += at[i].contacts;
        tally->children[i] += at[i].children;
        add_key(tally->contact_keys[i], at[i].contact_key);
        add_key(tally->child_keys[i], at[i].child_key);
      }
    });
  run_jobs(jobs, threads);
  std::vector<std::size_t> per_centre(centres.size(), 0);
  std::vector<std::vector<std::size_t>> children_of(centres.size()), fathers_of(centres.size());
  for (const Slice& slice : by_slice) {
    out.duplicate_rows += slice.duplicates;
    for (std::size_t c = 0; c < per_centre.size(); ++c) per_centre[c] += slice.per_centre[c];
    for (const auto& [centre, child] : slice.seen) children_of[centre].push_back(child);
    for (const auto& [centre, child] : slice.with_father) fathers_of[centre].push_back(child);
  }
  if (tally) {
    for (std::uint32_t c = 0; c < centres.size(); ++c)
      if (!fathers_of[c].empty())
        tally->father_children_by_centre[centres.name(c)] = std::move(fathers_of[c]);
    for (std::uint32_t v = 0; v < carer_values.size(); ++v)
      if (kind_of_value[v] < 0) {
        const std::string& value = carer_values.name(v);
        tally->unmapped[value.empty() ? "(blank)" : value] += value_rows[v];
      }
    out.carers = std::move(tally);
  }
  for (std::uint32_t v = 0; v < marks_of_service.size(); ++v)
    if (!marks_of_service[v]) {
      const std::string& value = services.name(v);
      out.unknown_services[value.empty() ? "(blank)" : value] += service_rows[v];
    }
  std::size_t kept_rows = 0;
  for (const Slice& slice : by_slice) kept_rows += slice.contacts;
  out.distinct_contacts = kept_rows - out.duplicate_rows;
  if (out.duplicate_rows > 0) accounting.exclude(file, kDuplicateContact, out.duplicate_rows);
  account.used += out.distinct_contacts;
  if (account.rows == 0)
    accounting.warn(file, "the file has a header but no rows: no child counts as seen");
  for (std::uint32_t c = 0; c < per_centre.size(); ++c) {
    if (per_centre[c]) out.contacts_by_centre[centres.name(c)] += per_centre[c];
    if (!children_of[c].empty())
      out.children_by_centre[centres.name(c)] = std::move(children_of[c]);
  }
  return out;
}

}  // namespace reachmap
