// Dense ids for the names an attendance file repeats millions of times (centres, services,
// carers), and the kept rows of each. Internal to engine/measure (attendance.cpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/string_map.hpp"
#include "engine/core/text.hpp"

namespace reachmap::detail {

// Dense ids for repeated strings; looks up by string_view, so known strings cost no allocation.
// The last string asked for is checked first: a child's contacts, listed together, are mostly
// at one centre, and a hash lookup per row was a twentieth of the stage. While there are few
// names (a file's services: six nationally, a row's any of them), they are compared one by one
// instead: hashing and probing the service of every row took 0.8 of the stage's 6 CPU s.
class Interner {
 public:
  std::uint32_t operator()(std::string_view s) {
    if (!names_.empty() && same_text(s, last_)) return last_id_;
    if (names_.size() <= kFew) {
      for (std::uint32_t i = 0; i < names_.size(); ++i)
        if (same_text(few_[i], s)) return last_ = few_[i], last_id_ = i;
    }
    Recent* slot = nullptr;
    std::uint64_t lo = 0, hi = 0;
    if (s.size() <= 16) {  // a centre's id: looked up by its bytes in a table of the last met
      std::memcpy(&lo, s.data(), std::min<std::size_t>(s.size(), 8));
      if (s.size() > 8) std::memcpy(&hi, s.data() + 8, s.size() - 8);
      const std::uint64_t h =
          (lo ^ (hi * 0x9E3779B97F4A7C15ULL) ^ s.size()) * 0xC2B2AE3D27D4EB4FULL;
      slot = &recent_[h >> (64 - kRecentBits)];
      if (slot->size == s.size() + 1 && slot->lo == lo && slot->hi == hi)
        return last_ = names_[slot->id], last_id_ = slot->id;
    }
    auto it = ids_.find(s);
    if (it == ids_.end()) {
      names_.emplace_back(s);
      it = ids_.emplace(names_.back(), static_cast<std::uint32_t>(names_.size() - 1)).first;
      if (names_.size() <= kFew) few_[names_.size() - 1] = names_.back();
    }
    last_ = it->first, last_id_ = it->second;
    if (slot) *slot = {lo, hi, std::uint32_t(s.size() + 1), last_id_};
    return last_id_;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  static constexpr std::size_t kFew = 8;
  // Names of up to 16 bytes met lately, by their bytes (a hash of two words, not of a string,
  // and no probe of ids_: centres change from row to row, and the look-up in ids_ was a
  // twentieth of the stage). size is the name's length + 1; 0: empty.
  static constexpr int kRecentBits = 10;
  struct Recent {
    std::uint64_t lo = 0, hi = 0;
    std::uint32_t size = 0, id = 0;
  };
  std::vector<Recent> recent_ = std::vector<Recent>(std::size_t(1) << kRecentBits);
  std::deque<std::string> names_;           // stable addresses for the views below
  std::array<std::string_view, kFew> few_;  // the first names, while there are no more
  std::unordered_map<std::string_view, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::string_view last_;  // a key of ids_
  std::uint32_t last_id_ = 0;
};

// One more kept row of the value `id` (a carer's, a service's) in `rows`.
inline void count_row(std::vector<std::size_t>& rows, std::uint32_t id) {
  if (id >= rows.size()) rows.resize(id + 1, 0);
  ++rows[id];
}

}  // namespace reachmap::detail
