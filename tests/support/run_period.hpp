// The run period most unit tests of the loaders use.
#pragma once

#include "engine/io/config.hpp"

namespace reachmap::testsupport {

// [run] from 2025-04-01 to 2026-03-31, the other settings as their defaults.
inline RunSection year_to_march_2026() {
  RunSection r;
  r.from = {2025, 4, 1};
  r.to = {2026, 3, 31};
  return r;
}

}  // namespace reachmap::testsupport
