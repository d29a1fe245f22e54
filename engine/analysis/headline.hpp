// The counts of children a run states outside its tables, with the keys that perturb them
// (headline_counts.hpp makes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reachmap {

struct HeadlineCount {
  std::size_t n = 0;
  std::uint8_t key = 0;  // the sum of the record keys of the children counted
};

struct HeadlineCounts {
  HeadlineCount counted, terminated, large_user, imputed, approximate;
  HeadlineCount known, known_by_id, known_by_postcode_and_month, known_not_registered,
      known_ids_not_registered;
  std::vector<HeadlineCount> outside, placed;  // by layer
};

}  // namespace reachmap
