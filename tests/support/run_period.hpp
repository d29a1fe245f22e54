// The run period most unit tests of the loaders use.
#pragma once

#include "engine/core/date.hpp"

namespace reachmap::testsupport {

// From 2025-04-01 to 2026-03-31.
inline Period year_to_march_2026() {
  return {{2025, 4, 1}, {2026, 3, 31}};
}

}  // namespace reachmap::testsupport
