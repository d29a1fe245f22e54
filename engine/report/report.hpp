// The report a manager hands to the board: report.html (one self-contained file: inline CSS,
// JS and SVG, no network) and report.pdf (the same pages printed on A4 by headless Chromium),
// built from a finished output folder's public files only.
#pragma once

#include <string>

namespace reachmap {

class HeadlessBrowser;

struct ReportOptions {
  std::string previous;  // a finished output folder of the last period, to compare against
  bool pdf = true;       // print report.pdf too (needs Chromium)
  // A browser started beforehand to print with (its start-up off the run's last seconds), or
  // null: one is started when the PDF is printed.
  HeadlessBrowser* browser = nullptr;
};

struct ReportResult {
  std::string html_path, pdf_path;  // pdf_path empty when not printed
  std::string pdf_note;             // why report.pdf was not printed
};

// Writes `folder`/report.html and, with Chromium, report.pdf. `manifest_json` is the run's own
// manifest (JSON text) when a run writes its report (before manifest.json exists), else null:
// read from the folder. Throws Error naming the file when the folder is not a finished run.
ReportResult write_report(const std::string& folder, const ReportOptions& options,
                          const std::string* manifest_json = nullptr);

}  // namespace reachmap
