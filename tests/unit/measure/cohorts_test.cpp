// The early-years cohorts, worked by hand: who turned 5 (or 1) in the period, who was never seen
// before the fifth birthday (or seen before the first), per area, with Wilson bounds and keys.
#include "engine/measure/cohorts.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "engine/core/record_key.hpp"
#include "engine/measure/attendance.hpp"

using namespace reachmap;

namespace {

const Period kYear{{2025, 4, 1}, {2026, 3, 31}};

struct Registered {
  const char* id;
  Date birth;
  bool counted;
  std::optional<Date> first_contact;
  long area;  // in the layer; -1 outside it
  bool late = false;
};

// A: turned 5 in the period, seen at 2; B: turned 5, first seen on the birthday itself (not
// before); C: turned 5 on the period's last day, never seen; D: turned 5 the day before the
// period; F: turned 5 in it but registered after its end; G: turned 1, seen at 11 months; H:
// turned 1, first seen on the birthday; I: turned 1, seen before birth (antenatal); J: turned 1
// before the period; K: turned 1, outside the layer.
const std::vector<Registered> kChildren = {
    {"A", {2020, 6, 15}, false, Date{2023, 1, 1}, 0},
    {"B", {2020, 6, 15}, false, Date{2025, 6, 15}, 0},
    {"C", {2021, 3, 31}, false, std::nullopt, 1},
    {"D", {2020, 3, 31}, false, std::nullopt, 1},
    {"F", {2020, 7, 1}, false, std::nullopt, 1, true},
    {"G", {2024, 5, 1}, true, Date{2025, 4, 1}, 1},
    {"H", {2024, 5, 1}, true, Date{2025, 5, 1}, 1},
    {"I", {2025, 1, 1}, true, Date{2024, 12, 1}, 0},
    {"J", {2023, 1, 1}, true, std::nullopt, 0},
    {"K", {2024, 6, 1}, true, std::nullopt, -1},
};

struct World {
  Registrations registrations;
  std::vector<std::int32_t> first_contact;
  std::vector<long> area_of_child;
  World() {
    std::uint8_t key = 1;
    for (const Registered& r : kChildren) {
      Child c;
      c.id = registrations.texts.keep(r.id);
      c.birth = r.birth;
      c.counted = r.counted;
      if (r.late) c.registered = std::int32_t(Date{2026, 5, 1}.days());  // after the period
      c.key = key, key = std::uint8_t(key * 2);
      registrations.children.push_back(c);
      first_contact.push_back(r.first_contact ? std::int32_t(r.first_contact->days()) : kNoContact);
      area_of_child.push_back(r.counted ? r.area : -1);
    }
  }
  std::uint8_t key_of(std::initializer_list<std::size_t> children) const {
    std::uint8_t k = 0;
    for (const std::size_t c : children) add_key(k, registrations.children[c].key);
    return k;
  }
};

// Two measured areas and one nobody could be placed in (blank counts).
Table layer_table() {
  Table t;
  t.columns = {TableColumn(Col::kAreaId), TableColumn(Col::kRegisteredChildren),
               TableColumn(band_of(Col::kRegisteredChildren), ColumnKind::kBand),
               TableColumn(Col::kSuppressed)};
  t.rows = {{std::string("N1"), std::int64_t(40), Cell(), false},
            {std::string("N2"), std::int64_t(30), Cell(), false},
            {std::string("N3"), Cell(), Cell(), false}};
  return t;
}

double at(const Table& t, std::size_t row, Col c) {
  return std::get<double>(t.rows[row][std::size_t(t.column(c))]);
}
std::int64_t count_at(const Table& t, std::size_t row, Col c) {
  return std::get<std::int64_t>(t.rows[row][std::size_t(t.column(c))]);
}

}  // namespace

TEST(Cohorts, ABirthdayIsInThePeriodFromItsFirstDayToItsLast) {
  EXPECT_TRUE(turned_in({2020, 4, 1}, 5, kYear));
  EXPECT_TRUE(turned_in({2021, 3, 31}, 5, kYear));
  EXPECT_FALSE(turned_in({2020, 3, 31}, 5, kYear));
  EXPECT_FALSE(turned_in({2021, 4, 1}, 5, kYear));
  // 29 February's birthday is 1 March in a common year, as the age rule has it.
  EXPECT_EQ(birthday({2020, 2, 29}, 5), (Date{2025, 3, 1}));
  EXPECT_EQ(birthday({2020, 2, 29}, 4), (Date{2024, 2, 29}));
  EXPECT_TRUE(turned_in({2020, 2, 29}, 5, {{2025, 3, 1}, {2025, 3, 1}}));
}

TEST(Cohorts, TheFifthBirthdaysCohortIsTheRegisteredWhoTurned5InThePeriod) {
  const World w;
  // A, B and C; not D (before the period), not F (registered after it).
  EXPECT_EQ(turned_5_children(w.registrations, kYear), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(Cohorts, EachAreasCohortsAndMeasuresWorkedByHand) {
  const World w;
  const std::vector<std::size_t> turned_5 = turned_5_children(w.registrations, kYear);
  const std::vector<long> area_of_turned_5 = {0, 0, 1};
  Table t = layer_table();
  add_cohort_columns(
      t, {true, true},
      {w.registrations, kYear, w.first_contact, w.area_of_child, turned_5, area_of_turned_5});
  // N1: A and B turned 5, B never seen before; I turned 1, seen before (antenatal).
  EXPECT_EQ(count_at(t, 0, Col::kTurned5Children), 2);
  EXPECT_EQ(count_at(t, 0, Col::kNeverSeenBy5), 1);
  EXPECT_DOUBLE_EQ(at(t, 0, Col::kNeverSeenBy5Share), 0.5);
  EXPECT_EQ(count_at(t, 0, Col::kTurned1Children), 1);
  EXPECT_EQ(count_at(t, 0, Col::kSeenBefore1), 1);
  // N2: C turned 5 unseen; G and H turned 1, G seen before, H on the day (not before).
  EXPECT_EQ(count_at(t, 1, Col::kTurned5Children), 1);
  EXPECT_EQ(count_at(t, 1, Col::kNeverSeenBy5), 1);
  EXPECT_EQ(count_at(t, 1, Col::kTurned1Children), 2);
  EXPECT_EQ(count_at(t, 1, Col::kSeenBefore1), 1);
  // Wilson 95% of 1 in 2: 0.5 -+ 1.96 sqrt(1/8 + 1.96^2/16) / (1 + 1.96^2/2) = 0.0945, 0.9055.
  EXPECT_NEAR(at(t, 1, Col::kSeenBefore1ShareLow), 0.09453, 5e-5);
  EXPECT_NEAR(at(t, 1, Col::kSeenBefore1ShareHigh), 0.90547, 5e-5);
  // N3: blank, as its other counts.
  for (const Col c : {Col::kTurned5Children, Col::kNeverSeenBy5, Col::kNeverSeenBy5Share,
                      Col::kTurned1Children, Col::kSeenBefore1Share})
    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[2][std::size_t(t.column(c))]));
  // The counts' bands sit with the others' before `suppressed`, every row as wide as the header.
  EXPECT_EQ(t.column(band_of(Col::kSeenBefore1)) + 1, t.column(Col::kSuppressed));
  EXPECT_LT(t.column(Col::kSeenBefore1ShareHigh), t.column(band_of(Col::kRegisteredChildren)));
  for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size());
  // The cell keys: each count's children's record keys summed.
  EXPECT_EQ(t.cell_keys.at(name_of(Col::kNeverSeenBy5))[0], w.key_of({1}));
  EXPECT_EQ(t.cell_keys.at(name_of(Col::kTurned5Children))[0], w.key_of({0, 1}));
  EXPECT_EQ(t.cell_keys.at(name_of(Col::kSeenBefore1))[1], w.key_of({5}));
  EXPECT_EQ(t.cell_keys.at(name_of(Col::kTurned1Children))[1], w.key_of({5, 6}));
}

TEST(Cohorts, OnlyTheCohortsAskedForGetColumns) {
  const World w;
  Table t = layer_table();
  const std::vector<std::size_t> none;
  const std::vector<long> no_areas;
  add_cohort_columns(t, {false, true},
                     {w.registrations, kYear, w.first_contact, w.area_of_child, none, no_areas});
  EXPECT_LT(t.column(Col::kTurned5Children), 0);
  EXPECT_GE(t.column(Col::kSeenBefore1), 0);
}
