// Chromium driven over its DevTools pipe (engine/report/headless_browser): a browser that
// fails, stalls or is not Chromium at all ends with a message naming it, on time, killed, and
// with its working folder gone; the real one prints.
#include "engine/report/headless_browser.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/report/print_pdf.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace reachmap;
using reachmap::testsupport::TempDir;
namespace fs = std::filesystem;

// A stand-in for Chromium: a shell script, executable.
std::string fake_browser(const TempDir& dir, const std::string& body) {
  const std::string path = dir / "fake-chromium";
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

std::size_t entries(const std::string& folder) {
  return std::size_t(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

TEST(HeadlessBrowser, OneThatNeverAnswersIsKilledAtTheTimeLimitAndLeavesNothing) {
  TempDir dir("browser-stalls");
  fs::create_directories(dir / "out");
  // It says where it is, then sleeps in its place (exec: the same process).
  const std::string browser = fake_browser(dir, "echo $$ > '" + dir / "pid" + "'\nexec sleep 60");
  const auto start = std::chrono::steady_clock::now();
  std::string pdf;
  std::string failure;
  {
    HeadlessBrowser chromium(browser, dir / "out");
    EXPECT_EQ(entries(dir / "out"), 1u);  // its working folder, while it runs
    failure = chromium.print_once(dir / "page.html", pdf, std::chrono::seconds(1));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_NE(failure.find("Chromium (" + browser + ") could not print the report"),
            std::string::npos)
      << failure;
  EXPECT_NE(failure.find("took too long"), std::string::npos) << failure;
  EXPECT_TRUE(pdf.empty());
  EXPECT_EQ(entries(dir / "out"), 0u);  // its working folder removed
  pid_t pid = 0;
  std::ifstream(dir / "pid") >> pid;
  ASSERT_GT(pid, 0);
  EXPECT_EQ(::kill(pid, 0), -1);  // killed and reaped
  EXPECT_EQ(errno, ESRCH);
}

TEST(HeadlessBrowser, AProgramThatIsNotChromiumSaysSoAtOnce) {
  TempDir dir("browser-not-chromium");
  const std::string browser = fake_browser(dir, "exit 3");
  std::string pdf;
  HeadlessBrowser chromium(browser, dir.path());
  const std::string failure = chromium.print_once(dir / "page.html", pdf, std::chrono::seconds(60));
  EXPECT_NE(failure.find(browser), std::string::npos) << failure;
  // Gone before the first command is sent, or after: "stopped listening" or "stopped before
  // printing", as it happens.
  EXPECT_NE(failure.find(") could not print the report: it stopped "), std::string::npos)
      << failure;
  EXPECT_EQ(entries(dir.path()), 1u);  // the script alone
  // One print each: a second is refused, not sent to a browser that is gone.
  EXPECT_NE(chromium.print_once(dir / "page.html", pdf, std::chrono::seconds(60))
                .find("closed before it printed"),
            std::string::npos);
}

// The real browser, when there is one (in CI its absence is a failure).
std::string chromium_or_fail() {
  const std::string b = find_chromium();
  if (b.empty() && reachmap::testsupport::in_ci())
    ADD_FAILURE() << "Chromium is missing (scripts/setup.sh installs it)";
  return b;
}

TEST(HeadlessBrowser, ChromiumPrintsAPageOnItsOwnPageSizeAndNamesAFileItCannotOpen) {
  const std::string browser = chromium_or_fail();
  if (browser.empty()) GTEST_SKIP() << "no Chromium";
  TempDir dir("browser-prints");
  std::ofstream(dir / "page.html")
      << "<!doctype html><style>@page{size:100mm 50mm;margin:0}</style><p>Reach</p>";
  std::string pdf;
  EXPECT_EQ(HeadlessBrowser(browser, dir.path())
                .print_once(dir / "page.html", pdf, std::chrono::seconds(120)),
            "");
  EXPECT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
  // 100 mm by 50 mm: 283.5 by 141.7 points, to Chromium's whole pixels (not A4 or Letter).
  const auto box = pdf.find("/MediaBox [0 0 ");
  ASSERT_NE(box, std::string::npos);
  std::istringstream sizes(pdf.substr(box + 15, 40));
  double width = 0, height = 0;
  sizes >> width >> height;
  EXPECT_NEAR(width, 283.46, 1.0);
  EXPECT_NEAR(height, 141.73, 1.0);
  EXPECT_EQ(entries(dir.path()), 1u);  // the page alone

  // A folder whose name a URL would read as a fragment, a query and an escape.
  const std::string odd = dir / "Q1 #2 ?x (50%)";
  fs::create_directories(odd);
  fs::copy_file(dir / "page.html", odd + "/page.html");
  std::string odd_pdf;
  EXPECT_EQ(HeadlessBrowser(browser, odd)
                .print_once(odd + "/page.html", odd_pdf, std::chrono::seconds(120)),
            "");
  EXPECT_EQ(odd_pdf.compare(0, 5, "%PDF-"), 0);

  const std::string failure = HeadlessBrowser(browser, dir.path())
                                  .print_once(dir / "missing.html", pdf, std::chrono::seconds(120));
  EXPECT_NE(failure.find("could not open " + dir / "missing.html"), std::string::npos) << failure;
}

TEST(HeadlessBrowser, OneStartedBeforeThePageExistsPrintsItAsOneStartedForIt) {
  const std::string browser = chromium_or_fail();
  if (browser.empty()) GTEST_SKIP() << "no Chromium";
  TempDir dir("browser-early");
  // As a run starts it: before the report is written.
  const std::unique_ptr<HeadlessBrowser> early = start_report_browser(dir.path());
  ASSERT_TRUE(early);
  std::ofstream(dir / "page.html")
      << "<!doctype html><style>@page{size:100mm 50mm;margin:0}</style><p>Reach</p>";
  EXPECT_EQ(print_pdf(dir / "page.html", dir / "early.pdf", "2026-03-31", early.get()), "");
  EXPECT_EQ(print_pdf(dir / "page.html", dir / "own.pdf", "2026-03-31"), "");
  const std::string printed = testsupport::read_text(dir / "early.pdf");
  EXPECT_EQ(printed.compare(0, 5, "%PDF-"), 0);
  EXPECT_EQ(printed, testsupport::read_text(dir / "own.pdf"));
  // The early one printed it (and was closed): nothing of either browser is left.
  std::string again;
  EXPECT_NE(early->print_once(dir / "page.html", again, std::chrono::seconds(10))
                .find("closed before it printed"),
            std::string::npos);
  EXPECT_EQ(entries(dir.path()), 3u);  // the page and its two PDFs

  // One that died while the run went on (here: closed): the report is printed all the same.
  const std::unique_ptr<HeadlessBrowser> died = start_report_browser(dir.path());
  died->close();
  EXPECT_EQ(print_pdf(dir / "page.html", dir / "late.pdf", "2026-03-31", died.get()), "");
  EXPECT_EQ(testsupport::read_text(dir / "late.pdf"), printed);
  EXPECT_EQ(entries(dir.path()), 4u);
}

}  // namespace
