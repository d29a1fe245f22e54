// Children known to health or birth registration (the health visiting caseload, say), whether
// or not any centre registered them: the list that shows who services have not met yet.
// Each known child is matched to a counted registration by id where the row has one, otherwise
// by postcode and birth month (one registration per known child, in file order).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/core/table.hpp"
#include "engine/geo/directory.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/registrations.hpp"

namespace reachmap {

// [known_children]: children known to health or birth registration (e.g. the health visiting
// caseload), registered with a centre or not. Matched to registrations by id where the row has
// one, otherwise by postcode and birth month.
struct KnownChildrenSource : CsvSource {
  Column child_id, postcode, birth_date;
};

struct KnownChild {
  const DirectoryEntry* home = nullptr;
  std::string_view postcode;  // normalised: the directory's copy, as Child's
  Date birth;
  long registration = -1;  // index into Registrations::children, -1 when not registered
  std::string id;          // the list's id, where its row has one
  bool matched_by_id = false;
  std::uint8_t key = 0;  // record key (engine/core/record_key.hpp): assign_record_keys
};

struct KnownChildren {
  std::vector<KnownChild> children;  // counted (under 5 at the period end), in file order
  std::size_t matched_by_id = 0;
  std::size_t matched_by_postcode_and_month = 0;
  std::size_t ids_not_registered = 0;  // rows with an id no registration carries
  std::size_t not_registered() const {
    return children.size() - matched_by_id - matched_by_postcode_and_month;
  }
};

KnownChildren load_known_children(const KnownChildrenSource& section, const Period& period,
                                  const PostcodeDirectory& directory,
                                  const Registrations& registrations, Accounting& accounting);

// Gives every known child its record key: a registered child's own (the same child, the same
// key in every table), else one from `seed` and the list's id, or its place in the list.
void assign_record_keys(KnownChildren& known, const Registrations& registrations,
                        std::uint64_t seed);
// The cell key of the known children for which `which` holds (all without it).
std::uint8_t known_key(const KnownChildren& known,
                       const std::function<bool(const KnownChild&)>& which = {});

// Adds the known-children columns to an area table: known_children, known_registered,
// known_seen, known_not_registered (counts, with bands), and seen and registered reach against
// known children with Wilson intervals. `area_of_known[k]` is the area of known child k. Their
// cell keys too (Table::cell_keys), from the known children's keys.
void add_known_columns(Table& indicators, const KnownChildren& known,
                       const std::vector<long>& area_of_known, const Attendance& attendance);

}  // namespace reachmap
