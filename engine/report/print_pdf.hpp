// Prints an HTML file to an A4 PDF with headless Chromium (Debian `chromium`), the browser the
// report is written for, so the PDF shows exactly what the page shows.
#pragma once

#include <string>

namespace reachmap {

// The browser to print with: $REACHMAP_CHROMIUM, else chromium / chromium-browser /
// google-chrome on the PATH; empty when there is none.
std::string find_chromium();

// Prints `html_path` to `pdf_path` (written atomically). The PDF's creation and modification
// dates are set to `date` (YYYY-MM-DD), so that the same report gives the same bytes. Returns
// "" on success, else what went wrong in words.
std::string print_pdf(const std::string& html_path, const std::string& pdf_path,
                      const std::string& date);

}  // namespace reachmap
