// Attendance: contacts linked to registered children, kept inside the period, identical rows
// counted once; every row used, excluded by a rule or rejected with its reason.
#include "engine/measure/attendance.hpp"

#include <gtest/gtest.h>

#include "engine/measure/carer_kinds.hpp"
#include "tests/support/attendance_section.hpp"
#include "tests/support/run_period.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;
using reachmap::testsupport::year_to_march_2026;

namespace {

// K0 and K1 counted, K2 registered but not counted (say aged 5), R rejected at registration.
Registrations registrations() {
  Registrations r;
  for (const char* id : {"K0", "K1", "K2"}) {
    Child c;
    c.id = r.texts.keep(id);
    c.counted = std::string(id) != "K2";
    r.index_of[id] = static_cast<long>(r.children.size());
    r.children.push_back(c);
  }
  r.index_of["R"] = -1;
  r.counted = 2;
  return r;
}

// The registrations above counted as in period `p` of `periods` (AttendancePeriods::counted_in).
Registrations counted_in_period(const AttendancePeriods& periods, std::size_t p) {
  Registrations r = registrations();
  for (std::size_t c = 0; c < r.children.size(); ++c)
    r.children[c].counted = periods.counted_in[c] >> p & 1;
  return r;
}

AttendanceSource section_for(const std::string& path) {
  return reachmap::testsupport::attendance_section(path);
}

}  // namespace

TEST(Attendance, DuplicateContactsCountOnceAndEveryRowIsAccounted) {
  TempDir dir("att");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service\n"
             "K0,2025-05-01,CEN1,stay and play\n"
             "K0,2025-05-01,CEN1,stay and play\n"  // the same contact entered twice more
             "K0,2025-05-02,CEN2,health\n"
             "K0,2025-06-01,CEN1,stay and play\n"
             "K1,2025-07-01,CEN1,health\n"
             "K1,2025-07-01,CEN1,baby massage\n"   // same day and centre, another service
             "K0,2025-05-01,CEN1,stay and play\n"  // K0 again, apart from the others
             "K2,2025-07-01,CEN1,health\n"         // child not counted
             "K0,2024-01-01,CEN1,health\n"         // before the period
             "KX,2025-07-01,CEN1,health\n"         // nobody registered KX
             "R,2025-07-01,CEN1,health\n"          // R's registration was rejected
             ",2025-07-01,CEN1,health\n"
             "K0,2025-07,CEN1,health\n"  // a contact needs a day
             "K0,2025-07-01,,health\n"
             "K0,2025-07-01\n");
  const Registrations reg = registrations();
  // At 2 and 3 threads the file is read in chunks on every thread (one chunk when the file is
  // smaller than three: split ahead on a second thread), the centres named again in file order
  // and the contacts sorted per child in slices of children: the same results. Chunks of 40
  // bytes: a row or two each.
  for (const auto& [threads, chunk_bytes] : std::vector<std::pair<int, std::size_t>>{
           {1, kChunkBytes}, {2, kChunkBytes}, {2, 40}, {3, 40}, {3, 90}}) {
    SCOPED_TRACE(std::to_string(threads) + " threads, chunks of " + std::to_string(chunk_bytes));
    Accounting acc;
    const Attendance a = load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg,
                                         acc, threads, chunk_bytes);

    EXPECT_EQ(a.contacts, (std::vector<int>{3, 2, 0}));
    EXPECT_EQ(a.distinct_contacts, 5u);
    EXPECT_EQ(a.duplicate_rows, 2u);
    EXPECT_EQ(a.children_by_centre.at("CEN1"), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(a.children_by_centre.at("CEN2"), (std::vector<std::size_t>{0}));
    EXPECT_EQ(a.contacts_by_centre.at("CEN1"), 4u);
    EXPECT_EQ(a.contacts_by_centre.at("CEN2"), 1u);

    const FileAccount& f = acc.files().at("att.csv");
    EXPECT_EQ(f.rows, 15u);
    EXPECT_EQ(f.used, 5u);
    EXPECT_EQ(f.excluded, (std::map<std::string, std::size_t>{
                              {kDuplicateContact, 2}, {kChildNotCounted, 1}, {kOutsidePeriod, 1}}));
    EXPECT_EQ(f.rejected, (std::map<std::string, std::size_t>{{"unknown child", 1},
                                                              {"child registration rejected", 1},
                                                              {"missing child_id", 1},
                                                              {"bad date", 1},
                                                              {"missing centre_id", 1},
                                                              {"wrong field count", 1}}));
    EXPECT_TRUE(f.balanced());
    ASSERT_EQ(acc.rejects().size(), 6u);
    EXPECT_EQ(acc.rejects()[0].line, 11u);
    EXPECT_EQ(acc.rejects()[0].value, "KX");
    EXPECT_EQ(acc.rejects()[5].line, 16u);
    EXPECT_EQ(acc.rejects()[5].value, "2 fields, header has 4");
    EXPECT_TRUE(f.warnings.empty());
  }
}

TEST(Attendance, WithoutAServiceColumnADayAtACentreIsOneContact) {
  TempDir dir("att_noservice");
  write_text(dir / "att.csv",
             "child_id,date,centre_id\n"
             "K1,2025-07-01,CEN1\n"
             "K1,2025-07-01,CEN1\n"
             "K1,2025-07-02,CEN1\n");
  const Registrations reg = registrations();
  Accounting acc;
  const Attendance a =
      load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc);
  EXPECT_EQ(a.contacts, (std::vector<int>{0, 2, 0}));
  EXPECT_EQ(acc.files().at("att.csv").excluded.at(kDuplicateContact), 1u);
}

TEST(Attendance, AHeaderWithoutRowsIsAWarningNotAnError) {
  TempDir dir("att_empty");
  write_text(dir / "att.csv", "child_id,date,centre_id,service\n");
  const Registrations reg = registrations();
  Accounting acc;
  const Attendance a =
      load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc);
  EXPECT_EQ(a.contacts, (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(
      acc.files().at("att.csv").warnings,
      (std::vector<std::string>{"the file has a header but no rows: no child counts as seen"}));
}

TEST(Attendance, AChunkWithMorePlacesThanItsPackingHoldsKeepsEveryContact) {
  // Two centuries of period leave 15 bits for a chunk's (centre, service) pairs: 40,000 centres
  // make the chunk keep its contacts wide from the 32,769th on, and the same contacts entered
  // again at the end must still be found the same.
  TempDir dir("att_wide");
  std::string csv = "child_id,date,centre_id,service\n";
  const auto row = [](int i) {
    return std::string(i % 2 ? "K1" : "K0") + ",2000-01-0" + std::to_string(1 + i % 7) + ",C" +
           std::to_string(i) + ",health\n";
  };
  for (int i = 0; i < 40000; ++i) csv += row(i);
  for (int i : {0, 1, 2, 39999}) csv += row(i);
  write_text(dir / "att.csv", csv);
  const Registrations reg = registrations();
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    Accounting acc;
    const Attendance a = load_attendance(section_for(dir / "att.csv"),
                                         {{1900, 1, 1}, {2100, 12, 31}}, reg, acc, threads);
    EXPECT_EQ(a.contacts, (std::vector<int>{20000, 20000, 0}));
    EXPECT_EQ(a.duplicate_rows, 4u);
    EXPECT_EQ(a.contacts_by_centre.size(), 40000u);
    EXPECT_EQ(a.contacts_by_centre.at("C39999"), 1u);
    EXPECT_EQ(a.children_by_centre.at("C39999"), (std::vector<std::size_t>{1}));
    EXPECT_EQ(a.children_by_centre.at("C2"), (std::vector<std::size_t>{0}));
  }
}

// Every day of the period is its own day, however the chunk's cache of days files them (twenty
// years of dates share the slots of a table of 1,024, days of one month too), and a date
// entered again is the same day.
TEST(Attendance, EveryDayOfThePeriodIsItsOwnDay) {
  TempDir dir("att_days");
  std::string csv = "child_id,date,centre_id,service\n";
  const Period period{{2000, 1, 1}, {2019, 12, 31}};
  const long first = period.from.days(), last = period.to.days();
  for (long d = first; d <= last; ++d) csv += "K1," + date_from_days(d).to_string() + ",C,h\n";
  for (long d = first; d < first + 10; ++d) csv += "K1," + date_from_days(d).to_string() + ",C,h\n";
  write_text(dir / "att.csv", csv);
  const Registrations reg = registrations();
  Accounting acc;
  const Attendance a = load_attendance(section_for(dir / "att.csv"), period, reg, acc);
  EXPECT_EQ(a.contacts, (std::vector<int>{0, int(last - first + 1), 0}));
  EXPECT_EQ(a.duplicate_rows, 10u);
}

TEST(Attendance, CentresAlikeInTheirFirstBytesOrLengthAreToldApart) {
  // Names met lately are found again by their bytes: names that share their first eight bytes,
  // differ only past them, or only in length, are each their own centre, met in turns.
  // A thousand and more of sixteen bytes alike in their first eight: some share a slot of the
  // table of names met lately.
  std::vector<std::string> names = {
      "CENTRE-1",         "CENTRE-10",       "CENTRE-100", "CENTRE-1000000001",
      "CENTRE-100000000", "CENTRE-10000000", "C",          "CENTRE-1000000001-LONGER-THAN-SIXTEEN"};
  for (int i = 0; i < 1500; ++i) names.push_back("CENTRE-1" + std::to_string(20000000 + i));
  TempDir dir("att-names");
  std::string csv = "child_id,date,centre_id,service\n";
  for (int round = 0; round < 3; ++round)
    for (std::size_t n = 0; n < names.size(); ++n)
      csv += "K0,2025-05-" + std::string(round + 1 < 10 ? "0" : "") + std::to_string(round + 1) +
             "," + names[n] + ",health\n";
  write_text(dir / "att.csv", csv);
  const Registrations reg = registrations();
  for (const int threads : {1, 2}) {
    Accounting acc;
    const Attendance a =
        load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc, threads);
    ASSERT_EQ(a.contacts_by_centre.size(), names.size());
    for (const auto& name : names) EXPECT_EQ(a.contacts_by_centre.at(name), 3u) << name;
  }
}

TEST(Attendance, ChildrenAtTheSameSessionAreEachSeenThere) {
  // Forty children at one session, each entered twice: one contact each and forty duplicates.
  // A child's contacts are told apart from its own alone, never from those of the children
  // before it in its slice.
  TempDir dir("att");
  Registrations reg;
  std::string rows = "child_id,date,centre_id,service\n";
  for (int i = 0; i < 40; ++i) {
    Child c;
    c.id = reg.texts.keep("K" + std::to_string(i));
    c.counted = true;
    reg.index_of[c.id] = long(reg.children.size());
    reg.children.push_back(c);
    const std::string id(c.id);
    rows += id + ",2025-05-01,CEN1,stay and play\n" + id + ",2025-05-01,CEN1,stay and play\n";
  }
  reg.counted = 40;
  write_text(dir / "att.csv", rows);
  for (const int threads : {1, 2}) {
    Accounting acc;
    const Attendance a =
        load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc, threads);
    EXPECT_EQ(a.contacts, std::vector<int>(40, 1));
    EXPECT_EQ(a.duplicate_rows, 40u);
    EXPECT_EQ(a.children_by_centre.at("CEN1").size(), 40u);
  }
}

// The cohorts' first contacts: each child's earliest contact on any date up to the period's
// end (before its start too, and a child not counted as well), the file's earliest; the same at
// any thread count. Not asked for: none kept.
TEST(Attendance, FirstContactsGoBackBeforeThePeriodButNotPastItsEnd) {
  TempDir dir("att_first");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service\n"
             "K1,2025-06-01,CEN1,health\n"
             "K0,2026-05-01,CEN1,health\n"  // after the period's end: not a first contact
             "K1,2023-03-03,CEN2,health\n"
             "K2,2025-01-01,CEN1,health\n"  // K2 is not counted (aged 5): still its first
             "K1,2024-02-02,CEN1,health\n");
  const Registrations reg = registrations();
  for (const auto& [threads, chunk_bytes] :
       std::vector<std::pair<int, std::size_t>>{{1, kChunkBytes}, {2, 40}, {3, 30}}) {
    SCOPED_TRACE(std::to_string(threads) + " threads, chunks of " + std::to_string(chunk_bytes));
    Accounting acc;
    const Attendance a =
        load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc, threads,
                        chunk_bytes, nullptr, nullptr, nullptr, true);
    EXPECT_EQ(a.first_contact,
              (std::vector<std::int32_t>{kNoContact, std::int32_t(Date{2023, 3, 3}.days()),
                                         std::int32_t(Date{2025, 1, 1}.days())}));
    EXPECT_EQ(a.earliest_contact, (Date{2023, 3, 3}.days()));
    EXPECT_EQ(a.contacts, (std::vector<int>{0, 1, 0}));  // the period's counts as ever
  }
  Accounting acc;
  const Attendance plain =
      load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc);
  EXPECT_TRUE(plain.first_contact.empty());
  EXPECT_FALSE(plain.earliest_contact);
}

// [run] periods: one read of the file tallies every period as a read for that period alone
// would (its days, the children counting in it), at any thread count; the run's own tally and
// the accounting are those of a read without periods.
TEST(Attendance, OneReadTalliesEveryPeriodAsItsOwnReadWould) {
  TempDir dir("att_periods");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service\n"
             "K0,2025-05-01,CEN1,stay and play\n"
             "K0,2025-05-01,CEN1,stay and play\n"  // a duplicate in the first quarter
             "K0,2025-08-02,CEN2,health\n"
             "K1,2025-06-30,CEN1,health\n"  // the first quarter's last day
             "K1,2025-07-01,CEN2,health\n"  // the second's first
             "K2,2025-05-03,CEN1,health\n"  // K2 counts in the first quarter only
             "K2,2025-08-03,CEN1,health\n"
             "K0,2024-09-01,CEN1,health\n"  // before the run: in the rolling window only
             "K1,2024-03-01,CEN1,health\n"  // before every period
             "KX,2025-07-01,CEN1,health\n");
  const Registrations reg = registrations();
  const std::vector<Period> periods = {
      {{2025, 4, 1}, {2025, 6, 30}}, {{2025, 7, 1}, {2025, 9, 30}}, {{2024, 7, 1}, {2025, 6, 30}}};
  AttendancePeriods ap{periods, {0b111, 0b111, 0b101}};
  Accounting plain_acc;
  const Attendance plain =
      load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, plain_acc);
  for (const auto& [threads, chunk_bytes] :
       std::vector<std::pair<int, std::size_t>>{{1, kChunkBytes}, {2, 40}, {3, 90}}) {
    SCOPED_TRACE(std::to_string(threads) + " threads, chunks of " + std::to_string(chunk_bytes));
    Accounting acc;
    const Attendance a =
        load_attendance(section_for(dir / "att.csv"), year_to_march_2026(), reg, acc, threads,
                        chunk_bytes, nullptr, nullptr, nullptr, false, &ap);
    EXPECT_EQ(a.contacts, plain.contacts);
    EXPECT_EQ(a.children_by_centre, plain.children_by_centre);
    EXPECT_EQ(a.contacts_by_centre, plain.contacts_by_centre);
    EXPECT_EQ(a.distinct_contacts, plain.distinct_contacts);
    EXPECT_EQ(acc.files().at("att.csv").used, plain_acc.files().at("att.csv").used);
    EXPECT_EQ(acc.files().at("att.csv").excluded, plain_acc.files().at("att.csv").excluded);
    EXPECT_TRUE(acc.files().at("att.csv").balanced());
    ASSERT_EQ(a.by_period.size(), periods.size());
    for (std::size_t p = 0; p < periods.size(); ++p) {
      SCOPED_TRACE("period " + std::to_string(p));
      const Registrations own = counted_in_period(ap, p);
      Accounting own_acc;
      const Attendance alone =
          load_attendance(section_for(dir / "att.csv"), periods[p], own, own_acc);
      const Attendance& t = a.by_period[p];
      EXPECT_EQ(t.contacts, alone.contacts);
      EXPECT_EQ(t.children_by_centre, alone.children_by_centre);
      EXPECT_EQ(t.contacts_by_centre, alone.contacts_by_centre);
      EXPECT_EQ(t.distinct_contacts, alone.distinct_contacts);
      EXPECT_EQ(t.duplicate_rows, alone.duplicate_rows);
    }
    // By hand: the first quarter saw K0 once (a duplicate), K1 on its last day and K2; the
    // second K0, K1 and not K2 (5 by then); the rolling year K0 twice more than the quarter.
    EXPECT_EQ(a.by_period[0].contacts, (std::vector<int>{1, 1, 1}));
    EXPECT_EQ(a.by_period[1].contacts, (std::vector<int>{1, 1, 0}));
    EXPECT_EQ(a.by_period[2].contacts, (std::vector<int>{2, 1, 1}));
    EXPECT_EQ(a.by_period[0].duplicate_rows, 1u);
  }
}

// With carers: each period's weekly tally is a read for it alone's, and a centre named only in
// rows kept for another period (before the run) is not one of the run's own (carers_by_week.csv
// would have a row of zeros for it), nor are those rows among the run's unlisted values.
TEST(Attendance, PeriodsTallyCarersAsTheirOwnReadsAndLeaveTheRunsAlone) {
  TempDir dir("att_periods_carers");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service,carer\n"
             "K0,2025-05-01,CEN1,stay and play,mother\n"
             "K0,2025-05-08,CEN1,stay and play,father\n"
             "K1,2025-08-01,CEN2,health,aunt\n"
             "K0,2024-09-01,CEN9,health,aunt\n");  // before the run: the rolling year's only
  const Registrations reg = registrations();
  const std::vector<Period> periods = {{{2025, 4, 1}, {2025, 6, 30}},
                                       {{2024, 7, 1}, {2025, 6, 30}}};
  AttendancePeriods ap{periods, {0b11, 0b11, 0b00}};
  const AttendanceSource section = reachmap::testsupport::attendance_section(dir / "att.csv", true);
  const CarerKinds kinds = default_carer_kinds();
  Accounting plain_acc, acc;
  const Attendance plain =
      load_attendance(section, year_to_march_2026(), reg, plain_acc, 1, kChunkBytes, &kinds);
  const Attendance a = load_attendance(section, year_to_march_2026(), reg, acc, 2, 40, &kinds,
                                       nullptr, nullptr, false, &ap);
  ASSERT_TRUE(a.carers && plain.carers);
  EXPECT_EQ(a.carers->centres, (std::vector<std::string>{"CEN1", "CEN2"}));
  EXPECT_EQ(a.carers->centres, plain.carers->centres);
  EXPECT_EQ(a.carers->contacts, plain.carers->contacts);
  EXPECT_EQ(a.carers->unmapped, plain.carers->unmapped);
  EXPECT_EQ(a.carers->unmapped, (std::map<std::string, std::size_t>{{"aunt", 1}}));
  for (std::size_t p = 0; p < periods.size(); ++p) {
    SCOPED_TRACE("period " + std::to_string(p));
    const Registrations own = counted_in_period(ap, p);
    Accounting own_acc;
    const Attendance alone =
        load_attendance(section, periods[p], own, own_acc, 1, kChunkBytes, &kinds);
    const CarerTally& t = *a.by_period[p].carers;
    EXPECT_EQ(t.centres, alone.carers->centres);
    EXPECT_EQ(t.weeks, alone.carers->weeks);
    EXPECT_EQ(t.first_monday, alone.carers->first_monday);
    EXPECT_EQ(t.contacts, alone.carers->contacts);
    EXPECT_EQ(t.children, alone.carers->children);
    EXPECT_EQ(t.with_father, alone.carers->with_father);
  }
  EXPECT_EQ(a.by_period[1].carers->centres, (std::vector<std::string>{"CEN1", "CEN9"}));
}
