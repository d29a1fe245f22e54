// Registrations: every row is used, excluded by a counting rule or rejected with its reason,
// and the accounting adds up to the rows read. A child whose registration was rejected stays
// known (index -1), so that its contacts are rejected for that reason and not as unknown.
#include "engine/measure/registrations.hpp"

#include <gtest/gtest.h>

#include "engine/io/csv_chunks.hpp"

#include "tests/support/run_period.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;
using reachmap::testsupport::year_to_march_2026;

namespace {

PostcodeDirectory directory() {
  PostcodeDirectory d;
  DirectoryEntry home;
  home.has_location = true;
  d.entries["QX1 1AA"] = home;
  home.terminated = true;
  d.entries["QX1 1AB"] = home;
  d.entries["QX1 1AD"] = DirectoryEntry{};  // in the directory without a location
  return d;
}

RegistrationsSource section_for(const std::string& path) {
  RegistrationsSource s;
  s.path = path;
  s.display = "regs.csv";
  s.personal = true;
  s.child_id = {"child_id", false, "[registrations] child_id"};
  s.family_id = {"family_id", false, "[registrations] family_id"};
  s.postcode = {"postcode", false, "[registrations] postcode"};
  s.birth_date = {"birth_date", false, "[registrations] birth_date"};
  s.registered_on = {"registered_on", false, "[registrations] registered_on"};
  s.match_id = {"match_id", false, "[registrations] match_id"};
  s.groups = {"lone_parent"};
  return s;
}

}  // namespace

TEST(Registrations, EveryRowUsedExcludedOrRejectedWithItsReason) {
  TempDir dir("regs");
  write_text(dir / "regs.csv",
             "child_id,postcode,birth_date,registered_on,lone_parent\n"  // line 1
             "C1,QX1 1AA,2023-05-10,2023-06-01,1\n"                      // 2: counted, in the group
             "C2,qx11ab,2024-02,,0\n"                // 3: counted (a month is a date here)
             "C3,QX1 1AA,2019-01-01,,\n"             // 4: aged 7 at the period end
             "C4,QX1 1AA,2026-06-01,,\n"             // 5: born after the period
             "C5,QX1 1AA,2024-01-01,2026-04-02,\n"   // 6: registered after the period
             "C1,QX1 1AA,2023-05-10,,\n"             // 7: the same child again
             ",QX1 1AA,2023-05-10,,\n"               // 8: no id
             "C6,QX1,2023-05-10,,\n"                 // 9: half a postcode
             "C7,QX9 9ZZ,2023-05-10,,\n"             // 10: not in the directory
             "C8,QX1 1AD,2023-05-10,,\n"             // 11: in it, without a location
             "C9,QX1 1AA,10/05/2023,,\n"             // 12: not a date reachmap reads
             "C10,QX1 1AA,2023-05-10,2023-13-01,\n"  // 13: month 13
             "C11,QX1 1AA,2023-05-10,,2\n"           // 14: a group is 0 or 1
             "C12,QX1 1AA\n"                         // 15: two fields of five
             "C13,,2023-05-10,,\n");                 // 16: no postcode
  // At 2 and 3 threads the file is read in chunks on the threads (40 bytes: a row or so each),
  // and which row of an id comes first is decided in file order after: the same results, the
  // rejects in line order.
  const PostcodeDirectory homes = directory();
  for (const auto& [threads, chunk_bytes] : std::vector<std::pair<int, std::size_t>>{
           {1, kChunkBytes}, {2, kChunkBytes}, {2, 40}, {3, 40}, {3, 90}}) {
    SCOPED_TRACE(std::to_string(threads) + " threads, chunks of " + std::to_string(chunk_bytes));
    Accounting acc;
    const Registrations r = load_registrations(section_for(dir / "regs.csv"), year_to_march_2026(),
                                               homes, acc, threads, chunk_bytes);

    const FileAccount& f = acc.files().at("regs.csv");
    EXPECT_EQ(f.rows, 15u);
    EXPECT_EQ(f.used, 2u);
    EXPECT_EQ(f.excluded.at(kAgedFiveOrOver), 1u);
    EXPECT_EQ(f.excluded.at(kBornAfterPeriod), 1u);
    EXPECT_EQ(f.excluded.at(kRegisteredAfterPeriod), 1u);
    const std::map<std::string, std::size_t> rejected{
        {"wrong field count", 1},  {"missing child_id", 1}, {"duplicate child_id", 1},
        {"malformed postcode", 1}, {"unknown postcode", 1}, {"postcode has no location", 1},
        {"bad date", 2},           {"bad group value", 1},  {"missing postcode", 1}};
    EXPECT_EQ(f.rejected, rejected);
    EXPECT_TRUE(f.balanced());

    // The rejects name the line and what was wrong, in file order.
    ASSERT_EQ(acc.rejects().size(), 10u);
    EXPECT_EQ(acc.rejects()[0].line, 7u);
    EXPECT_EQ(acc.rejects()[0].value, "C1");
    EXPECT_EQ(acc.rejects()[7].line, 14u);
    EXPECT_EQ(acc.rejects()[7].reason, "bad group value");
    EXPECT_EQ(acc.rejects()[7].value, "lone_parent=2");
    EXPECT_EQ(acc.rejects()[8].line, 15u);
    EXPECT_EQ(acc.rejects()[8].value, "2 fields, header has 5");

    // Accepted rows (counted or excluded by a rule) are children; rejected ones are not.
    ASSERT_EQ(r.children.size(), 5u);
    EXPECT_EQ(r.counted, 2u);
    EXPECT_TRUE(r.children[0].counted);
    EXPECT_TRUE(r.children[0].in_group(0));
    EXPECT_EQ(r.match_id(0), "C1") << "no match_id column: the child's own id";
    EXPECT_EQ(r.children[1].postcode, "QX1 1AB") << "normalised";
    EXPECT_EQ(r.children[1].birth, (Date{2024, 2, 1}));
    EXPECT_FALSE(r.children[1].in_group(0));
    for (std::size_t i : {2u, 3u, 4u}) EXPECT_FALSE(r.children[i].counted) << i;
    EXPECT_EQ(r.terminated_postcodes, 1u) << "C2 lives at a terminated postcode";
    EXPECT_EQ(r.index_of.at("C1"), 0);
    EXPECT_EQ(r.index_of.at("C5"), 4);
    for (const char* id : {"C6", "C7", "C8", "C9", "C10", "C11", "C13"})
      EXPECT_EQ(r.index_of.at(id), -1) << id << ": known, registration rejected";
    EXPECT_EQ(r.index_of.count("C12"), 0u) << "a row of the wrong shape names nobody";
    EXPECT_EQ(r.index_of.count(""), 0u);
  }
}

TEST(Registrations, AMatchIdColumnGivesTheIdKnownChildrenShare) {
  TempDir dir("regs_match");
  write_text(dir / "regs.csv",
             "child_id,nhs,postcode,birth_date,lone_parent\n"
             "C1,943 476 5919,QX1 1AA,2023-05-10,\n"
             "C2,,QX1 1AA,2023-05-11,\n");
  RegistrationsSource s = section_for(dir / "regs.csv");
  s.match_id = {"nhs", true, "[registrations] match_id"};
  Accounting acc;
  // Kept while the children live: their postcodes are views of its keys.
  const PostcodeDirectory homes = directory();
  const Registrations r = load_registrations(s, year_to_march_2026(), homes, acc);
  ASSERT_EQ(r.children.size(), 2u);
  EXPECT_EQ(r.children[0].postcode, "QX1 1AA");
  EXPECT_EQ(r.match_id(0), "943 476 5919");
  EXPECT_EQ(r.match_id(1), "") << "blank: matched by postcode and month only";
  EXPECT_EQ(acc.files().at("regs.csv").used, 2u) << "no registered_on column: not required";
}
