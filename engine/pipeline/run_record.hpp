// What a run records about itself as it goes (the manifest reports it): how long each stage
// took and what writing the outputs made. Kept apart from the Analysis, which writing only
// reads.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/pipeline/input_digests.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

struct RunRecord {
  std::vector<std::pair<std::string, double>> timings;  // stage -> seconds, in run order
  // stage -> CPU seconds of the whole process (every thread) in the stage, in run order: on a
  // shared machine steadier than the seconds, and what tells a stage's work from its waits.
  std::vector<std::pair<std::string, double>> cpu_timings;
  // What the outreach pack holds.
  std::size_t outreach_sheets = 0, outreach_reach_areas_left_out = 0;
  // report.pdf: printed, not asked for ([report] pdf = false), or failed (why, in pdf_note).
  enum class Pdf { kPrinted, kNotAsked, kFailed } report_pdf = Pdf::kNotAsked;
  std::string pdf_note;
  // What the disclosure audit did: its counts go in manifest.json, its seconds (which differ
  // run to run) in private/manifest.json's timings only.
  AuditSummary audit;
  // [run] periods: what disclosure control did to each period's public tables.
  std::vector<DisclosureSummary> period_disclosure;
  // Each input file's SHA-256 by path, hashed once a run or kept from the last run's record
  // (input_digests.hpp); an input not here is hashed when the manifest is written.
  InputDigestMap input_digests;
  // The manifest's words: "report.pdf", or why it was not printed.
  std::string report_pdf_text() const {
    return report_pdf == Pdf::kPrinted    ? "report.pdf"
           : report_pdf == Pdf::kNotAsked ? "not printed ([report] pdf = false)"
                                          : "not printed: " + pdf_note;
  }
};

// Times one stage of a run into record.timings (the manifest's timings_seconds) and reports
// its start and end to the progress callback.
class StageTimer {
 public:
  StageTimer(RunRecord& record, std::string stage, const ProgressFn& progress)
      : record_(record),
        stage_(std::move(stage)),
        progress_(progress),
        start_(std::chrono::steady_clock::now()),
        cpu_start_(process_cpu_seconds()) {
    // For tests of failure handling: REACHMAP_FAIL_AT=<stage> fails the run as a bug would.
    if (const char* at = std::getenv("REACHMAP_FAIL_AT"); at && stage_ == at)
      throw std::logic_error("failure injected at stage '" + stage_ + "' (REACHMAP_FAIL_AT)");
    report(progress_, stage_, 0, 0);
  }
  ~StageTimer() {
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
    record_.timings.emplace_back(stage_, d.count());
    record_.cpu_timings.emplace_back(stage_, process_cpu_seconds() - cpu_start_);
    report(progress_, stage_, 1, 1, true);
  }

 private:
  static double process_cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    const auto seconds = [](const timeval& t) {
      return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(u.ru_utime) + seconds(u.ru_stime);
  }

  RunRecord& record_;
  std::string stage_;
  const ProgressFn& progress_;
  std::chrono::steady_clock::time_point start_;
  double cpu_start_;
};

}  // namespace reachmap
