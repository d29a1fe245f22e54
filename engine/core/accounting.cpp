#include "engine/core/accounting.hpp"

#include <algorithm>

namespace reachmap {

std::size_t FileAccount::rejected_total() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : rejected) n += count;
  return n;
}

std::size_t FileAccount::excluded_total() const {
  std::size_t n = 0;
  for (const auto& [rule, count] : excluded) n += count;
  return n;
}

void Accounting::sort_rejects_by_line(std::size_t first) {
  if (first >= rejects_.size()) return;
  std::stable_sort(rejects_.begin() + long(first), rejects_.end(),
                   [](const Reject& a, const Reject& b) { return a.line < b.line; });
}

}  // namespace reachmap
