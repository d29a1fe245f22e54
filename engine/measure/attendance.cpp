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
#include "engine/measure/contact_ids.hpp"
#include "engine/measure/interner.hpp"

namespace reachmap {

namespace {
using detail::count_row;
using detail::DayCache;
using detail::DistinctKeys;
using detail::Interner;
using detail::PairIds;

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

// Keeps the tally's centres with a contact: with [run] periods, a centre named only in rows
// kept for another period is none of this one's (a read for it alone never names it).
void keep_centres_seen(CarerTally& t) {
  const std::size_t block = t.weeks * t.kinds.kinds.size();
  std::size_t kept = 0;
  for (std::size_t c = 0; c < t.centres.size(); ++c) {
    const auto first = t.contacts.begin() + long(c * block);
    if (std::all_of(first, first + long(block), [](std::uint32_t n) { return n == 0; })) continue;
    if (kept != c) {
      const auto move_block = [&](auto& v) {
        std::copy_n(v.begin() + long(c * block), block, v.begin() + long(kept * block));
      };
      move_block(t.contacts), move_block(t.children);
      move_block(t.contact_keys), move_block(t.child_keys);
      t.centres[kept] = std::move(t.centres[c]);
    }
    ++kept;
  }
  t.centres.resize(kept);
  for (auto* v : {&t.contacts, &t.children}) v->resize(kept * block);
  for (auto* v : {&t.contact_keys, &t.child_keys}) v->resize(kept * block);
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
                           bool first_contacts, const AttendancePeriods* periods) {
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

  const std::vector<Child>& children = registrations.children;
  std::vector<std::int32_t> first_contact;  // with first_contacts: Attendance::first_contact
  std::optional<long> earliest_contact;
  if (first_contacts) first_contact.assign(children.size(), kNoContact);
  const std::string& file = section.display;
  // Each chunk of the file (csv_chunks.hpp) keeps its contacts with its own names for centres
  // and services, made the file's below.
  const long from_day = period.from.days(), to_day = period.to.days();
  // With periods, the contacts of every one are kept (days counted from the earliest's first),
  // and each is tallied from them below: the file is read once.
  long base_day = from_day;
  if (periods)
    for (const Period& p : periods->periods) base_day = std::min(base_day, p.from.days());
  const ContactPacking packing(std::uint32_t(to_day - base_day));
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
          note_first_contact(first_contact[child], *day, chunk.earliest);
        else if (periods && *day <= to_day)  // how far back the periods' history goes
          chunk.earliest = std::min(chunk.earliest, *day);
        const bool in_period = *day >= from_day && *day <= to_day;
        const bool own = in_period && registrations.children[child].counted;  // the run's
        if (!own) {
          log.exclude(in_period ? kChildNotCounted : kOutsidePeriod);
          // Kept for the periods all the same when the child counts in one (each period's
          // tally tests its own days and children).
          if (!periods || *day < base_day || *day > to_day || !periods->counted_in[child]) return;
        }
        if (chunk.runs.empty() || chunk.runs.back().child != child)
          chunk.runs.push_back({static_cast<std::uint32_t>(child), 0, chunk.size()});
        ++chunk.runs.back().count;
        std::uint32_t service = c_service >= 0 ? chunk.services(trim(row[c_service])) : 0;
        // The manifest's rows of unlisted services and carers are the run's own period's.
        if (catalogue && own) count_row(chunk.service_rows, service);
        if (c_carer >= 0) {
          const std::uint32_t carer = chunk.carer_values(trim(row[std::size_t(c_carer)]));
          if (own) count_row(chunk.carer_rows, carer);
          service = chunk.service_carers(service, carer);
        }
        chunk.keep({static_cast<std::uint32_t>(*day - base_day),
                    chunk.places(chunk.centres(centre), service)},
                   packing);
      },
      chunk_bytes);
  if (first_contacts || periods)
    for (const Chunk& chunk : chunks)
      if (chunk.earliest != LONG_MAX)
        earliest_contact = std::min(earliest_contact.value_or(LONG_MAX), chunk.earliest);
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
      if (j < chunks[i].carer_rows.size()) value_rows[carer_id.back()] += chunks[i].carer_rows[j];
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
  // The tally of one period's contacts and children (the run's own, or one of [run] periods):
  // `counts(child)` says whether a child counts in it.
  const auto tally_period = [&](const Period& period_of_tally, const auto& counts) {
    Attendance out;
    out.contacts.assign(child_count, 0);
    const long lo_day = period_of_tally.from.days(), hi_day = period_of_tally.to.days();
    const auto lo = std::uint32_t(lo_day - base_day), hi = std::uint32_t(hi_day - base_day);
    // With carers: the tally, each slice's added in when it ends (sums, so in any order).
    std::optional<CarerTally> tally;
    std::mutex tally_mutex;
    const std::size_t n_kinds = carers ? carers->kinds.size() : 0;
    const long father = carers ? carers->father() : -1;
    if (c_carer >= 0) {
      tally.emplace();
      tally->kinds = *carers;
      tally->first_monday = monday_of(lo_day);
      tally->weeks = std::size_t((monday_of(hi_day) - tally->first_monday) / 7 + 1);
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
          if (!counts(c)) continue;
          std::size_t contacts = 0, distinct = 0, headline = 0;
          std::uint32_t setting = 0;
          for (std::size_t r = first_run[c]; r < first_run[c + 1]; ++r) contacts += runs[r].count;
          keys.start(contacts);
          contacts = 0;  // now those in the period
          child_centres.clear();
          if (tally) cells.clear();
          for (std::size_t r = first_run[c]; r < first_run[c + 1]; ++r) {
            const ChunkRun& run = runs[r];
            const auto& place = places[run.chunk];
            const Chunk& chunk = chunks[run.chunk];
            for (std::size_t i = run.start; i < run.start + run.count; ++i) {
              const ChunkContact k = chunk.at(i, packing);
              if (k.day < lo || k.day > hi) continue;
              ++contacts;
              const std::uint32_t p = place[k.place];
              if (tally) {
                // The contact with this kind of carer: two rows of one contact naming a mother
                // and a father are a contact with each.
                const std::uint8_t kind = kinds[run.chunk][k.place];
                const auto [fresh, fresh_kind] = keys.insert(std::uint64_t(k.day) << 32 | p, kind);
                if (fresh_kind) {
                  const std::size_t week =
                      std::size_t((base_day + k.day - tally->first_monday) / 7);
                  cells.push_back(std::uint32_t(tally->cell(centre_of_place[p], week, kind)));
                }
                if (!fresh) continue;
              } else if (!keys.insert(std::uint64_t(k.day) << 32 | p)) {
                continue;
              }
              ++distinct;
              if (catalogue) out.service_marks[c] |= marks_of_place[p];
              const std::uint32_t centre = centre_of_place[p];
              if (settings)
                setting |= setting_of_centre[centre], headline += headline_centre[centre];
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
        if (kind_of_value[v] < 0 && value_rows[v] > 0) {
          const std::string& value = carer_values.name(v);
          tally->unmapped[value.empty() ? "(blank)" : value] += value_rows[v];
        }
      keep_centres_seen(*tally);
      out.carers = std::move(tally);
    }
    for (std::uint32_t v = 0; v < marks_of_service.size(); ++v)
      if (!marks_of_service[v] && service_rows[v] > 0) {
        const std::string& value = services.name(v);
        out.unknown_services[value.empty() ? "(blank)" : value] += service_rows[v];
      }
    std::size_t kept_rows = 0;
    for (const Slice& slice : by_slice) kept_rows += slice.contacts;
    out.distinct_contacts = kept_rows - out.duplicate_rows;
    for (std::uint32_t c = 0; c < per_centre.size(); ++c) {
      if (per_centre[c]) out.contacts_by_centre[centres.name(c)] += per_centre[c];
      if (!children_of[c].empty())
        out.children_by_centre[centres.name(c)] = std::move(children_of[c]);
    }
    return out;
  };
  Attendance out = tally_period(period, [&](std::size_t c) { return children[c].counted; });
  if (periods)
    for (std::size_t i = 0; i < periods->periods.size(); ++i)
      out.by_period.push_back(tally_period(periods->periods[i], [&](std::size_t c) {
        return (periods->counted_in[c] >> i & 1) != 0;
      }));
  out.first_contact = std::move(first_contact);
  out.earliest_contact = earliest_contact;
  if (out.duplicate_rows > 0) accounting.exclude(file, kDuplicateContact, out.duplicate_rows);
  account.used += out.distinct_contacts;
  if (account.rows == 0)
    accounting.warn(file, "the file has a header but no rows: no child counts as seen");
  return out;
}

}  // namespace reachmap
