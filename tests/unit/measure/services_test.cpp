// Services: the file of what each service is, each child's marks from the services it was seen
// at (duplicates and unknown services too, at any thread count), the counts per area with their
// reach, and the language gap's rule.
#include "engine/measure/services.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/service_columns.hpp"
#include "tests/support/attendance_section.hpp"
#include "tests/support/counted_children.hpp"
#include "tests/support/run_period.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::counted_children;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;
using reachmap::testsupport::year_to_march_2026;

namespace {

ServicesSource services_at(const std::string& path) {
  ServicesSource s;
  s.path = path;
  s.display = "services.csv";
  s.service_id = {"service_id", false, "[services] service_id"};
  s.name = {"name", false, "[services] name"};
  s.type = {"type", false, "[services] type"};
  s.language = {"language", false, "[services] language"};
  return s;
}

}  // namespace

TEST(Services, ColumnNamesFromWrittenNames) {
  EXPECT_EQ(column_name_of("Stay and Play"), "stay_and_play");
  EXPECT_EQ(column_name_of("  Health-visitor  clinic! "), "health_visitor_clinic");
  EXPECT_EQ(column_name_of("CY"), "cy");
  EXPECT_EQ(column_name_of(" -- "), "");
}

TEST(Services, FileGivesTypesAndLanguagesAndRejectsBadRowsWithTheirLines) {
  TempDir dir("services");
  write_text(dir / "services.csv",
             "service_id,name,type,language\n"
             "Cylch Ti a Fi,Cylch Ti a Fi,Stay and play,cy\n"
             "stay and play,,stay and play,en\n"  // the same type written otherwise
             "Baby Clinic,Baby clinic,health,bilingual\n"
             "STAY AND PLAY,dup,other,en\n"               // line 5: the id again (case ignored)
             ",no id,health,en\n"                         // line 6
             "Outreach,Home visits,,en\n"                 // line 7: no type
             "Parenting,Parenting course,parenting,\n");  // no language
  Accounting acc;
  const ServiceCatalogue c = load_services(services_at(dir / "services.csv"), acc);
  ASSERT_EQ(c.types.size(), 3u);
  EXPECT_EQ(c.types[0].column, "stay_and_play");
  EXPECT_EQ(c.types[0].written, "Stay and play");
  EXPECT_EQ(c.types[2].column, "parenting");
  ASSERT_EQ(c.languages.size(), 3u);
  EXPECT_EQ(c.language_index("bilingual"), 2);
  const auto* s = c.find("  cylch ti a FI ");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 0u);
  EXPECT_EQ(c.marks_of(*s), (std::uint64_t(1) << 0) | (std::uint64_t(1) << 32));
  EXPECT_EQ(c.find("Stay and play")->name, "stay and play");  // no name: the id
  EXPECT_EQ(c.find("Parenting")->language, -1);
  EXPECT_EQ(c.find("Outreach"), nullptr);
  const FileAccount& f = acc.files().at("services.csv");
  EXPECT_EQ(f.rows, 7u);
  EXPECT_EQ(f.used, 4u);
  ASSERT_EQ(acc.rejects().size(), 3u);
  EXPECT_EQ(acc.rejects()[0].line, 5u);
  EXPECT_EQ(acc.rejects()[0].reason, "duplicate service_id");
  EXPECT_EQ(acc.rejects()[1].line, 6u);
  EXPECT_EQ(acc.rejects()[2].reason, "missing type");
}

TEST(Services, ATypeNamedLikeAnotherColumnIsAnErrorAtItsLine) {
  TempDir dir("services");
  write_text(dir / "services.csv",
             "service_id,type\n"
             "A,stay and play\n"
             "B,Children\n");  // seen_children is reachmap's
  Accounting acc;
  try {
    load_services(services_at(dir / "services.csv"), acc);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where().line, 3u);
    EXPECT_NE(std::string(e.what()).find("seen_children"), std::string::npos) << e.what();
  }
}

TEST(Services, ChildrenAreMarkedWithTheTypesAndLanguagesTheyWereSeenAt) {
  TempDir dir("services");
  write_text(dir / "services.csv",
             "service_id,type,language\n"
             "stay and play,stay and play,en\n"
             "Cylch,stay and play,cy\n"
             "clinic,health,bilingual\n");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service\n"
             "K0,2025-05-01,C1,stay and play\n"
             "K0,2025-05-01,C1,stay and play\n"  // a duplicate: once
             "K1,2025-05-02,C1,CYLCH\n"
             "K1,2025-06-02,C2,clinic\n"
             "K2,2025-06-03,C2,drop-in\n"  // not in the services file
             "K2,2025-06-04,C2,drop-in\n"
             "K3,2024-06-03,C2,clinic\n");  // before the period: no mark
  Accounting acc0;
  const ServiceCatalogue c = load_services(services_at(dir / "services.csv"), acc0);
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    const Registrations reg = counted_children(4);
    Accounting acc;
    const Attendance a = load_attendance(reachmap::testsupport::attendance_section(dir / "att.csv"),
                                         year_to_march_2026(), reg, acc, threads,
                                         threads == 1 ? kChunkBytes : 48, nullptr, &c);
    const std::uint64_t play = 1, health = 2, en = std::uint64_t(1) << 32,
                        cy = std::uint64_t(1) << 33, bilingual = std::uint64_t(1) << 34;
    EXPECT_EQ(a.service_marks,
              (std::vector<std::uint64_t>{play | en, play | cy | health | bilingual, 0, 0}));
    EXPECT_EQ(a.unknown_services, (std::map<std::string, std::size_t>{{"drop-in", 2}}));
    EXPECT_EQ(a.contacts[2], 2);  // still seen
  }
}

TEST(Services, CountsPerAreaWithReachAndTheLanguageGapRule) {
  // Four areas: populations 20, 40, 10 and (no geometry) none; the demand is a group's
  // population. Children: area 0 has two seen at stay and play, one in Welsh; area 1 one in
  // Welsh (bilingual) of a demand of 30; area 2 none, of a demand of 4.
  Table t;
  t.columns = {Col::kAreaId,
               Col::kUnder5Population,
               Col::kSeenChildren,
               {group_population("welsh"), ColumnKind::kPopulation},
               {band_of(Col::kSeenChildren), ColumnKind::kBand}};
  t.rows = {{std::string("A"), 20.0, std::int64_t(2), 8.0, Cell()},
            {std::string("B"), 40.0, std::int64_t(1), 30.0, Cell()},
            {std::string("C"), 10.0, std::int64_t(0), 4.0, Cell()},
            {std::string("D"), Cell(), Cell(), Cell(), Cell()}};
  ServiceCatalogue c;
  c.types = {{"Stay and play", "stay_and_play"}, {"Health", "health"}};
  c.languages = {{"en", "en"}, {"cy", "cy"}, {"bilingual", "bilingual"}};
  const std::uint64_t play = 1, cy = std::uint64_t(1) << 33, bilingual = std::uint64_t(1) << 34;
  const std::vector<std::uint64_t> marks = {play | cy, play, bilingual, 0};
  const std::vector<long> area_of_child = {0, 0, 1, 1};
  LanguageGapRule rule;
  rule.language = "cy";
  rule.provision = {"cy", "bilingual"};
  rule.demand = "welsh";
  rule.min_demand = 5;
  rule.share_below = 0.25;
  const std::vector<TargetGroup> groups = {{"welsh", -1, 0}};
  add_service_columns(t, area_of_child, marks, {3, 5, 7, 9}, c, {rule}, groups);
  EXPECT_EQ(t.columns.back().kind, ColumnKind::kBand);  // the bands stay last
  const auto at = [&](std::size_t r, const std::string& name) {
    return t.rows[r][std::size_t(t.column(name))];
  };
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_stay_and_play")), 2);
  EXPECT_DOUBLE_EQ(std::get<double>(at(0, "stay_and_play_reach")), 0.1);
  // 2 of 20: Wilson's 95% interval, worked by hand (z = 1.959964).
  EXPECT_NEAR(std::get<double>(at(0, "stay_and_play_reach_low")), 0.027866, 1e-6);
  EXPECT_NEAR(std::get<double>(at(0, "stay_and_play_reach_high")), 0.301034, 1e-6);
  EXPECT_EQ(t.cell_keys.at("seen_stay_and_play")[0], 3 + 5);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "seen_health")), 0);
  // Welsh: area A 1 of 8 (12.5%, under a quarter: a gap), B 1 of 30 (a gap), C none of a
  // demand of 4 (below min_demand: no gap), D blank (nobody could be placed there).
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_in_cy")), 1);
  EXPECT_DOUBLE_EQ(std::get<double>(at(0, "cy_provision_share")), 0.125);
  EXPECT_EQ(std::get<bool>(at(0, "language_gap_cy")), true);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "seen_in_cy")), 1);
  EXPECT_EQ(std::get<bool>(at(1, "language_gap_cy")), true);
  EXPECT_EQ(std::get<bool>(at(2, "language_gap_cy")), false);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(3, "seen_in_cy")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(3, "language_gap_cy")));
  // A published share over the threshold clears the flag; a blank share leaves it blank.
  t.rows[1][std::size_t(t.column("cy_provision_share"))] = 0.3;
  t.rows[0][std::size_t(t.column("cy_provision_share"))] = Cell();
  mark_language_gaps(t, {rule}, groups);
  EXPECT_EQ(std::get<bool>(at(1, "language_gap_cy")), false);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(0, "language_gap_cy")));
}
