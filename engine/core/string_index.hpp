// Strings to numbers in three flat arrays: the keys one after another in one buffer, an entry
// per key (where it is, its value) in insertion order, and an open-addressing table of entry
// numbers tagged with their hash's top half. For the registrations' millions of child ids:
// a node-based map took an allocation per id (1.9M, 0.5 s on one thread before the attendance
// could start nationally) and 150 MB, and freeing it took as long again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reachmap {

class StringIndex {
 public:
  using Value = long;
  struct Found {
    std::string_view key;  // the index's own copy: holds until the next insertion
    Value value;
  };

  void reserve(std::size_t keys);
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // The value of `key`, with `value` inserted when it was absent (.second). The reference
  // holds until the next insertion.
  std::pair<Value&, bool> try_emplace(std::string_view key, Value value);
  std::optional<Found> find(std::string_view key) const;
  Value& operator[](std::string_view key) { return try_emplace(key, 0).first; }
  Value at(std::string_view key) const;  // throws std::out_of_range when absent
  std::size_t count(std::string_view key) const { return find(key) ? 1 : 0; }

 private:
  struct Entry {
    std::uint64_t offset;  // into keys_
    std::uint32_t length;
    Value value;
  };
  std::string_view key_of(const Entry& e) const { return {keys_.data() + e.offset, e.length}; }
  std::size_t slot_of(std::string_view key, std::uint64_t hash) const;  // its slot, or an empty one
  void grow(std::size_t slots);

  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<std::uint64_t> slots_;  // 0: empty; else hash's top 32 bits, entry number + 1
};

}  // namespace reachmap
