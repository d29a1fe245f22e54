// Where the children live, by postcode and by what services know of them: seen, registered
// but not seen, known to health but not registered. Private: for the staff's families map and
// the outreach pack, never for a public file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap {

// Postcodes and ids are views of the Analysis's own copies (the directory's postcodes, the
// registrations' ids): they hold while it does. Copies were 60 MB nationally.
struct PostcodeChildren {
  std::string_view postcode;
  double x = 0, y = 0;
  std::vector<long> area;  // by layer: the area of the postcode, -1 outside
  int seen = 0, not_seen = 0, not_registered = 0;
  std::vector<std::string_view> not_seen_ids;  // registered children not seen (child_id)
};

// Every postcode with a counted or known child, in postcode order.
std::vector<PostcodeChildren> children_by_postcode(const Analysis& analysis);

// The families map's kinds of children; the third only when [known_children] is given.
std::vector<PointGroup> family_groups(bool with_known);

// One point per postcode and kind of child (seen, not seen, not registered) with children.
std::vector<FamilyPoint> family_points(const std::vector<PostcodeChildren>& postcodes);

}  // namespace reachmap
