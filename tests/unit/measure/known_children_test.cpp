// Known children (a health visiting caseload) against registrations: matched by id where the
// row has one, else by postcode and birth month, each registration at most once; every row
// accounted for; per-area counts of known, registered, seen and not registered children.
#include "engine/measure/known_children.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {

struct World {
  PostcodeDirectory directory;
  Registrations registrations;
  Period run;
  World() {
    run.from = {2025, 4, 1};
    run.to = {2026, 3, 31};
    for (const char* pc : {"QX1 1AA", "QX1 1AB", "QX1 1AD"}) {
      DirectoryEntry e;
      e.has_location = true;
      directory.entries[pc] = e;
    }
    // id, match_id, postcode, birth
    add("R1", "111", "QX1 1AA", {2023, 5, 10});
    add("R2", "", "QX1 1AB", {2024, 2, 3});      // no shared id: found by postcode and month
    add("R3", "333", "QX1 1AB", {2024, 2, 20});  // same postcode and month as R2, has an id
    add("R4", "", "QX1 1AD", {2022, 7, 1});
  }
  void add(const std::string& id, const std::string& match, const std::string& pc, Date birth) {
    Child c;
    c.id = registrations.texts.keep(id);
    std::tie(c.postcode, c.home) = directory.lookup(pc);  // the directory's copy, as a run's
    c.birth = birth;
    c.counted = true;
    registrations.index_of[id] = static_cast<long>(registrations.children.size());
    registrations.children.push_back(c);
    registrations.match_ids.push_back(registrations.texts.keep(match));
    ++registrations.counted;
  }
};

KnownChildrenSource section_for(const std::string& path) {
  KnownChildrenSource s;
  s.path = path;
  s.display = "known.csv";
  s.personal = true;
  s.child_id = {"nhs", true, "[known_children] child_id"};
  s.postcode = {"postcode", false, "[known_children] postcode"};
  s.birth_date = {"birth", false, "[known_children] birth_date"};
  return s;
}

}  // namespace

TEST(KnownChildren, MatchesByIdThenByPostcodeAndBirthMonthEachRegistrationOnce) {
  TempDir dir("known");
  write_text(dir / "known.csv",
             "nhs,postcode,birth\n"
             "999,QX1 1AB,2024-02-11\n"    // id nobody carries; postcode+month: R2 (R3 is taken)
             "111,qx11aa,2023-05-10\n"     // R1 by id (postcode typed loosely)
             "333,QX1 1AB,2024-02-20\n"    // R3 by id, although listed after a look-alike
             ",QX1 1AB,2024-02-28\n"       // a twin-like third: R2 and R3 are taken
             ",QX1 1AD,2022-07-30\n"       // R4 by postcode and month
             "444,QX1 1AD,2019-01-01\n"    // aged 5 or over at the period end: not counted
             "111,QX1 1AA,2023-05-10\n"    // the same id again: rejected
             "555,QX9 9ZZ,2023-01-01\n"    // unknown postcode: rejected
             "556,QX1 1AA,31/02/2023\n");  // bad date: rejected
  World w;
  Accounting acc;
  const KnownChildren k =
      load_known_children(section_for(dir / "known.csv"), w.run, w.directory, w.registrations, acc);
  ASSERT_EQ(k.children.size(), 5u);
  EXPECT_EQ(k.children[0].registration, 1) << "R2 by postcode and month: R3's id claims R3";
  EXPECT_EQ(k.children[1].registration, 0);
  EXPECT_EQ(k.children[2].registration, 2);
  EXPECT_EQ(k.children[3].registration, -1) << "each registration matches one known child";
  EXPECT_EQ(k.children[4].registration, 3);
  EXPECT_EQ(k.matched_by_id, 2u);
  EXPECT_EQ(k.matched_by_postcode_and_month, 2u);
  EXPECT_EQ(k.not_registered(), 1u);
  EXPECT_EQ(k.ids_not_registered, 1u);
  const FileAccount& f = acc.files().at("known.csv");
  EXPECT_EQ(f.rows, 9u);
  EXPECT_EQ(f.used, 5u);
  EXPECT_EQ(f.excluded.at(kAgedFiveOrOver), 1u);
  EXPECT_EQ(f.rejected.at("duplicate child_id"), 1u);
  EXPECT_EQ(f.rejected.at("unknown postcode"), 1u);
  EXPECT_EQ(f.rejected.at("bad date"), 1u);
  EXPECT_TRUE(f.balanced());
}

TEST(KnownChildren, AreaColumnsCountKnownRegisteredSeenAndNotRegistered) {
  TempDir dir("known_cols");
  write_text(dir / "known.csv",
             "nhs,postcode,birth\n111,QX1 1AA,2023-05-10\n,QX1 1AB,2024-02-11\n"
             ",QX1 1AB,2024-03-11\n333,QX1 1AD,2024-02-20\n");
  World w;
  Accounting acc;
  const KnownChildren k =
      load_known_children(section_for(dir / "known.csv"), w.run, w.directory, w.registrations, acc);
  Attendance att;
  att.contacts = {2, 0, 1, 0};  // R1 and R3 seen
  Table t;
  t.columns = {{"area_id", ColumnKind::kText},
               {"registered_children", ColumnKind::kCount},
               {"registered_children_band", ColumnKind::kBand},
               {"suppressed", ColumnKind::kFlag}};
  t.rows = {{std::string("A"), std::int64_t(1), Cell(), false},
            {std::string("B"), std::int64_t(3), Cell(), false},
            {std::string("C"), Cell(), Cell(), false}};  // unmeasured: blank counts stay blank
  add_known_columns(t, k, {0, 1, 1, 2}, att);
  const auto at = [&](std::size_t r, const char* col) {
    const int c = t.column(col);
    EXPECT_GE(c, 0) << col;
    return t.rows[r][std::size_t(c)];
  };
  EXPECT_EQ(t.columns.back().name, "suppressed") << "the flag stays last";
  EXPECT_EQ(t.rows[0].size(), t.columns.size());
  EXPECT_EQ(std::get<std::int64_t>(at(0, "known_children")), 1);
  EXPECT_EQ(std::get<std::int64_t>(at(0, "known_seen")), 1);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "known_children")), 2);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "known_registered")), 1) << "R2 by postcode and month";
  EXPECT_EQ(std::get<std::int64_t>(at(1, "known_not_registered")), 1);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "known_seen")), 0) << "R2 was not seen";
  EXPECT_DOUBLE_EQ(std::get<double>(at(1, "registered_reach_known")), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(at(1, "seen_reach_known")), 0.0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(2, "known_children")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(2, "seen_reach_known")));
  EXPECT_EQ(t.columns[std::size_t(t.column("known_children"))].sums.size(), 1u)
      << "known = registered + not registered, for secondary suppression";
}
