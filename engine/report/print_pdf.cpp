#include "engine/report/print_pdf.hpp"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/report/headless_browser.hpp"

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

std::unique_ptr<HeadlessBrowser> start_report_browser(const std::string& folder) {
  const std::string browser = find_chromium();
  if (browser.empty()) return nullptr;
  // Its profile goes in a folder of its own (mkdtemp, 0700) beside the report: nothing outside
  // the output folder is written, and no planted link is followed.
  return std::make_unique<HeadlessBrowser>(browser, folder);
}

std::string print_pdf(const std::string& html_path, const std::string& pdf_path,
                      const std::string& date, HeadlessBrowser* started) {
  std::unique_ptr<HeadlessBrowser> own;
  if (!started) {
    own = start_report_browser(fs::path(pdf_path).parent_path().string());
    if (!own)
      return "Chromium was not found (install Debian's `chromium`, or set REACHMAP_CHROMIUM)";
    started = own.get();
  }
  std::string pdf;
  std::string failure = started->print_once(html_path, pdf, std::chrono::seconds(180));
  if (!failure.empty() && !own) {
    // One started early has waited the whole run, and may have died meanwhile (killed to
    // free memory, say): once more with a browser of its own, as before it was started early.
    own = start_report_browser(fs::path(pdf_path).parent_path().string());
    if (own) pdf.clear(), failure = own->print_once(html_path, pdf, std::chrono::seconds(180));
  }
  if (!failure.empty()) return failure;
  if (pdf.compare(0, 5, "%PDF-") != 0) return "Chromium's print of the report is not a PDF";
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
