// Carers: ISO weeks, the kinds a written value counts as, and the tally per centre, week and
// kind (a contact with a mother and a father counts for both; duplicates once), at any thread
// count.
#include "engine/measure/carers.hpp"

#include <gtest/gtest.h>

#include "engine/measure/attendance.hpp"
#include "tests/support/attendance_section.hpp"
#include "tests/support/run_period.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;
using reachmap::testsupport::year_to_march_2026;

namespace {

Registrations two_children() {
  Registrations r;
  for (const char* id : {"K0", "K1"}) {
    Child c;
    c.id = r.texts.keep(id);
    c.counted = true;
    c.key = std::string(id) == "K0" ? 10 : 100;
    r.index_of[id] = static_cast<long>(r.children.size());
    r.children.push_back(c);
  }
  r.counted = 2;
  return r;
}

AttendanceSource section_for(const std::string& path) {
  return reachmap::testsupport::attendance_section(path, true);
}

}  // namespace

TEST(IsoWeek, WeeksBelongToTheYearOfTheirThursday) {
  // Checked against Python's date.isocalendar().
  EXPECT_EQ(iso_week_text((Date{2025, 4, 1}.days())), "2025-W14");    // a Tuesday
  EXPECT_EQ(iso_week_text((Date{2024, 12, 30}.days())), "2025-W01");  // Monday of 2025's first
  EXPECT_EQ(iso_week_text((Date{2021, 1, 3}.days())), "2020-W53");    // a Sunday in 2020's last
  EXPECT_EQ(iso_week_text((Date{2026, 3, 31}.days())), "2026-W14");
  EXPECT_EQ(monday_of((Date{2025, 5, 4}.days())), (Date{2025, 4, 28}.days()));  // Sunday
  EXPECT_EQ(monday_of((Date{2025, 4, 28}.days())), (Date{2025, 4, 28}.days()));
  EXPECT_EQ(monday_of((Date{1969, 12, 31}.days())), (Date{1969, 12, 29}.days()));
}

TEST(CarerKinds, ValuesMatchWithoutCaseOrSpacesAndTheRestIsOther) {
  const CarerKinds k = default_carer_kinds();
  EXPECT_EQ(k.kinds.back(), "other");
  EXPECT_EQ(k.kinds[std::size_t(k.father())], "father");
  EXPECT_EQ(k.kind_of(" Dad "), std::optional<std::size_t>(std::size_t(k.father())));
  EXPECT_EQ(k.kinds[*k.kind_of("MUM")], "mother");
  EXPECT_EQ(k.kind_of("aunt"), std::nullopt);
  const CarerKinds own = carer_kinds({{"dad", {"Dad"}}, {"other", {"Aunt"}}});
  EXPECT_EQ(own.kinds, (std::vector<std::string>{"dad", "other"}));
  EXPECT_EQ(own.father(), -1);  // no kind called father: seen_with_father is not made
  EXPECT_EQ(own.kind_of("aunt"), std::optional<std::size_t>(1));  // other, and listed
}

TEST(CarerTally, ContactsAndChildrenPerCentreWeekAndKind) {
  TempDir dir("carers");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service,carer\n"
             "K0,2025-05-01,CEN1,stay and play,father\n"
             "K0,2025-05-01,CEN1,stay and play,mother\n"  // the same contact, with both
             "K0,2025-05-02,CEN1,health,Dad\n"            // the same week (2025-W18)
             "K1,2025-05-01,CEN1,stay and play, FATHER\n"
             "K1,2025-05-12,CEN2,stay and play,aunt\n"      // 2025-W20, no kind lists it
             "K0,2025-05-01,CEN1,stay and play,father\n");  // entered twice
  const CarerKinds kinds = default_carer_kinds();
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    const Registrations reg = two_children();
    Accounting acc;
    const Attendance a = load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg,
                                         acc, threads, threads == 1 ? kChunkBytes : 64, &kinds);
    EXPECT_EQ(a.distinct_contacts, 4u);  // the carer does not make a contact of its own
    EXPECT_EQ(a.duplicate_rows, 2u);
    ASSERT_TRUE(a.carers);
    const CarerTally& t = *a.carers;
    EXPECT_EQ(iso_week_text(t.first_monday), "2025-W14");
    EXPECT_EQ(t.weeks, 53u);  // 2025-W14 to 2026-W14
    EXPECT_EQ(t.with_father, (std::vector<char>{1, 1}));
    EXPECT_EQ(t.father_children_by_centre.at("CEN1"), (std::vector<std::size_t>{0, 1}));
    EXPECT_FALSE(t.father_children_by_centre.count("CEN2"));
    EXPECT_EQ(t.unmapped, (std::map<std::string, std::size_t>{{"aunt", 1}}));
    const Table weeks = carers_by_week(t);
    ASSERT_EQ(weeks.rows.size(), 2u * 53u);  // every week of the period at each centre
    // Written a row per week and kind, zeros too; the non-zero ones:
    using Row = std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t>;
    std::vector<Row> rows;
    std::size_t written = 0;
    carers_long_rows(weeks, [&](const Cell& centre, const Cell& week, const std::string& kind,
                                const Cell& contacts, const Cell& children, bool hidden) {
      ++written;
      EXPECT_FALSE(hidden);
      if (std::get<std::int64_t>(contacts) == 0) return;
      rows.emplace_back(std::get<std::string>(centre), std::get<std::string>(week), kind,
                        std::get<std::int64_t>(contacts), std::get<std::int64_t>(children));
    });
    EXPECT_EQ(written, 2u * 53u * 4u);
    EXPECT_EQ(rows, (std::vector<Row>{{"CEN1", "2025-W18", "father", 3, 2},
                                      {"CEN1", "2025-W18", "mother", 1, 1},
                                      {"CEN2", "2025-W20", "other", 1, 1}}));
    // Cell keys: a contact adds its child's key, a child once. CEN1's fifth week:
    EXPECT_EQ(std::get<std::string>(weeks.rows[4][1]), "2025-W18");
    EXPECT_EQ(weeks.cell_keys.at(carer_contacts("father"))[4], std::uint8_t(10 + 10 + 100));
    EXPECT_EQ(weeks.cell_keys.at(carer_children("father"))[4], std::uint8_t(10 + 100));
  }
}

TEST(CarerTally, FathersShareOfChildrenSeenWithItsWilsonInterval) {
  Table t;
  t.columns = {Col::kAreaId, Col::kSeenChildren, {band_of(Col::kSeenChildren), ColumnKind::kBand}};
  t.rows = {{std::string("A"), std::int64_t(10), Cell()},
            {std::string("B"), Cell(), Cell()},  // nobody could be placed here
            {std::string("C"), std::int64_t(0), Cell()}};
  CarerTally tally;
  tally.with_father = {1, 1, 1, 0, 1};
  const std::vector<long> area_of_child = {0, 0, 0, 0, -1};
  add_father_columns(t, area_of_child, tally, {1, 2, 3, 4, 5});
  ASSERT_EQ(t.columns[2].name, "seen_with_father");
  EXPECT_EQ(t.columns.back().kind, ColumnKind::kBand);  // the bands stay last
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][2]), 3);
  EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][3]), 0.3);
  // 3 of 10: Wilson's 95% interval, worked by hand (z = 1.959964).
  EXPECT_NEAR(std::get<double>(t.rows[0][4]), 0.107791, 1e-6);
  EXPECT_NEAR(std::get<double>(t.rows[0][5]), 0.603222, 1e-6);
  EXPECT_EQ(t.cell_keys.at("seen_with_father")[0], 6);
  for (std::size_t c = 2; c < 6; ++c)
    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[1][c]));
  EXPECT_EQ(std::get<std::int64_t>(t.rows[2][2]), 0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[2][3]));  // 0 of 0: no share
}
