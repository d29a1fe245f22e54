// Prints an HTML file to an A4 PDF with headless Chromium (Debian `chromium`), the browser the
// report is written for, so the PDF shows exactly what the page shows.
#pragma once

#include <memory>
#include <string>

namespace reachmap {

class HeadlessBrowser;

// The browser to print with: $REACHMAP_CHROMIUM, else chromium / chromium-browser /
// google-chrome on the PATH; empty when there is none.
std::string find_chromium();

// Prints `html_path` to `pdf_path` (written atomically) with `started` (start_report_browser),
// or with a browser started now. The PDF's creation and modification dates are set to `date`
// (YYYY-MM-DD), so that the same report gives the same bytes. Returns "" on success, else what
// went wrong in words.
std::string print_pdf(const std::string& html_path, const std::string& pdf_path,
                      const std::string& date, HeadlessBrowser* started = nullptr);

// Starts the browser a report in `folder` will be printed with (its profile in a private
// folder there), so that its start-up (a second of CPU) runs while the run leaves a core idle;
// null when there is no Chromium (print_pdf then says so).
std::unique_ptr<HeadlessBrowser> start_report_browser(const std::string& folder);

}  // namespace reachmap
