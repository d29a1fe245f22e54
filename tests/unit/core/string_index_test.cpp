// The flat string index the registrations' child ids are looked up in (engine/core/string_index).
#include "engine/core/string_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace {

using reachmap::StringIndex;

TEST(StringIndex, TheFirstInsertionOfAKeyDecidesItsValue) {
  StringIndex index;
  auto [value, fresh] = index.try_emplace("C1", 7);
  EXPECT_TRUE(fresh);
  EXPECT_EQ(value, 7);
  value = 9;  // assignable until the next insertion
  const auto again = index.try_emplace("C1", -1);
  EXPECT_FALSE(again.second);
  EXPECT_EQ(again.first, 9);
  EXPECT_EQ(index.size(), 1u);
  index.try_emplace("", -1);  // the empty string is a key like any other
  EXPECT_EQ(index.at(""), -1);
  EXPECT_EQ(index.at("C1"), 9);
  EXPECT_FALSE(index.find("C2"));
  EXPECT_EQ(index.count("C2"), 0u);
  EXPECT_THROW(index.at("C2"), std::out_of_range);
  EXPECT_FALSE(StringIndex().find("C1"));  // nothing reserved, nothing found
}

// Keys that begin alike, a key inside another, far more keys than reserved (the table grows
// many times): every key keeps its value, found keys are the index's own copies, and a key
// never inserted is never found. Checked against std::map.
TEST(StringIndex, ManyKeysGrowingPastTheReserveAllKeepTheirValues) {
  StringIndex index;
  index.reserve(10);
  std::map<std::string, long> truth;
  std::mt19937_64 rng(3);
  for (long i = 0; i < 200000; ++i) {
    std::string key = "C" + std::to_string(rng() % 150000);
    if (i % 7 == 0) key += "-" + key;  // a key that begins with another
    const auto [value, fresh] = index.try_emplace(key, i);
    const auto [it, inserted] = truth.try_emplace(key, i);
    ASSERT_EQ(fresh, inserted) << key;
    ASSERT_EQ(value, it->second) << key;
  }
  EXPECT_EQ(index.size(), truth.size());
  for (const auto& [key, value] : truth) {
    const auto found = index.find(key);
    ASSERT_TRUE(found) << key;
    EXPECT_EQ(found->value, value) << key;
    EXPECT_EQ(found->key, key);
    EXPECT_NE(found->key.data(), key.data());
  }
  for (const std::string absent : {"C150000", "C1-", "c1", "C", "C00", " C1"})
    EXPECT_FALSE(index.find(absent)) << absent;
}

}  // namespace
