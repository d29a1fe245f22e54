#include "engine/core/string_index.hpp"

#include <bit>
#include <functional>
#include <stdexcept>

namespace reachmap {

namespace {

std::uint64_t hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}
constexpr std::uint64_t kEmpty = 0;
std::uint64_t tag_of(std::uint64_t hash) {
  return hash >> 32 << 32;
}

}  // namespace

void StringIndex::reserve(std::size_t keys) {
  entries_.reserve(keys);
  // At most three quarters full: a probe rarely passes more than a slot or two.
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(16, keys + keys / 3 + 1));
  if (slots > slots_.size()) grow(slots);
}

std::size_t StringIndex::slot_of(std::string_view key, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = slots_[i];
    if (s == kEmpty) return i;
    if (tag_of(s) == tag_of(hash) && key_of(entries_[(s & 0xffffffffu) - 1]) == key) return i;
  }
}

void StringIndex::grow(std::size_t slots) {
  slots_.assign(slots, kEmpty);
  const std::size_t mask = slots - 1;
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    const std::uint64_t hash = hash_of(key_of(entries_[e]));
    std::size_t i = hash & mask;
    while (slots_[i] != kEmpty) i = (i + 1) & mask;
    slots_[i] = tag_of(hash) | (e + 1);
  }
}

std::pair<StringIndex::Value&, bool> StringIndex::try_emplace(std::string_view key, Value value) {
  if ((entries_.size() + 1) * 4 > slots_.size() * 3)
    grow(std::max<std::size_t>(16, slots_.size() * 2));
  const std::uint64_t hash = hash_of(key);
  const std::size_t i = slot_of(key, hash);
  if (slots_[i] != kEmpty) return {entries_[(slots_[i] & 0xffffffffu) - 1].value, false};
  if (entries_.size() >= 0xffffffffu || key.size() > 0xffffffffu)
    throw std::length_error("StringIndex: too many keys, or one too long");
  entries_.push_back({keys_.size(), std::uint32_t(key.size()), value});
  keys_.append(key);
  slots_[i] = tag_of(hash) | entries_.size();
  return {entries_.back().value, true};
}

std::optional<StringIndex::Found> StringIndex::find(std::string_view key) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t i = slot_of(key, hash_of(key));
  if (slots_[i] == kEmpty) return std::nullopt;
  const Entry& e = entries_[(slots_[i] & 0xffffffffu) - 1];
  return Found{key_of(e), e.value};
}

StringIndex::Value StringIndex::at(std::string_view key) const {
  if (const auto found = find(key)) return found->value;
  throw std::out_of_range("StringIndex::at: " + std::string(key));
}

}  // namespace reachmap
