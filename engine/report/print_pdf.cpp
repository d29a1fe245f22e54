#include "engine/report/print_pdf.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"

extern char** environ;

namespace reachmap {

namespace fs = std::filesystem;

std::string find_chromium() {
  if (const char* env = std::getenv("REACHMAP_CHROMIUM"); env && *env)
    return access(env, X_OK) == 0 ? env : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      const std::string candidate = dir + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  return {};
}

namespace {

// Runs argv with stdin, stdout and stderr on /dev/null; kills it after `timeout`. Returns the
// exit status, or -1 when it could not start or was killed.
int run_quietly(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // fork rather than posix_spawn: the child asks to be killed when reachmap dies
  // (PR_SET_PDEATHSIG), so a run killed mid-print leaves no Chromium writing into its staging
  // folder. Between fork and exec only async-signal-safe calls.
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::setpgid(0, 0);  // its helpers die with it
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int null = ::open("/dev/null", O_RDWR);
    for (int fd : {0, 1, 2}) ::dup2(null, fd);
    ::execve(argv[0], argv.data(), environ);
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // helpers that outlive the browser
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Skia writes "/CreationDate (D:YYYYMMDDHHMMSS+00'00')" and the same for /ModDate: the only
// bytes that differ between two prints of one page. Overwritten in place (same length, so the
// cross-reference offsets stay right).
void fix_dates(std::string& pdf, const std::string& date) {
  std::string stamp = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + "000000";
  for (const std::string key : {"/CreationDate (D:", "/ModDate (D:"})
    for (std::size_t p = 0; (p = pdf.find(key, p)) != std::string::npos; p += key.size())
      if (p + key.size() + 14 <= pdf.size()) pdf.replace(p + key.size(), 14, stamp);
}

// Tagged PDF names each structure element after its DOM node ("node00000067"), and Chromium's
// node counter can differ by one between two prints of the same page (a node made while the
// page loads). Renumbered here, in the same order and width, so that the same report is the
// same bytes: the /IDTree's sorted keys stay sorted and no offset moves.
void renumber_node_ids(std::string& pdf) {
  const std::string key = "(node";
  constexpr std::size_t kDigits = 8;
  const auto digits_at = [&](std::size_t p) {
    if (p + key.size() + kDigits >= pdf.size() || pdf[p + key.size() + kDigits] != ')')
      return false;
    for (std::size_t i = 0; i < kDigits; ++i)
      if (!std::isdigit(static_cast<unsigned char>(pdf[p + key.size() + i]))) return false;
    return true;
  };
  std::set<std::string> ids;
  for (std::size_t p = 0; (p = pdf.find(key, p)) != std::string::npos; p += key.size())
    if (digits_at(p)) ids.insert(pdf.substr(p + key.size(), kDigits));  // fixed width: sorted
  std::map<std::string, std::string> renumbered;
  for (const auto& id : ids) {
    std::string n = std::to_string(renumbered.size() + 1);
    renumbered[id] = std::string(kDigits - n.size(), '0') + n;
  }
  for (std::size_t p = 0; (p = pdf.find(key, p)) != std::string::npos; p += key.size())
    if (digits_at(p))
      pdf.replace(p + key.size(), kDigits, renumbered[pdf.substr(p + key.size(), kDigits)]);
}

}  // namespace

std::string print_pdf(const std::string& html_path, const std::string& pdf_path,
                      const std::string& date) {
  const std::string browser = find_chromium();
  if (browser.empty())
    return "Chromium was not found (install Debian's `chromium`, or set REACHMAP_CHROMIUM)";
  // Chromium's profile and its print go in a folder of our own (mkdtemp, 0700) beside the
  // report: nothing outside the output folder is written, and no planted link is followed.
  std::string pdf;
  int status = -1;
  try {
    const TemporaryFolder work(fs::path(pdf_path).parent_path().string(), "report-print");
    const std::string out = work.path() + "/report.pdf";
    status = run_quietly(
        // One process: Chromium's browser, renderer, GPU and network processes each start
        // up apart, 2.2 of its 7 CPU seconds for a national report; the PDF is the same.
        {browser, "--headless", "--single-process", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--disable-extensions", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
         "--user-data-dir=" + work.path() + "/profile", "--print-to-pdf=" + out,
         "file://" + fs::absolute(html_path).string()},
        std::chrono::seconds(180));
    std::ifstream in(out, std::ios::binary);
    pdf.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const Error& e) {
    return "could not make a working folder for Chromium: " + e.message();
  }
  if (status != 0 || pdf.compare(0, 5, "%PDF-") != 0)
    return "Chromium could not print the report (" + browser + ", exit " + std::to_string(status) +
           ")";
  if (date.size() == 10) fix_dates(pdf, date);
  renumber_node_ids(pdf);
  try {
    AtomicTextFile file(pdf_path);  // written through the descriptor mkstemp opened
    file.out().write(pdf.data(), std::streamsize(pdf.size()));
    file.commit();
  } catch (const Error& e) {
    return "could not write " + pdf_path + ": " + e.message();
  }
  return "";
}

}  // namespace reachmap
