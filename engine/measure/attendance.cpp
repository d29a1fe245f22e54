#include "engine/measure/attendance.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>

#include "engine/core/big_array.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/parallel.hpp"
#include "engine/core/string_map.hpp"
#include "engine/io/csv_chunks.hpp"

namespace reachmap {

namespace {
// One kept contact row, packed: sorting these finds the duplicates without a hash set of tens
// of millions of nodes.
struct ContactKey {
  std::uint32_t child;
  std::int32_t day;
  std::uint32_t centre, service;  // interned
  auto operator<=>(const ContactKey&) const = default;
};

// Dense ids for repeated strings; looks up by string_view, so known strings cost no allocation.
// The last string asked for is checked first: a child's contacts, listed together, are mostly
// at one centre and one service, and a hash lookup per row was a twentieth of the stage.
class Interner {
 public:
  std::uint32_t operator()(std::string_view s) {
    if (!names_.empty() && s == last_) return last_id_;
    auto it = ids_.find(s);
    if (it == ids_.end()) {
      names_.emplace_back(s);
      it = ids_.emplace(names_.back(), static_cast<std::uint32_t>(names_.size() - 1)).first;
    }
    last_ = it->first, last_id_ = it->second;
    return last_id_;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // stable addresses for the views below
  std::unordered_map<std::string_view, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::string_view last_;  // a key of ids_
  std::uint32_t last_id_ = 0;
};

}  // namespace

Attendance load_attendance(const AttendanceSource& section, const Period& period,
                           const Registrations& registrations, Accounting& accounting, int threads,
                           std::size_t chunk_bytes) {
  CsvReader csv(section);
  const std::size_t c_child = csv.require_column(section.child_id);
  const std::size_t c_date = csv.require_column(section.date);
  const std::size_t c_centre = csv.require_column(section.centre_id);
  const int c_service = csv.optional_column(section.service);
  // Checked only when named; not looked up otherwise, since a column looked up may not hold
  // line breaks.
  if (section.carer.explicit_) csv.require_column(section.carer);

  Attendance out;
  out.contacts.assign(registrations.children.size(), 0);
  const std::string& file = section.display;
  // Each chunk of the file (csv_chunks.hpp) keeps its contacts with its own names for centres
  // and services, made the file's below.
  struct Chunk {
    std::vector<ContactKey> kept;
    Interner centres, services;
    std::string_view last_id;  // a key of index_of, so it outlives the row
    long last_index = -1;
    // A contact row takes at least 16 bytes of CSV: room for every row up front spares the
    // copies of a growing vector, and pages never written cost no memory.
    void reserve_for(std::size_t bytes) { kept.reserve(bytes / 16); }
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
        const auto date = parse_date(trim(row[c_date]), false);
        if (!date) {
          log.reject(row.line, "bad date", std::string(row[c_date]));
          return;
        }
        const auto centre = trim(row[c_centre]);
        if (centre.empty()) {
          log.reject(row.line, "missing centre_id", "");
          return;
        }
        // Exports list a child's contacts together more often than not: the child of the row
        // before is checked first, before the hash lookup (a cache miss in a table of millions).
        if (id != chunk.last_id) {
          auto it = registrations.index_of.find(id);
          if (it == registrations.index_of.end()) {
            log.reject(row.line, "unknown child", std::string(id));
            return;
          }
          chunk.last_id = it->first;
          chunk.last_index = it->second;
        }
        if (chunk.last_index < 0) {
          log.reject(row.line, "child registration rejected", std::string(id));
          return;
        }
        if (*date < period.from || *date > period.to) {
          log.exclude(kOutsidePeriod);
          return;
        }
        const auto child = static_cast<std::size_t>(chunk.last_index);
        if (!registrations.children[child].counted) {
          log.exclude(kChildNotCounted);
          return;
        }
        chunk.kept.push_back({static_cast<std::uint32_t>(child),
                              static_cast<std::int32_t>(date->days()), chunk.centres(centre),
                              c_service >= 0 ? chunk.services(trim(row[c_service])) : 0});
      },
      chunk_bytes);
  // Every chunk's contacts grouped by child, a counting sort (children are numbered densely),
  // in file order within a child, with the centres and services named as the file first
  // names them; each chunk freed once placed. Joining the chunks and sorting all 30 million
  // contacts with std::sort took 2.5 s nationally, this 1.5 s.
  Interner centres, services;
  const std::size_t children = registrations.children.size();
  std::vector<std::size_t> first(children + 1, 0);
  for (const Chunk& chunk : chunks)
    for (const ContactKey& k : chunk.kept) ++first[k.child + 1];
  for (std::size_t c = 0; c < children; ++c) first[c + 1] += first[c];
  BigArray<ContactKey> kept(first[children]);
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (Chunk& chunk : chunks) {
      std::vector<std::uint32_t> centre_id(chunk.centres.size()), service_id(chunk.services.size());
      for (std::uint32_t i = 0; i < centre_id.size(); ++i)
        centre_id[i] = centres(chunk.centres.name(i));
      for (std::uint32_t i = 0; i < service_id.size(); ++i)
        service_id[i] = services(chunk.services.name(i));
      for (ContactKey k : chunk.kept) {
        k.centre = centre_id[k.centre];
        if (c_service >= 0) k.service = service_id[k.service];
        kept[next[k.child]++] = k;
      }
      chunk = Chunk{};
    }
  }
  // Per child, in slices of children on the threads: its contacts sorted, identical (child,
  // date, centre, service) rows one contact, and its distinct centres.
  struct Slice {
    std::size_t duplicates = 0;
    std::vector<std::size_t> per_centre;                        // distinct contacts
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;  // (centre, child), by child
  };
  const std::size_t slices = std::size_t(std::max(1, threads)) * 4;
  std::vector<Slice> by_slice(slices);
  std::vector<std::function<void()>> jobs;
  for (std::size_t s = 0; s < slices; ++s)
    jobs.push_back([&, s] {
      Slice& slice = by_slice[s];
      slice.per_centre.assign(centres.size(), 0);
      std::vector<std::uint32_t> child_centres;
      for (std::size_t c = children * s / slices; c < children * (s + 1) / slices; ++c) {
        ContactKey* from = kept.data() + first[c];
        ContactKey* to = kept.data() + first[c + 1];
        std::sort(from, to);
        ContactKey* distinct = std::unique(from, to);
        slice.duplicates += std::size_t(to - distinct);
        out.contacts[c] = static_cast<int>(distinct - from);
        child_centres.clear();
        for (const ContactKey* k = from; k != distinct; ++k) {
          ++slice.per_centre[k->centre];
          child_centres.push_back(k->centre);
        }
        std::sort(child_centres.begin(), child_centres.end());
        child_centres.erase(std::unique(child_centres.begin(), child_centres.end()),
                            child_centres.end());
        for (std::uint32_t centre : child_centres)
          slice.seen.emplace_back(centre, static_cast<std::uint32_t>(c));
      }
    });
  run_jobs(jobs, threads);
  std::vector<std::size_t> per_centre(centres.size(), 0);
  std::vector<std::vector<std::size_t>> children_of(centres.size());
  for (const Slice& slice : by_slice) {
    out.duplicate_rows += slice.duplicates;
    for (std::size_t c = 0; c < per_centre.size(); ++c) per_centre[c] += slice.per_centre[c];
    for (const auto& [centre, child] : slice.seen) children_of[centre].push_back(child);
  }
  out.distinct_contacts = first[children] - out.duplicate_rows;
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
