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

void Accounting::take(Accounting&& other) {
  for (auto& [display, from] : other.files_) {
    FileAccount& into = files_[display];
    into.rows += from.rows;
    into.used += from.used;
    for (const auto& [rule, n] : from.excluded) into.excluded[rule] += n;
    for (const auto& [reason, n] : from.rejected) into.rejected[reason] += n;
    for (auto& w : from.warnings) into.warnings.push_back(std::move(w));
  }
  for (auto& r : other.rejects_) rejects_.push_back(std::move(r));
  other = Accounting();
}

}  // namespace reachmap
