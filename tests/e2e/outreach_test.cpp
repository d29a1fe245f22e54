// The demo's outreach pack (private), its public maps' text and its workbook: the pack has a
// page and a CSV per top area whose children are the area's own; tables.xlsx holds the public
// tables, formatted; no public file carries a child's id, postcode or birth date.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_set>

#include "engine/core/number_format.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/personal_data.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kSource = REACHMAP_SOURCE_DIR;

// One demo run shared by the tests of this file.
class DemoRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>("outreach");
    const auto run = run_command(std::string(REACHMAP_CLI) + " demo --out " + dir_->path());
    ASSERT_EQ(run.exit_code, 0) << run.output;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string at(const std::string& f) { return *dir_ / f; }
  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> DemoRun::dir_;

}  // namespace

TEST_F(DemoRun, OutreachPackHasAPagePerTopAreaWithTheAreasOwnChildren) {
  // The demo's directory says which neighbourhood each postcode is in.
  std::map<std::string, std::string> nbhd_of;
  CsvReader pc(kSource + "/data/demo/postcodes.csv");
  CsvRow row;
  while (pc.next(row)) nbhd_of[std::string(row[0])] = std::string(row[4]);
  // The staff's table: registered but not seen per area, and the top ten.
  CsvReader t(at("private/indicators_neighbourhood.csv"));
  const int c_id = t.find_column("area_id"), c_rank = t.find_column("priority_rank"),
            c_reg = t.find_column("registered_children"), c_seen = t.find_column("seen_children"),
            c_name = t.find_column("area_name");
  std::size_t sheets = 0;
  while (t.next(row)) {
    const auto rank = parse_int(row[std::size_t(c_rank)]);
    if (!rank || *rank > 10) continue;
    const std::string id(row[std::size_t(c_id)]);
    const std::string base =
        at("private/outreach/neighbourhood_" + std::string(*rank < 10 ? "0" : "") +
           std::to_string(*rank) + "_" + id);
    ASSERT_TRUE(std::filesystem::exists(base + ".pdf")) << base;
    const std::string text = pdf_text(base + ".pdf");
    EXPECT_NE(text.find("PERSONALDATA"), std::string::npos);
    EXPECT_NE(text.find(squeezed(std::string(row[std::size_t(c_name)]))), std::string::npos)
        << text;
    EXPECT_NE(text.find("Nearestcentres"), std::string::npos);
    // The CSV: one row per registered child not seen, each living in this area.
    CsvReader ids(base + ".csv");
    CsvRow r;
    long n = 0;
    std::set<std::string> postcodes;
    while (ids.next(r)) {
      ++n;
      EXPECT_EQ(nbhd_of[std::string(r[1])], id) << r[0] << " at " << r[1];
      postcodes.insert(std::string(r[1]));
    }
    EXPECT_EQ(n, *parse_int(row[std::size_t(c_reg)]) - *parse_int(row[std::size_t(c_seen)])) << id;
    // Every one of those postcodes is on the page's table (or the page says how many more).
    for (const auto& p : postcodes)
      EXPECT_TRUE(text.find(squeezed(p)) != std::string::npos ||
                  text.find("morepostcodes") != std::string::npos)
          << p;
    ++sheets;
  }
  EXPECT_EQ(sheets, 10u);
  for (const char* centre : {"CC1", "CC2", "CC3", "CC4"})
    EXPECT_TRUE(
        std::filesystem::exists(at(std::string("private/outreach/centre_") + centre + ".pdf")))
        << centre;
}

// Nothing personal in any public file (all but private/): no child id (the centres' or the
// health service's), family id, postcode where a child lives (with or without its space) or
// birth date (ISO or DD/MM/YYYY) in the tables, the GeoPackage (every text of every table,
// the QGIS styles among them), the manifest, the maps (SVG, PNG, PDF), the report or the
// workbook.
namespace {

PersonalData demo_personal_data() {
  PersonalData personal;
  personal.add(kSource + "/data/demo/registrations.csv", {"child_id", "family_id", "nhs_no"},
               "postcode", "birth_date");
  personal.add(kSource + "/data/demo/known_children.csv", {"nhs_no"}, "postcode", "birth_date");
  personal.add(kSource + "/data/demo/attendance.csv", {"child_id"}, "", "");
  // The period's ends are the run's own dates, printed in every title: not a child's.
  personal.allow("2025-04-01");
  personal.allow("2026-03-31");
  return personal;
}

std::string first_of(const std::map<std::string, std::string>& hits) {
  return hits.empty() ? "" : hits.begin()->first + " holds '" + hits.begin()->second + "'";
}

}  // namespace

TEST_F(DemoRun, NoPublicFileCarriesAChildsIdPostcodeOrBirthDate) {
  const PersonalData personal = demo_personal_data();
  ASSERT_GT(personal.size(), 15000u);
  std::map<std::string, int> searched;
  const auto hits = public_hits(personal, dir_->path(), &searched);
  EXPECT_EQ(first_of(hits), "") << hits.size() << " public files hold personal data";
  // Every kind of public file was read.
  for (const auto& [ext, min] : std::map<std::string, int>{{".csv", 5},
                                                           {".gpkg", 1},
                                                           {".json", 1},
                                                           {".html", 1},
                                                           {".xlsx", 1},
                                                           {".pdf", 13},
                                                           {".png", 14},
                                                           {".svg", 14}})
    EXPECT_GE(searched[ext], min) << ext;
  // The GeoPackage's text holds its layers' rows and the styles QGIS loads (QML and SLD).
  const std::string gpkg = readable_text(at("reachmap.gpkg"));
  for (const char* text : {"NBY045", "<qgis", "StyledLayerDescriptor"})
    EXPECT_NE(gpkg.find(text), std::string::npos) << text;
  // The staff's pack does hold them: the same search finds them there.
  EXPECT_NE(personal.first_hit(pdf_text(at("private/outreach/neighbourhood_01_NBY045.pdf"))), "");
}

// The search can fail: a child's postcode (with its space) written into a copy of a public
// table, its birth date as DD/MM/YYYY into the manifest and its family id into a style stored
// in the GeoPackage are each found, in that file.
TEST_F(DemoRun, ThePersonalDataSearchFindsWhatIsPlantedInAPublicFile) {
  const PersonalData personal = demo_personal_data();
  CsvReader reg(kSource + "/data/demo/registrations.csv");
  CsvRow row;
  ASSERT_TRUE(reg.next(row));
  const std::string family(row[1]), postcode(row[2]), birth(row[3]);
  ASSERT_NE(postcode.find(' '), std::string::npos) << postcode;
  const std::string uk_birth = PersonalData::date_forms(birth).at(1);
  TempDir copy("planted");
  std::filesystem::copy(
      dir_->path(), copy.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  const auto append = [](const std::string& path, const std::string& text) {
    write_text(path, read_text(path) + text);
  };
  append(copy / "indicators_neighbourhood.csv", "NBY999,Planted " + postcode + "\n");
  append(copy / "manifest.json", "\n" + uk_birth + "\n");
  ASSERT_EQ(run_command("ogrinfo -q " + (copy / "reachmap.gpkg") +
                        " -sql \"UPDATE layer_styles SET styleSLD = styleSLD || '<!-- " + family +
                        " -->'\"")
                .exit_code,
            0);
  const auto hits = public_hits(personal, copy.path(), nullptr);
  EXPECT_EQ(hits, (std::map<std::string, std::string>{
                      {"indicators_neighbourhood.csv", squeezed(postcode)},
                      {"manifest.json", uk_birth},
                      {"reachmap.gpkg", family}}));
}

// tables.xlsx: a sheet per layer and one for the centres, frozen header, percentages as
// percentages, the public figures (a hidden count shows its band, hatched).
TEST_F(DemoRun, TablesWorkbookHoldsThePublicTablesFormatted) {
  const std::string book = at("tables.xlsx");
  const std::string workbook = run_command("unzip -p " + book + " xl/workbook.xml").output;
  for (const char* sheet : {"About", "neighbourhood", "ward", "centres"})
    EXPECT_NE(workbook.find("<sheet name=\"" + std::string(sheet) + "\""), std::string::npos)
        << sheet;
  EXPECT_NE(
      run_command("unzip -p " + book + " xl/worksheets/sheet2.xml").output.find("state=\"frozen\""),
      std::string::npos);
  EXPECT_NE(run_command("unzip -p " + book + " xl/styles.xml").output.find("0.0%"),
            std::string::npos);
  // Read back through GDAL's XLSX driver: the same figures as the public CSV.
  CsvReader csv(at("indicators_neighbourhood.csv"));
  const int c_id = csv.find_column("area_id"), c_seen = csv.find_column("seen_children"),
            c_band = csv.find_column("seen_children_band");
  std::map<std::string, std::string> seen;
  CsvRow row;
  while (csv.next(row)) {
    const std::string v(row[std::size_t(c_seen)]);
    const std::string band(row[std::size_t(c_band)]);
    // Hidden to protect another count (secondary suppression): no band, the word "hidden".
    seen[std::string(row[std::size_t(c_id)])] = !v.empty() ? v : !band.empty() ? band : "hidden";
  }
  const auto read = run_command("ogrinfo -ro -q " + book +
                                " -sql \"SELECT area_id, seen_children FROM neighbourhood\"");
  std::size_t checked = 0;
  std::string id;
  std::istringstream lines(read.output);
  for (std::string line; std::getline(lines, line);) {
    if (const auto at = line.find("area_id (String) = "); at != std::string::npos)
      id = line.substr(at + 19);
    if (const auto at = line.find("seen_children ("); at != std::string::npos) {
      EXPECT_EQ(line.substr(line.find(" = ") + 3), seen[id]) << id;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 150u) << read.output;
}
