// The attendance reader's small tables (engine/measure/attendance.cpp): dense ids for a chunk's
// (centre, service) pairs, the day numbers of the dates it has read, and the distinct keys
// among one child's contacts. Each is what thirty million rows make cheaper than a general
// hash map or parsing again.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/core/date.hpp"

namespace reachmap::detail {

// Dense ids for (centre, service) pairs of a chunk's names. A small direct-mapped table of the
// pairs met lately comes first: a row's pair is mostly one of a few dozen, and a hash-map
// lookup a row cost as much as the kernel's zeroing it saves.
class PairIds {
 public:
  std::uint32_t operator()(std::uint32_t centre, std::uint32_t service) {
    const std::uint64_t key = std::uint64_t(centre) << 32 | service;
    Recent& slot = recent_[(key * 0x9E3779B97F4A7C15ULL) >> (64 - kRecentBits)];
    if (slot.id != kNone && slot.key == key) return slot.id;
    auto [it, fresh] = ids_.try_emplace(key, std::uint32_t(pairs_.size()));
    if (fresh) pairs_.emplace_back(centre, service);
    slot = {key, it->second};
    return it->second;
  }
  // (centre, service) of each id, in id order.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs() const { return pairs_; }

 private:
  static constexpr int kRecentBits = 10;
  static constexpr std::uint32_t kNone = std::uint32_t(-1);
  struct Recent {
    std::uint64_t key = 0;
    std::uint32_t id = kNone;
  };
  std::vector<Recent> recent_ = std::vector<Recent>(std::size_t(1) << kRecentBits);
  std::unordered_map<std::uint64_t, std::uint32_t> ids_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs_;
};

// The day numbers of the dates a chunk has read: a file names a few hundred days thirty million
// times, and parsing each (a fifth of the stage's time per row) is more than a look here.
class DayCache {
 public:
  // Days since 1970-01-01 of a strict YYYY-MM-DD date, as parse_date reads it; nullopt when `s`
  // is not one (never kept).
  std::optional<long> operator()(std::string_view s) {
    if (s.size() != 10) return std::nullopt;
    std::uint64_t head;
    std::uint16_t tail;
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + 8, 2);
    Slot& slot = slots_[((head ^ tail) * 0x9E3779B97F4A7C15ULL) >> (64 - kBits)];
    if (slot.known && slot.head == head && slot.tail == tail) return slot.days;
    const auto date = parse_date(s, false);
    if (!date) return std::nullopt;
    slot = {head, tail, true, date->days()};
    return slot.days;
  }

 private:
  static constexpr int kBits = 10;
  struct Slot {
    std::uint64_t head = 0;
    std::uint16_t tail = 0;
    bool known = false;
    long days = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(std::size_t(1) << kBits);
};

// The distinct keys among a child's contacts, in an open-addressed table whose slots are
// stamped with the child they hold (no clearing between children). Sorting each child's dozen
// or so contacts to find the identical ones was a tenth of the stage's CPU.
class DistinctKeys {
 public:
  // A new child, with at most `n` keys.
  void start(std::size_t n) {
    if (2 * n > slots_.size()) {
      std::size_t size = 64;
      while (size < 4 * n) size *= 2;
      slots_.assign(size, Slot{});
      bits_ = std::countr_zero(size);
      stamp_ = 0;
    }
    if (++stamp_ == 0) {  // wrapped: every slot's stamp could be taken for this child's
      std::fill(slots_.begin(), slots_.end(), Slot{});
      stamp_ = 1;
    }
  }
  // Whether `key` is new for this child.
  bool insert(std::uint64_t key) { return insert(key, 0).first; }
  // Whether `key` is new for this child, and whether it is new with `kind` (0 to 31): a
  // contact with a mother and a father is one contact, and a contact with each. In the key's
  // slot: a second table for (key, kind) was a third of carers' cost nationally.
  std::pair<bool, bool> insert(std::uint64_t key, unsigned kind) {
    const std::size_t mask = slots_.size() - 1;
    const std::uint32_t bit = std::uint32_t(1) << kind;
    for (std::size_t i = (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits_);; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.stamp != stamp_) {
        slot = {key, stamp_, bit};
        return {true, true};
      }
      if (slot.key == key) {
        const bool fresh_kind = !(slot.kinds & bit);
        slot.kinds |= bit;
        return {false, fresh_kind};
      }
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t stamp = 0;  // the child's (start's count); 0: never used
    std::uint32_t kinds = 0;  // the kinds met with it (a bit each)
  };
  std::vector<Slot> slots_;
  int bits_ = 0;
  std::uint32_t stamp_ = 0;
};

}  // namespace reachmap::detail
