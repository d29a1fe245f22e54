// outreach/: where the children live (children_by_postcode) and the outreach pack
// (write_outreach_pack), on the Analysis of the tiny fixture with centres and known children
// (tests/support/tiny_analysis.hpp; tests/e2e/tiny_run_test.cpp works out the fixture).
//
// By postcode (layer "area": A=0, B=1, C=2, D=3; -1 outside every area):
//   AB1 1AA A: K01, K02 seen                 AB1 1AB A: K03 not seen (K04 is 5: not counted)
//   AB1 1AD B: K05, K19 seen; known: one matched to K05, one not registered
//   AB1 1AE (C's hole, outside): K08 not seen; known: one not registered
//   AB1 1AF C: K09 seen; known: one not registered   AB1 1AG D: K10 seen
//   AB1 1AH (far, outside): K11 seen                 AB1 1AL A (terminated): K17 not seen
// So the registered children not seen are K03 and K17 in A and K08 outside every area.
// Reach areas: CC1's is A, CC2's is B and C, CC3 has none.
#include "engine/outreach/families.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "engine/io/csv_reader.hpp"
#include "engine/outreach/outreach_pack.hpp"
#include "tests/support/tiny_analysis.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

// The rows of a CSV, its header first, each row's fields joined by '|'.
std::vector<std::string> csv_lines(const std::string& path) {
  std::vector<std::string> out;
  CsvReader csv(path);
  std::string header;
  for (std::size_t i = 0; i < csv.header().size(); ++i)
    header += (i ? "|" : "") + std::string(csv.header()[i]);
  out.push_back(header);
  CsvRow row;
  while (csv.next(row)) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + std::string(row[i]);
    out.push_back(line);
  }
  return out;
}

// Every file under `dir`, relative to it.
std::set<std::string> files_under(const std::string& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.insert(fs::relative(e.path(), dir).string());
  return out;
}

bool is_pdf(const std::string& path) {
  return fs::exists(path) && fs::file_size(path) > 1000 && read_text(path).rfind("%PDF-", 0) == 0;
}

class Outreach : public SharedTinyAnalysis<Outreach> {
 public:
  static constexpr const char* kFolder = "outreach";
  static Analysis make_tiny(const TempDir& dir) {
    return tiny_analysis(dir, 0, tiny_centres(dir) + tiny_known_children(dir));
  }

 protected:
  // The tiny analysis with A first and C second on the layer's outreach list (the layer has
  // too few areas for statistics: given by hand).
  static Analysis with_outreach_list(std::size_t numbered_areas) {
    Analysis a = tiny();
    a.settings.numbered_areas = numbered_areas;
    LayerResult& l = a.layers[0];
    l.statistics.computed = true;
    Table& t = l.indicators;
    const auto c_rank = std::size_t(t.column(Col::kPriorityRank));
    t.rows[0][c_rank] = std::int64_t{1};  // A
    t.rows[2][c_rank] = std::int64_t{2};  // C
    return a;
  }
};

}  // namespace

TEST_F(Outreach, ChildrenByPostcodeCountsEachKindOfChildWhereItLives) {
  const auto postcodes = children_by_postcode(tiny());
  std::vector<std::string> got;
  for (const auto& p : postcodes) {
    std::string ids;
    for (const auto& id : p.not_seen_ids) ids += " " + std::string(id);
    ASSERT_EQ(p.area.size(), 1u);
    got.push_back(std::string(p.postcode) + " area " + std::to_string(p.area[0]) + ": seen " +
                  std::to_string(p.seen) + ", not seen " + std::to_string(p.not_seen) +
                  ", not registered " + std::to_string(p.not_registered) + ";" + ids);
  }
  EXPECT_EQ(
      got, (std::vector<std::string>{"AB1 1AA area 0: seen 2, not seen 0, not registered 0;",
                                     "AB1 1AB area 0: seen 0, not seen 1, not registered 0; K03",
                                     "AB1 1AD area 1: seen 2, not seen 0, not registered 1;",
                                     "AB1 1AE area -1: seen 0, not seen 1, not registered 1; K08",
                                     "AB1 1AF area 2: seen 1, not seen 0, not registered 1;",
                                     "AB1 1AG area 3: seen 1, not seen 0, not registered 0;",
                                     "AB1 1AH area -1: seen 1, not seen 0, not registered 0;",
                                     "AB1 1AL area 0: seen 0, not seen 1, not registered 0; K17"}));
  // Each postcode is where the directory puts it.
  EXPECT_EQ(postcodes[1].x, 400100);
  EXPECT_EQ(postcodes[1].y, 300150);
}

TEST_F(Outreach, PostcodesAreInTheOrderOfTheirStringsAndTheirChildrenInTheirs) {
  // Sorted on their first eight bytes at once: two codes alike that far are still two, and a
  // code that begins another comes first.
  Analysis a = tiny();
  const std::vector<std::string> codes = {"ZZZZZZZZ 2", "ZZZZZZZZ 1", "ZZZZZZZ"};
  std::size_t changed = 0;
  for (Child& c : a.registrations.children)
    if (c.counted && changed < codes.size()) c.postcode = codes[changed++];
  ASSERT_EQ(changed, codes.size());
  auto postcodes = children_by_postcode(a);
  ASSERT_GE(postcodes.size(), 3u);
  std::vector<std::string> last;
  for (std::size_t i = postcodes.size() - 3; i < postcodes.size(); ++i)
    last.emplace_back(postcodes[i].postcode);
  EXPECT_EQ(last, (std::vector<std::string>{"ZZZZZZZ", "ZZZZZZZZ 1", "ZZZZZZZZ 2"}));
  EXPECT_EQ(postcodes.back().seen + postcodes.back().not_seen, 1);
  // All at one postcode: the children not seen listed as registered.
  std::vector<std::string_view> not_seen;
  for (std::size_t c = 0; c < a.registrations.children.size(); ++c) {
    Child& child = a.registrations.children[c];
    child.postcode = "AB1 1AA";
    if (child.counted && a.attendance.contacts[c] < 1) not_seen.push_back(child.id);
  }
  ASSERT_GE(not_seen.size(), 2u);
  postcodes = children_by_postcode(a);
  EXPECT_EQ(postcodes.front().not_seen_ids, not_seen);
}

TEST_F(Outreach, ThePackHasASheetPerReachAreaWithTheChildIdsOfItsAreasOnly) {
  TempDir out("outreach-pack");
  const OutreachPack pack = write_outreach_pack(tiny(), out.path(), 2);
  EXPECT_EQ(pack.sheets, 2u);  // CC1 and CC2; CC3 has no reach area; no outreach list
  EXPECT_EQ(pack.reach_areas_left_out, 0u);
  const std::vector<std::string> expected = {
      "outreach/centre_CC1.csv", "outreach/centre_CC1_postcodes.csv", "outreach/centre_CC1.pdf",
      "outreach/centre_CC2.csv", "outreach/centre_CC2_postcodes.csv", "outreach/centre_CC2.pdf"};
  EXPECT_EQ(pack.files, expected);
  EXPECT_EQ(files_under(out.path()), std::set<std::string>(expected.begin(), expected.end()));
  EXPECT_TRUE(is_pdf(out / "outreach/centre_CC1.pdf"));
  EXPECT_TRUE(is_pdf(out / "outreach/centre_CC2.pdf"));
  // CC1 (area A): K03 and K17, the registered children of A not seen; no street without a
  // basemap. Not K08, who is not seen but lives outside every area.
  EXPECT_EQ(csv_lines(out / "outreach/centre_CC1.csv"),
            (std::vector<std::string>{"child_id|postcode|street", "K03|AB1 1AB|", "K17|AB1 1AL|"}));
  // CC2 (B and C): every registered child there was seen; the known children not registered
  // are in its postcode table, most to find first, then the seen ones for context.
  EXPECT_EQ(csv_lines(out / "outreach/centre_CC2.csv"),
            (std::vector<std::string>{"child_id|postcode|street"}));
  EXPECT_EQ(
      csv_lines(out / "outreach/centre_CC2_postcodes.csv"),
      (std::vector<std::string>{"postcode|street|registered_not_seen|known_not_registered|seen",
                                "AB1 1AD||0|1|2", "AB1 1AF||0|1|1"}));
  EXPECT_EQ(
      csv_lines(out / "outreach/centre_CC1_postcodes.csv"),
      (std::vector<std::string>{"postcode|street|registered_not_seen|known_not_registered|seen",
                                "AB1 1AB||1|0|0", "AB1 1AL||1|0|0", "AB1 1AA||0|0|2"}));
}

TEST_F(Outreach, ThePackHasASheetPerAreaOfTheOutreachList) {
  TempDir out("outreach-list");
  const OutreachPack pack = write_outreach_pack(with_outreach_list(10), out.path(), 1);
  EXPECT_EQ(pack.sheets, 4u);
  EXPECT_EQ(pack.files.front(), "outreach/area_01_A.csv");
  EXPECT_TRUE(is_pdf(out / "outreach/area_01_A.pdf"));
  EXPECT_TRUE(is_pdf(out / "outreach/area_02_C.pdf"));
  EXPECT_EQ(csv_lines(out / "outreach/area_01_A.csv"),
            (std::vector<std::string>{"child_id|postcode|street", "K03|AB1 1AB|", "K17|AB1 1AL|"}));
  // C: K09 was seen; K08 is not seen but lives in C's hole, outside C.
  EXPECT_EQ(csv_lines(out / "outreach/area_02_C.csv"),
            (std::vector<std::string>{"child_id|postcode|street"}));
  EXPECT_EQ(
      csv_lines(out / "outreach/area_02_C_postcodes.csv"),
      (std::vector<std::string>{"postcode|street|registered_not_seen|known_not_registered|seen",
                                "AB1 1AF||0|1|1"}));
}

TEST_F(Outreach, TheOutreachListIsCutAtTheNumberedAreas) {
  TempDir out("outreach-one");
  const OutreachPack pack = write_outreach_pack(with_outreach_list(1), out.path(), 1);
  EXPECT_EQ(pack.sheets, 3u);  // A and the two reach areas
  EXPECT_TRUE(fs::exists(out / "outreach/area_01_A.pdf"));
  EXPECT_FALSE(fs::exists(out / "outreach/area_02_C.pdf"));
}

TEST_F(Outreach, VeryManyReachAreasAreLeftOutOfThePack) {
  TempDir out("outreach-many");
  Analysis a = tiny();
  a.reach->by_centre.assign(kMaxReachAreaSheets + 1, a.reach->by_centre.front());
  const OutreachPack pack = write_outreach_pack(a, out.path(), 1);
  EXPECT_EQ(pack.reach_areas_left_out, kMaxReachAreaSheets + 1);
  EXPECT_EQ(pack.sheets, 0u);
  EXPECT_TRUE(files_under(out.path()).empty()) << "no sheet, no folder";
}
