// The report for the board (report.html, report.pdf) of the demo: its content (outreach list
// naming the planted estate, a focusable shape per area, the equity gradient, a page per centre,
// methods from the manifest) and its behaviour in a real browser (headless Chromium: no console
// errors, the area details and indicator switch work, it prints).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/io/csv_reader.hpp"
#include "engine/report/print_pdf.hpp"
#include "tests/support/personal_data.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

class DemoReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>("report");
    const auto run = run_command(std::string(REACHMAP_CLI) + " demo -q --out " + (*dir_ / "out"));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    html_ = read_text(at("report.html"));
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string at(const std::string& f) { return *dir_ / ("out/" + f); }
  static std::string section(const std::string& id) {
    const auto named = html_.find(" id=\"" + id + "\"");
    if (named == std::string::npos) return {};
    const auto begin = html_.rfind("<section", named);
    return html_.substr(begin, html_.find("</section>", begin) - begin);
  }
  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
  }
  // Headless Chromium, when there is one; in CI its absence is a failure, not a skip.
  static std::string browser() {
    const std::string b = find_chromium();
    if (b.empty() && in_ci()) ADD_FAILURE() << "Chromium is missing (scripts/setup.sh installs it)";
    return b;
  }
  static std::unique_ptr<TempDir> dir_;
  static std::string html_;
};
std::unique_ptr<TempDir> DemoReport::dir_;
std::string DemoReport::html_;

}  // namespace

TEST_F(DemoReport, SelfContainedWithAFocusableShapePerAreaOfEachLayer) {
  // One file: no script, style, image or font fetched from anywhere.
  EXPECT_EQ(html_.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html_.find("<link"), std::string::npos);
  EXPECT_EQ(html_.find("http://"), std::string::npos);
  EXPECT_EQ(html_.find("https://"), std::string::npos);
  for (const char* layer : {"neighbourhood", "ward"}) {
    const std::string map = section(std::string("map-") + layer);
    ASSERT_FALSE(map.empty()) << layer;
    const std::size_t areas = csv_rows(at(std::string("indicators_") + layer + ".csv"));
    EXPECT_EQ(count(map, "tabindex=\"0\" role=\"button\" aria-label=\""), areas) << layer;
    EXPECT_EQ(count(map, "<input type=\"radio\""), count(map, "\"key\":")) << layer;
  }
}

TEST_F(DemoReport, OutreachListNamesThePlantedEstateFirst) {
  const std::string list = section("outreach");
  ASSERT_FALSE(list.empty());
  // The planted estate (data/demo/README.md): its areas lead the neighbourhoods' list.
  const auto first = list.find("<tbody>");
  const auto second_table = list.find("<table", first);
  const std::string neighbourhoods = list.substr(first, second_table - first);
  for (const char* id : {"NBY045", "NBY070", "NBY046", "NBY044", "NBY043", "NBY023"})
    EXPECT_NE(neighbourhoods.find(std::string("(") + id + ")"), std::string::npos) << id;
  EXPECT_LT(neighbourhoods.find("Northby 045"), neighbourhoods.find("Northby 023"));
}

TEST_F(DemoReport, HeadlineEquityCentresAndMethodsComeFromTheRun) {
  const std::string headline = section("headline");
  ASSERT_FALSE(headline.empty());
  // The headline's children under 5 are the equity table's "all areas" row.
  CsvReader equity(at("equity_neighbourhood.csv"));
  CsvRow row;
  ASSERT_TRUE(equity.next(row));
  EXPECT_EQ(std::string(row[0]), "all areas");
  EXPECT_NE(headline.find("5,236"), std::string::npos) << headline;
  EXPECT_NE(headline.find("95% interval"), std::string::npos);
  // The equity gradient: a row per decile with its interval.
  const std::string gradient = section("equity-neighbourhood");
  for (int d = 1; d <= 10; ++d)
    EXPECT_NE(gradient.find(">decile " + std::to_string(d)), std::string::npos) << d;
  EXPECT_GE(count(gradient, "class=\"ci seen\""), 10u);
  // The funnel names the areas far below the rest.
  EXPECT_NE(section("funnel-neighbourhood").find("Far below the rest"), std::string::npos);
  // A page per centre, with its reach area drawn.
  for (const char* c : {"CC1", "CC2", "CC3", "CC4"})
    EXPECT_NE(html_.find(std::string("<article class=\"centre\" aria-labelledby=\"centre-") + c),
              std::string::npos)
        << c;
  EXPECT_EQ(count(section("centres"), "class=\"reach-edge\""), 4u);
  // Methods: every input with its rows, from the manifest.
  const std::string methods = section("methods");
  const auto manifest = nlohmann::json::parse(read_text(at("manifest.json")));
  for (const auto& input : manifest["inputs"]) {
    if (!input.contains("rows")) continue;
    EXPECT_NE(methods.find(input["path"].get<std::string>()), std::string::npos) << input;
  }
  EXPECT_NE(methods.find("39,506"), std::string::npos);                // attendance rows
  EXPECT_NE(methods.find("Northby is fictional"), std::string::npos);  // the attribution
  EXPECT_NE(methods.find("Counts from 1 to 4 children are hidden"), std::string::npos);
  EXPECT_EQ(manifest["report"]["pdf"], "report.pdf");
}

TEST_F(DemoReport, RebuiltFromTheFolderWithTheSameBytes) {
  const std::string pdf = read_text(at("report.pdf"));
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  const auto again = run_command(std::string(REACHMAP_CLI) + " report " + at(""));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(read_text(at("report.html")), html_);
  EXPECT_EQ(read_text(at("report.pdf")), pdf);
  // Against the last period: here the same run, so no change.
  const auto compared = run_command(std::string(REACHMAP_CLI) + " report --no-pdf " + at("") +
                                    " --previous " + at(""));
  ASSERT_EQ(compared.exit_code, 0) << compared.output;
  EXPECT_NE(read_text(at("report.html")).find("+0.0 points on last period"), std::string::npos);
  // Not a run's folder: a clear error naming what is missing.
  const auto wrong = run_command(std::string(REACHMAP_CLI) + " report " + (*dir_ / "nothing"));
  EXPECT_EQ(wrong.exit_code, 4) << wrong.output;
  EXPECT_NE(wrong.output.find("manifest.json"), std::string::npos) << wrong.output;
  run_command(std::string(REACHMAP_CLI) + " report " + at(""));  // as the run wrote it
}

TEST_F(DemoReport, OpensInChromiumWithoutConsoleErrorsAndItsControlsWork) {
  const std::string chromium = browser();
  if (chromium.empty()) GTEST_SKIP() << "no Chromium";
  // A copy with a script that does what a reader does: focus the first area, switch the map
  // to the second indicator; then it writes what it saw into the page.
  const std::string probe = *dir_ / "probe.html";
  std::string page = html_;
  page.insert(
      page.rfind("</body>"),
      "<script>(function(){var s=document.querySelector('.map-section');"
      "var p=s.querySelector('path[data-i]');p.focus();"
      "var before=s.querySelector('.legend-box').innerHTML;"
      "s.querySelectorAll('.switch input')[1].click();"
      "document.body.dataset.details=s.querySelector('.details').textContent;"
      "document.body.dataset.tip=document.querySelector('.tooltip').hidden?'hidden':'shown';"
      "document.body.dataset.changed=String(before!==s.querySelector('.legend-box').innerHTML);"
      "document.body.dataset.focusable=String(document.querySelectorAll("
      "'svg.map path[tabindex=\"0\"]').length);})();</script>");
  write_text(probe, page);
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --no-first-run "
      "--user-data-dir=" +
      (*dir_ / "profile") + " ";
  const auto dom = run_command(
      chromium + flags + "--enable-logging=stderr --v=0 --dump-dom file://" + probe + " 2>&1");
  // Console messages (errors, uncaught exceptions) are logged as CONSOLE lines.
  EXPECT_EQ(dom.output.find(":CONSOLE"), std::string::npos) << dom.output.substr(0, 4000);
  EXPECT_NE(dom.output.find("data-report-ready=\"yes\""), std::string::npos);
  EXPECT_NE(dom.output.find("data-details=\"Northby 001 (NBY001)Children under 5"),
            std::string::npos)
      << dom.output.substr(dom.output.find("<body"), 600);
  EXPECT_NE(dom.output.find("data-tip=\"shown\""), std::string::npos);
  EXPECT_NE(dom.output.find("data-changed=\"true\""), std::string::npos);
  EXPECT_NE(dom.output.find("data-focusable=\"161\""), std::string::npos);  // 150 + 8 + 3 areas
  // A layer of more areas than can be explored in the page has a picture of its map, with
  // nothing for the script to wire up: the page's script still runs to its end.
  std::string pictured = html_;
  pictured.insert(pictured.find("<section"),
                  "<section class=\"map-section static\" id=\"map-big\"><h2>Map</h2>"
                  "<img class=\"static-map\" alt=\"Map\" src=\"data:,\"></section>");
  write_text(probe, pictured);
  const auto big = run_command(
      chromium + flags + "--enable-logging=stderr --v=0 --dump-dom file://" + probe + " 2>&1");
  EXPECT_EQ(big.output.find(":CONSOLE"), std::string::npos) << big.output.substr(0, 4000);
  EXPECT_NE(big.output.find("data-report-ready=\"yes\""), std::string::npos);
  // A screenshot to look at (kept in the build folder: build/test-tmp/report.png).
  const std::string shot = (test_tmp() / "report.png").string();
  std::filesystem::remove(shot);
  run_command(chromium + flags + "--window-size=1280,2400 --screenshot=" + shot + " file://" +
              at("report.html") + " 2>&1");
  ASSERT_TRUE(std::filesystem::exists(shot));
  EXPECT_GT(std::filesystem::file_size(shot), 100000u);
  // Printed on A4: the pages a board reads.
  const std::string info = run_command("pdfinfo " + at("report.pdf")).output;
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  const std::regex pages("Pages:\\s+(\\d+)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info, m, pages)) << info;
  EXPECT_GE(std::stoi(m[1]), 8);
  const std::string text = pdf_text(at("report.pdf"));
  for (const char* heading : {"Headlinefigures", "Whereoutreachshouldgofirst", "equitygradient",
                              "CastleHillFamilyHub", "Methodsanddata"})
    EXPECT_NE(text.find(heading), std::string::npos) << heading;
}
