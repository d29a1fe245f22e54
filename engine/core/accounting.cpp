#include "engine/core/accounting.hpp"

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

}  // namespace reachmap
