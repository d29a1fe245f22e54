// Record keys of the cell key method (engine/core/perturbation_table.hpp): every child gets a
// key from 0 to 255, a pure function of the run's seed and the child's id, and a published
// count's cell key is the sum of its children's keys modulo 256. The same set of children so
// gets the same key, and the same perturbation, in every table; a total's key is the sum of
// its parts' keys.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/core/rng.hpp"

namespace reachmap {

// FNV-1a, 64 bits: a hash of text that is the same on every platform and build (std::hash
// is not).
constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// The record key of the record named `id` under `seed`: uniform on 0..255.
inline std::uint8_t record_key(std::uint64_t seed, std::string_view id) {
  constexpr std::uint64_t kRecordKeys = 0x7265636b6579ULL;  // a stream of its own: "reckey"
  return static_cast<std::uint8_t>(hash_keys(seed, kRecordKeys, fnv1a64(id)) & 0xffu);
}

// Adds a record's key to a cell's key (modulo 256).
inline void add_key(std::uint8_t& cell_key, std::uint8_t key) {
  cell_key = static_cast<std::uint8_t>(cell_key + key);
}

}  // namespace reachmap
