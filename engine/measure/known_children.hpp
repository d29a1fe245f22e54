// Children known to health or birth registration (the health visiting caseload, say), whether
// or not any centre registered them: the list that shows who services have not met yet.
// Each known child is matched to a counted registration by id where the row has one, otherwise
// by postcode and birth month (one registration per known child, in file order).
#pragma once

#include <cstddef>
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
  std::string postcode;  // normalised
  Date birth;
  long registration = -1;  // index into Registrations::children, -1 when not registered
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

// Adds the known-children columns to an area table: known_children, known_registered,
// known_seen, known_not_registered (counts, with bands), and seen and registered reach against
// known children with Wilson intervals. `area_of_known[k]` is the area of known child k.
void add_known_columns(Table& indicators, const KnownChildren& known,
                       const std::vector<long>& area_of_known, const Attendance& attendance);

}  // namespace reachmap
