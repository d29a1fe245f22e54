// Short strings kept for as long as their owner, in blocks that never move: `keep` returns a
// view that stays valid when the arena is moved, copied or absorbed into another (a copy
// shares the blocks, and the text in them never changes). For the
// registrations' two million ids: a std::string each made a child 112 bytes, copied twice on
// the way in (a third of the bytes the kernel zeroed for the stage nationally).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace reachmap {

class TextArena {
 public:
  TextArena() = default;
  // The moved-from arena keeps no free space: its next `keep` starts a block of its own, not
  // writing into bytes the other now owns.
  TextArena(TextArena&& other) noexcept
      : blocks_(std::move(other.blocks_)),
        next_(std::exchange(other.next_, nullptr)),
        left_(std::exchange(other.left_, 0)) {}
  TextArena& operator=(TextArena&& other) noexcept {
    blocks_ = std::move(other.blocks_);
    next_ = std::exchange(other.next_, nullptr);
    left_ = std::exchange(other.left_, 0);
    return *this;
  }
  // Shares the blocks; the copy's first `keep` starts a block of its own, so that the two
  // never write the same bytes.
  TextArena(const TextArena& other) : blocks_(other.blocks_) {}
  TextArena& operator=(const TextArena& other) {
    if (this != &other) *this = TextArena(other);
    return *this;
  }

  // A copy of `text` that lives as long as this arena (or the one that absorbs it).
  std::string_view keep(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > left_) {
      const std::size_t size = std::max(kBlockBytes, text.size());
      blocks_.emplace_back(new char[size]);  // not zeroed: written before it is read
      next_ = blocks_.back().get();
      left_ = size;
    }
    char* at = next_;
    std::memcpy(at, text.data(), text.size());
    next_ += text.size();
    left_ -= text.size();
    return {at, text.size()};
  }
  // Takes over `other`'s blocks: views kept there stay valid, now owned here.
  void absorb(TextArena&& other) {
    for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
    other = TextArena();
  }

 private:
  static constexpr std::size_t kBlockBytes = std::size_t(1) << 16;
  std::vector<std::shared_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace reachmap
