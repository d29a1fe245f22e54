// The arena the registrations keep their children's ids in (engine/core/text_arena.hpp): a
// view it gives out stays the text it was given, whatever happens to the arena after.
#include "engine/core/text_arena.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using reachmap::TextArena;

// Ids enough to fill several of the arena's blocks, one of them longer than a block.
std::vector<std::string> ids() {
  std::vector<std::string> out;
  for (int i = 0; i < 20000; ++i) out.push_back("C" + std::to_string(1000000 + i * 37));
  out.push_back(std::string(100000, 'x'));
  out.push_back("after the long one");
  return out;
}

void expect_views(const std::vector<std::string_view>& views, const std::vector<std::string>& want,
                  const char* when) {
  ASSERT_EQ(views.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) ASSERT_EQ(views[i], want[i]) << when << ", #" << i;
}

TEST(TextArena, ViewsKeepTheirTextAcrossBlocksAndMoves) {
  const auto want = ids();
  TextArena arena;
  std::vector<std::string_view> views;
  for (const std::string& id : want) views.push_back(arena.keep(id));
  EXPECT_TRUE(arena.keep("").empty());
  expect_views(views, want, "kept");
  TextArena moved = std::move(arena);
  expect_views(views, want, "moved");
  // The moved-from arena may still be written to, and so may the one it moved to: never into
  // the same bytes.
  std::vector<std::string_view> from_old, from_new;
  for (int i = 0; i < 100; ++i) {
    from_old.push_back(arena.keep("moved from " + std::to_string(i)));
    from_new.push_back(moved.keep("moved to " + std::to_string(i)));
  }
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(from_old[i], "moved from " + std::to_string(i));
    EXPECT_EQ(from_new[i], "moved to " + std::to_string(i));
  }
  expect_views(views, want, "moved, then both written");
  TextArena owner;
  owner.keep("the owner's own");
  owner.absorb(std::move(moved));
  expect_views(views, want, "absorbed");
}

TEST(TextArena, ACopySharesTheTextAndNeitherOverwritesTheOther) {
  const auto want = ids();
  std::vector<std::string_view> views;
  auto original = std::make_unique<TextArena>();
  for (const std::string& id : want) views.push_back(original->keep(id));
  TextArena copy = *original;
  // Both go on keeping: each in bytes of its own, though the last block is shared.
  std::vector<std::string_view> from_copy, from_original;
  for (int i = 0; i < 100; ++i) {
    from_copy.push_back(copy.keep("copy " + std::to_string(i)));
    from_original.push_back(original->keep("original " + std::to_string(i)));
  }
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(from_copy[i], "copy " + std::to_string(i));
    EXPECT_EQ(from_original[i], "original " + std::to_string(i));
  }
  original.reset();  // the copy keeps the shared blocks alive
  expect_views(views, want, "original gone");
}

}  // namespace
