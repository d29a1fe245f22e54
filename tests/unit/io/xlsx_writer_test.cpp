// The workbook read back by unzipping it (Debian unzip, as scripts/setup.sh installs): a valid
// zip with the About sheet and a sheet per table, numbers as numbers, text as text (never a
// formula), hidden counts showing their band, and the given creation date.
#include "engine/io/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::run_command;
using reachmap::testsupport::TempDir;

namespace {

std::string part(const std::string& book, const std::string& name) {
  return run_command("unzip -p '" + book + "' " + name).output;
}

// What a cell of a sheet's XML shows: its inline string (the writer's constant-memory mode
// writes strings in the cell), its shared string, its number, or "" when absent.
std::string cell(const std::string& sheet, const std::vector<std::string>& shared,
                 const std::string& ref) {
  std::smatch m;
  const std::regex re("<c r=\"" + ref + "\"([^>]*?)(/>|>(.*?)</c>)");
  if (!std::regex_search(sheet, m, re)) return "";
  std::smatch v;
  const std::string inner = m[3].str();
  if (m[1].str().find("t=\"inlineStr\"") != std::string::npos)
    return std::regex_search(inner, v, std::regex("<is><t[^>]*>(.*?)</t></is>")) ? v[1].str() : "?";
  if (!std::regex_search(inner, v, std::regex("<v>(.*?)</v>"))) return "";
  if (m[1].str().find("t=\"s\"") == std::string::npos) return v[1].str();
  const std::size_t i = std::stoul(v[1].str());
  return i < shared.size() ? shared[i] : "?";
}

std::vector<std::string> shared_strings(const std::string& xml) {
  std::vector<std::string> out;
  const std::regex re("<si><t[^>]*>(.*?)</t></si>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1].str());
  return out;
}

struct Book {
  Table table;
  Book() {
    table.columns = {{"area_id", ColumnKind::kText},
                     {"area_name", ColumnKind::kText},
                     {"under5_population", ColumnKind::kPopulation},
                     {"seen_children", ColumnKind::kCount},
                     {"seen_reach", ColumnKind::kRate, "seen_children", Formula::kProportion,
                      "under5_population"},
                     {"seen_children_band", ColumnKind::kBand},
                     {"suppressed", ColumnKind::kFlag}};
    table.rows = {
        {std::string("A"), std::string("=1+1"), 40.0, std::int64_t{10}, 0.25, Cell(), false},
        {std::string("B"), std::string("Bee"), 12.0, Cell(), Cell(), std::string("1-4"), true}};
  }
  void write(const std::string& path) const {
    write_tables_xlsx(path, {{"indicators:lsoa", &table}}, {"About these tables", "Line two"},
                      "2026-03-31");
  }
};

}  // namespace

TEST(XlsxWriter, AValidWorkbookWithTheSheetsAndCellsGiven) {
  ASSERT_EQ(run_command("unzip -v").exit_code, 0) << "needs unzip (scripts/setup.sh installs it)";
  TempDir dir("xlsx");
  const std::string book = dir / "tables.xlsx";
  Book().write(book);
  EXPECT_EQ(run_command("unzip -tq '" + book + "'").exit_code, 0) << "a zip with good CRCs";

  const std::string workbook = part(book, "xl/workbook.xml");
  const auto about = workbook.find("<sheet name=\"About\"");
  const auto table = workbook.find("<sheet name=\"indicators_lsoa\"");
  ASSERT_NE(about, std::string::npos) << workbook;
  ASSERT_NE(table, std::string::npos) << "':' cannot be in a sheet name: " << workbook;
  EXPECT_LT(about, table) << "About comes first";

  const auto shared = shared_strings(part(book, "xl/sharedStrings.xml"));
  const std::string first = part(book, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(cell(first, shared, "A1"), "About these tables");
  EXPECT_EQ(cell(first, shared, "A2"), "Line two");

  const std::string sheet = part(book, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(cell(sheet, shared, "A1"), "area_id");
  EXPECT_EQ(cell(sheet, shared, "G1"), "suppressed");
  EXPECT_EQ(cell(sheet, shared, "A2"), "A");
  EXPECT_EQ(cell(sheet, shared, "B2"), "=1+1") << "text stays text";
  EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "no formula anywhere";
  EXPECT_EQ(cell(sheet, shared, "C2"), "40");
  EXPECT_EQ(cell(sheet, shared, "D2"), "10");
  EXPECT_EQ(cell(sheet, shared, "E2"), "0.25");
  EXPECT_EQ(cell(sheet, shared, "D3"), "1-4") << "a hidden count shows its band";
  EXPECT_EQ(cell(sheet, shared, "E3"), "hidden") << "a hidden rate has no band";
  EXPECT_EQ(cell(sheet, shared, "F2"), "") << "a blank cell is not written";
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:G3\""), std::string::npos);

  EXPECT_NE(part(book, "docProps/core.xml").find(">2026-03-31T00:00:00Z</dcterms:created>"),
            std::string::npos);
}

TEST(XlsxWriter, SameInputsSameBytes) {
  TempDir dir("xlsx_bytes");
  Book().write(dir / "one.xlsx");
  Book().write(dir / "two.xlsx");
  const std::string one = testsupport::read_text(dir / "one.xlsx");
  EXPECT_GT(one.size(), 0u);
  EXPECT_TRUE(one == testsupport::read_text(dir / "two.xlsx"));
}
