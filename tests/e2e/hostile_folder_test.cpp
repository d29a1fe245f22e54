// The output folder, the report and the console under attack (issue 18): reachmap never
// deletes or writes over a file of the user's, never follows a link planted where it writes,
// and `reachmap report` reads only the plain files of its folder that its manifest lists.
// The cases with planted links run as an unprivileged user (nobody, through setpriv) when the
// tests run as root, in a throwaway folder that user owns: what a link could reach is then
// only what an ordinary user could.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "engine/report/print_pdf.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

// The tiny config with absolute input paths, written into `dir`; `edit` may change it.
std::string tiny_config(const TempDir& dir, const std::string& name = "tiny.toml") {
  std::string config = read_text(kFixture + "/tiny.toml");
  config = with_absolute_paths(config, kFixture);
  write_text(dir / name, config);
  return dir / name;
}

bool as_root() {
  return ::geteuid() == 0;
}

// `command` as an ordinary user: under root, setpriv to nobody (the folder handed over to it
// first), when nobody can reach the binary, the fixture and the folder (a checkout under a
// private home cannot be: then the command runs as root, and the links are still checked).
std::string as_user(const std::string& command, const TempDir& dir) {
  if (!as_root()) return command;
  run_command("chown -R 65534:65534 " + dir.path());
  const std::string setpriv = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  static const bool nobody_can =
      run_command(setpriv + "sh -c 'test -x " + REACHMAP_CLI + " && test -r " + kFixture +
                  "/tiny.toml && test -w " + dir.path() + "'")
          .exit_code == 0;
  if (!nobody_can) return command;
  return setpriv + "env HOME=" + dir.path() + " sh -c '" + command + "'";
}

std::string cli(const std::string& args) {
  return std::string(REACHMAP_CLI) + " " + args;
}

// The public manifest of `out`, edited by `edit`, written back.
template <class Edit>
void edit_manifest(const std::string& out, Edit edit) {
  auto m = nlohmann::ordered_json::parse(read_text(out + "/manifest.json"));
  edit(m);
  write_text(out + "/manifest.json", m.dump(2));
}

TEST(HostileFolder, LinksPlantedWhereTheReportWritesAreNeverFollowed) {
  TempDir dir("planted");
  fs::create_directories(dir / "outside");
  const std::string out = dir / "out";
  const std::string config = tiny_config(dir);
  std::vector<std::string> victims;
  const auto victim = [&](const std::string& name) {
    victims.push_back(dir / ("outside/" + name));
    write_text(victims.back(), "the user's own file " + name + "\n");
    return victims.back();
  };
  ASSERT_EQ(run_command(as_user(cli("run " + config + " -q --out " + out), dir)).exit_code, 0);
  // The names the report wrote through before: fixed ones, and the pid-numbered one for the
  // next 400 processes.
  fs::create_symlink(victim("pdf"), out + "/report.pdf.tmp-pdf");
  fs::create_symlink(victim("print"), out + "/report.pdf.tmp-print");
  fs::remove(out + "/report.html");
  fs::create_symlink(victim("html-link"), out + "/report.html");
  const std::string html_victim = victim("html");
  long last_pid = 0;
  std::ifstream("/proc/sys/kernel/ns_last_pid") >> last_pid;
  for (long pid = last_pid + 1; pid <= last_pid + 400; ++pid)
    fs::create_symlink(html_victim, out + "/report.html.tmp-" + std::to_string(pid));
  const auto r = run_command(as_user(cli("report " + out + " -q"), dir));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const auto& v : victims) {
    const std::string now = read_text(v);
    EXPECT_TRUE(now == "the user's own file " + fs::path(v).filename().string() + "\n")
        << v << " was written through a link; it now starts: " << now.substr(0, 40);
  }
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out + "/report.html")));
  if (!find_chromium().empty()) {
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out + "/report.pdf")));
    EXPECT_EQ(read_text(out + "/report.pdf").substr(0, 5), "%PDF-");
  } else {
    EXPECT_FALSE(in_ci()) << "Chromium is missing (scripts/setup.sh installs it)";
  }
  // The working folders (Chromium's, the temporary files) are gone.
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".report-print-"), std::string::npos) << name;
    if (name.find(".tmp-") != std::string::npos) {
      EXPECT_TRUE(fs::is_symlink(e.symlink_status())) << name << " is left behind";
    }
  }
}

TEST(HostileFolder, ARunNeverReplacesAFolderHoldingAFileItDidNotWrite) {
  TempDir dir("foreign");
  const std::string out = dir / "out";
  const std::string run = cli("run " + tiny_config(dir) + " -q --out " + out);
  ASSERT_EQ(run_command(as_user(run, dir)).exit_code, 0);
  // A rerun over a set of reachmap's own is fine.
  ASSERT_EQ(run_command(as_user(run, dir)).exit_code, 0);
  // The user saved minutes and photos into the results folder.
  write_text(out + "/minutes.docx", "minutes\n");
  fs::create_directories(out + "/photos");
  write_text(out + "/photos/party.jpg", "photo\n");
  auto r = run_command(as_user(run, dir));
  EXPECT_EQ(r.exit_code, 7) << r.output;
  EXPECT_NE(r.output.find("it holds 'minutes.docx', which no reachmap run wrote"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(read_text(out + "/minutes.docx"), "minutes\n");
  EXPECT_EQ(read_text(out + "/photos/party.jpg"), "photo\n");
  fs::remove(out + "/minutes.docx");
  r = run_command(as_user(run, dir));
  EXPECT_EQ(r.exit_code, 7) << r.output;
  EXPECT_NE(r.output.find("it holds 'photos'"), std::string::npos) << r.output;
  fs::remove_all(out + "/photos");
  // A link in the set (to a file of the user's elsewhere) is not the run's either.
  write_text(dir / "thesis.docx", "thesis\n");
  fs::create_symlink(dir / "thesis.docx", out + "/maps/thesis.docx");
  r = run_command(as_user(run, dir));
  EXPECT_EQ(r.exit_code, 7) << r.output;
  EXPECT_NE(r.output.find("it holds 'maps/thesis.docx'"), std::string::npos) << r.output;
  EXPECT_EQ(read_text(dir / "thesis.docx"), "thesis\n");
  fs::remove(out + "/maps/thesis.docx");
  // What a killed `reachmap report` leaves in a set is reachmap's own (Chromium's profile
  // holds a link of its own), and so is a report.pdf printed later for a run without one.
  fs::create_directories(out + "/.report-print-Ab12Cd/profile");
  fs::create_symlink("host-123", out + "/.report-print-Ab12Cd/profile/SingletonLock");
  write_text(out + "/report.pdf.tmp-Xy34Zw", "%PDF-");
  EXPECT_EQ(run_command(as_user(run, dir)).exit_code, 0);
  EXPECT_FALSE(fs::exists(out + "/report.pdf.tmp-Xy34Zw"));
}

TEST(HostileFolder, TheReportReadsOnlyThePlainFilesItsManifestLists) {
  TempDir dir("report-reads");
  const std::string config = tiny_config(dir);
  const std::string out = dir / "out", other = dir / "other";
  ASSERT_EQ(run_command(cli("run " + config + " -q --out " + out)).exit_code, 0);
  ASSERT_EQ(run_command(cli("run " + config + " -q --out " + other)).exit_code, 0);
  const auto fresh = [&](const std::string& name) {
    const std::string copy = dir / name;
    fs::remove_all(copy);
    fs::copy(out, copy, fs::copy_options::recursive);
    return copy;
  };
  const auto report = [&](const std::string& folder) {
    return run_command(cli("report " + folder + " -q --no-pdf"));
  };
  // A layer's name that climbs out of the folder to another run's private tables.
  std::string f = fresh("climb");
  edit_manifest(f, [&](auto& m) {
    auto layer = m["layers"]["area"];
    m["layers"].erase("area");
    m["layers"]["../../other/private/indicators_area"] = layer;
  });
  auto r = report(f);
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("manifest.json: the manifest names a layer"), std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(f + "/report.html.tmp"));
  // A public table replaced by a link to another folder's unsuppressed one.
  f = fresh("linked");
  fs::remove(f + "/indicators_area.csv");
  fs::create_symlink(other + "/private/indicators_area.csv", f + "/indicators_area.csv");
  r = report(f);
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("indicators_area.csv: it is a link, not a plain file"), std::string::npos)
      << r.output;
  // A public table edited after the run.
  f = fresh("edited");
  write_text(f + "/indicators_area.csv", read_text(f + "/indicators_area.csv") + "Z,Zed\n");
  r = report(f);
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("indicators_area.csv is not the file the run wrote"), std::string::npos)
      << r.output;
  // manifest.json a FIFO: refused at once, not read for ever.
  f = fresh("fifo");
  fs::remove(f + "/manifest.json");
  ASSERT_EQ(::mkfifo((f + "/manifest.json").c_str(), 0600), 0);
  r = run_command("timeout 20 " + cli("report " + f + " -q --no-pdf"));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("manifest.json: it is a FIFO (named pipe), not a plain file"),
            std::string::npos)
      << r.output;
  // A journal beside the GeoPackage (QGIS has it open, or a link planted there): SQLite would
  // read it though the GeoPackage's digest is unchanged.
  f = fresh("journal");
  fs::create_symlink(other + "/reachmap.gpkg", f + "/reachmap.gpkg-journal");
  r = report(f);
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("reachmap.gpkg-journal: reachmap.gpkg-journal is beside the GeoPackage"),
            std::string::npos)
      << r.output;
  // The untouched folder still reports.
  EXPECT_EQ(report(out).exit_code, 0);
}

TEST(HostileFolder, AManifestValueOfTheWrongTypeIsABrokenInputNamingTheKey) {
  TempDir dir("types");
  const std::string out = dir / "out";
  ASSERT_EQ(run_command(cli("run " + tiny_config(dir) + " -q --out " + out)).exit_code, 0);
  const std::string original = read_text(out + "/manifest.json");
  const std::vector<std::pair<std::string, std::string>> variants = {
      {"inputs", "\"x\""},
      {"period", "5"},
      {"privacy", "\"x\""},
      {"report", "5"},
      {"analysis", "5"},
      {"postcode_directory", "\"x\""},
      {"reachmap_version", "5"},
      {"analysis_crs", "[1]"},
      {"layers", "{\"area\": 5}"},
      {"inputs", "[5]"},
      {"privacy", "{\"min_count\": \"x\"}"},
      {"period", "{\"to\": 5}"}};
  for (const auto& [key, value] : variants) {
    write_text(out + "/manifest.json", original);
    edit_manifest(out, [&](auto& m) { m[key] = nlohmann::ordered_json::parse(value); });
    const auto r = run_command(cli("report " + out + " -q --no-pdf"));
    EXPECT_EQ(r.exit_code, 4) << key << " = " << value << "\n" << r.output;
    EXPECT_NE(r.output.find("manifest.json: key '" + key), std::string::npos)
        << key << " = " << value << "\n"
        << r.output;
    EXPECT_NE(r.output.find("  hint: "), std::string::npos) << r.output;
  }
}

// Names from the inputs are shown as they are, and cannot break the page: an area called
// "<!--<script>" (which opened a comment inside the map's data and swallowed the rest of the
// report) and one called "-2+3" (which the CSV writes as '-2+3, so a spreadsheet never runs it).
TEST(HostileFolder, HostileAreaNamesStayInsideTheMapDataAndShowAsTheyAre) {
  TempDir dir("names");
  std::string areas = read_text(kFixture + "/areas.geojson");
  areas.replace(areas.find("\"Beta\""), 6, "\"<!--<script>\\u2028x\"");
  areas.replace(areas.find("\"Alpha\""), 7, "\"-2+3\"");
  write_text(dir / "areas.geojson", areas);
  std::string config = read_text(tiny_config(dir));
  config.replace(config.find(kFixture + "/areas.geojson"), kFixture.size() + 14,
                 dir / "areas.geojson");
  write_text(dir / "names.toml", config);
  const std::string out = dir / "out";
  const auto r = run_command(cli("run " + (dir / "names.toml") + " -q --out " + out));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = read_text(out + "/report.html");
  const auto data = html.find("class=\"map-data\">");
  ASSERT_NE(data, std::string::npos);
  const auto end = html.find("</script>", data);
  const std::string json = html.substr(data + 17, end - data - 17);
  EXPECT_EQ(json.find_first_of("<>&"), std::string::npos) << json.substr(0, 400);
  EXPECT_EQ(json.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_NE(json.find("\\u003c!--\\u003cscript\\u003e"), std::string::npos);
  // Every section after the map is still there, and the page's own script runs last.
  for (const char* id : {"id=\"centres\"", "id=\"methods\""})
    EXPECT_NE(html.find(id, end), std::string::npos) << id;
  EXPECT_NE(html.rfind("</script></body></html>"), std::string::npos);
  // The name as it is in the report and the GeoPackage; quoted in the CSV only.
  EXPECT_NE(read_text(out + "/indicators_area.csv").find("'-2+3"), std::string::npos);
  EXPECT_NE(html.find("-2+3"), std::string::npos);
  EXPECT_EQ(html.find("'-2+3"), std::string::npos);
  EXPECT_EQ(html.find("&#39;-2+3"), std::string::npos);
  const auto rebuilt = run_command(cli("report " + out + " -q --no-pdf"));
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_EQ(read_text(out + "/report.html"), html);
}

}  // namespace

namespace {

// Every path `command` created, wrote, renamed, removed or changed the mode of (traced by
// strace through every thread and child) that does not start with one of `allowed`.
std::set<std::string> paths_written_outside(const std::string& command, const TempDir& dir,
                                            const std::vector<std::string>& allowed) {
  static int calls = 0;
  const std::string traces = dir / ("trace-" + std::to_string(++calls));
  fs::create_directories(traces);
  const auto r = run_command(
      // LeakSanitizer cannot run under ptrace (scripts/sanitize.sh): off for the traced run.
      "cd " + dir.path() + " && ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 HOME=" +
      (dir / "home") + " XDG_CACHE_HOME=" + (dir / "home") + " strace -f -ff -qq -y -o " + traces +
      "/t -e trace=openat,open,creat,mkdir,mkdirat,rename," +
      "renameat,renameat2,unlink,unlinkat,symlink,symlinkat,link,linkat,truncate,chmod," +
      "fchmodat " + command);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  static const std::regex call(
      R"(^(openat|open|creat|mkdir|mkdirat|rename|renameat|renameat2|unlink|unlinkat|symlink|)"
      R"(symlinkat|link|linkat|truncate|chmod|fchmodat)\((.*)\)\s+= \d+)");
  static const std::regex token(R"re(<([^>]*)>|"((?:[^"\\]|\\.)*)")re");
  std::set<std::string> outside;
  for (const auto& trace : fs::directory_iterator(traces)) {
    std::istringstream lines(read_text(trace.path().string()));
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (!std::regex_search(line, m, call)) continue;
      const std::string name = m[1], args = m[2];
      if ((name == "open" || name == "openat") &&
          !std::regex_search(args, std::regex("O_WRONLY|O_RDWR|O_CREAT|O_TRUNC")))
        continue;
      std::string base = dir.path();  // the folder a relative name is in (a dirfd's, or cwd)
      for (auto t = std::sregex_iterator(args.begin(), args.end(), token);
           t != std::sregex_iterator(); ++t) {
        if ((*t)[1].matched) {
          base = (*t)[1];
          continue;
        }
        const std::string given = (*t)[2];
        const std::string path =
            fs::path(given.front() == '/' ? given : base + "/" + given).lexically_normal();
        bool ok = false;
        for (const auto& a : allowed) ok |= path.rfind(a, 0) == 0;
        if (!ok) outside.insert(name + " " + path);
      }
    }
  }
  return outside;
}

std::string joined(const std::set<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// A run writes in its output folder, its staging folder and its lock beside it, and nowhere
// else; `reachmap report` writes in its folder only. Chromium is left out (the PDF is off
// here): it is a separate program whose profile and print the report keeps in the folder.
TEST(HostileFolder, ARunAndItsReportWriteNothingOutsideTheirFolder) {
  if (run_command("strace -V").exit_code != 0) {
    EXPECT_FALSE(in_ci()) << "strace is missing (scripts/setup.sh installs it)";
    GTEST_SKIP() << "no strace";
  }
  // A container may forbid ptrace: then nothing can be traced, which setup cannot change.
  if (run_command("strace -f -qq -o /dev/null true").exit_code != 0)
    GTEST_SKIP() << "strace cannot trace here (ptrace not permitted)";
  TempDir dir("writes");
  std::string config = read_text(tiny_config(dir));
  write_text(dir / "nopdf.toml", config + "\n[report]\npdf = false\n");
  const std::string out = dir / "out";
  const auto run = paths_written_outside(cli("run nopdf.toml -q --out out"), dir,
                                         {out + "/", out, dir / ".out.", "/dev/null"});
  EXPECT_TRUE(run.empty()) << joined(run);
  ASSERT_TRUE(fs::exists(out + "/report.html"));
  const auto report =
      paths_written_outside(cli("report out -q --no-pdf"), dir, {out + "/", "/dev/null"});
  EXPECT_TRUE(report.empty()) << joined(report);
}

}  // namespace
