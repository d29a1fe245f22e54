// The outreach pack's first names: known children no setting has ever seen (registered or
// not), soonest to turn 5 first; a known child whose registration has a contact is not listed.
#include "engine/outreach/never_seen_list.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

TEST(NeverSeenList, KnownChildrenNeverSeenSoonestFiveFirst) {
  KnownChildren known;
  const auto add = [&](Date birth, long registration) {
    KnownChild c;
    c.birth = birth;
    c.registration = registration;
    known.children.push_back(c);
  };
  add({2021, 6, 1}, -1);  // 0: not registered
  add({2021, 4, 1}, 0);   // 1: registered, seen once before the period: not listed
  add({2021, 5, 1}, 1);   // 2: registered, never seen
  add({2024, 1, 1}, -1);  // 3: not registered, a baby
  add({2021, 6, 1}, -1);  // 4: the same birthday as 0: after it, in the list's order
  const std::vector<std::int32_t> first_contact = {std::int32_t(Date{2024, 1, 9}.days()),
                                                   kNoContact};
  const auto list = never_seen_yet(known, first_contact);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].known, 2u);
  EXPECT_EQ(list[0].fifth_birthday, (Date{2026, 5, 1}));
  EXPECT_EQ(list[1].known, 0u);
  EXPECT_EQ(list[2].known, 4u);
  EXPECT_EQ(list[3].known, 3u);
}
