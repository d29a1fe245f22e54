// Registrations of `n` counted children K0, K1, ..., each with the record key 1 << i, for tests
// that read a small attendance file against them.
#pragma once

#include <string>

#include "engine/measure/registrations.hpp"

namespace reachmap::testsupport {

inline Registrations counted_children(std::size_t n) {
  Registrations r;
  for (std::size_t i = 0; i < n; ++i) {
    Child c;
    const std::string id = "K" + std::to_string(i);
    c.id = r.texts.keep(id);
    c.counted = true;
    c.key = std::uint8_t(1 << i);
    r.index_of[id] = long(i);
    r.children.push_back(c);
  }
  r.counted = n;
  return r;
}

}  // namespace reachmap::testsupport
