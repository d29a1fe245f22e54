// The outreach pack's first names: children still under 5 whom health knows ([known_children])
// and no setting has ever seen, on any date in the attendance file's history (registered with a
// centre or not). Soonest to turn 5 first: after that birthday they start school unmet, the
// children never_seen_by_5 counts. Private: for the staff only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"

namespace reachmap {

// Known child `known` (index into KnownChildren::children), never seen, and its fifth birthday.
struct NeverSeenChild {
  std::size_t known;
  Date fifth_birthday;
};

// The known children under 5 at the period's end whose registration, if any, has no contact in
// `first_contact` (Attendance::first_contact), by fifth birthday, then in the list's order.
std::vector<NeverSeenChild> never_seen_yet(const KnownChildren& known,
                                           const std::vector<std::int32_t>& first_contact);

// The file name of the list written under `private_dir`/outreach (never_seen_yet.csv), or ""
// when the run has no known children or kept no first contacts ([run] never_seen_by_5 or
// seen_before_1 keeps them). Columns: known_id, child_id, postcode, street, birth_date,
// fifth_birthday, registered, then each layer's area id under the layer's name.
std::string write_never_seen_list(const Analysis& a, const std::string& private_dir);

}  // namespace reachmap
