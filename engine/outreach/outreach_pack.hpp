// The outreach pack (private/outreach/): for the first areas of each layer's outreach list and
// for each centre's reach area, a one-page PDF for an outreach worker and, beside it, a CSV of
// the child ids behind its "registered, not seen" counts, for the centre's own records.
#pragma once

#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/outreach/families.hpp"

namespace reachmap {

// Above this many centres with a reach area (a region, the country) the pack leaves out their
// sheets: thousands of pages serve nobody, and each authority runs its own area.
inline constexpr std::size_t kMaxReachAreaSheets = 150;

struct OutreachPack {
  std::vector<std::string> files;  // relative to the private folder
  std::size_t sheets = 0;
  std::size_t reach_areas_left_out = 0;  // more than kMaxReachAreaSheets reach areas
};

// Writes the pack into `private_dir`/outreach, from where `families` says the children live
// (children_by_postcode of the analysis; made here when null).
OutreachPack write_outreach_pack(const Analysis& analysis, const std::string& private_dir,
                                 int threads,
                                 const std::vector<PostcodeChildren>* families = nullptr);

}  // namespace reachmap
