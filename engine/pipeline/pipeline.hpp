// The job: config -> load -> geocode -> place -> link -> measure -> protect -> write.
#pragma once

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/core/progress.hpp"
#include "engine/core/table.hpp"
#include "engine/geo/basemap.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/io/config.hpp"
#include "engine/io/output_set.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/centre_indicators.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/known_children.hpp"
#include "engine/measure/layer_placement.hpp"
#include "engine/measure/population.hpp"
#include "engine/measure/registrations.hpp"
#include "engine/measure/vintage_lookup.hpp"
#include "engine/stats/layer_analysis.hpp"

namespace reachmap {

struct RunOptions {
  std::string out_dir;  // overrides [output] dir when set
  int threads = 1;
  ProgressFn progress;
};

struct LayerResult {
  BoundaryLayer boundary;
  std::string method;               // how children were placed
  std::vector<long> area_of_child;  // by child index; -1 when not counted or outside
  std::vector<long> area_of_known;  // by known child ([known_children]); -1 outside
  std::size_t outside = 0;          // counted children in no area of the layer
  std::optional<CodeAgreement> agreement;
  std::optional<Population> population;  // loaded, or carried from the population layer
  std::optional<VintageReport> deprivation_vintage;
  Table indicators;  // full precision, before disclosure control
  LayerStatistics statistics;
};

// Reach areas of the centres, when [centres] gives them.
struct CentreReachAreas {
  std::string source;  // "layer 'lsoa' (area ids in column 'reach')" or the polygon file
  long layer = -1;     // index of the layer the ids belong to (id lists only)
  std::optional<BoundaryLayer> polygons;            // reach areas drawn as polygons
  std::vector<long> area_of_child;                  // polygons: by child index, -1 outside
  std::vector<std::optional<ReachArea>> by_centre;  // parallel to Analysis::centres
  std::size_t unknown_ids = 0;                      // listed ids that are not areas of the layer
  std::optional<Population> population;             // polygons: carried into them
};

struct Analysis {
  Config config;
  Accounting accounting;
  PostcodeDirectory directory;
  std::optional<VintageLookup> lookup;  // [lookups], when given
  Registrations registrations;
  Attendance attendance;
  std::optional<KnownChildren> known;  // [known_children], when given
  std::vector<Centre> centres;
  std::optional<CentreReachAreas> reach;
  std::vector<LayerResult> layers;
  std::shared_ptr<const Basemap> basemap;  // [[basemap]] within the layers' extent, when given
  Table centre_table;
  // What the outreach pack holds (written with the outputs; the manifest reports it).
  std::size_t outreach_sheets = 0, outreach_reach_areas_left_out = 0;
  std::string report_pdf;  // "report.pdf", or why it was not printed (written with the outputs)
  std::vector<std::pair<std::string, double>> timings;  // stage -> seconds, in run order
};

// Times one stage of a run into analysis.timings (the manifest's timings_seconds) and reports
// its start and end to the progress callback.
class StageTimer {
 public:
  StageTimer(Analysis& a, std::string stage, const ProgressFn& progress)
      : analysis_(a),
        stage_(std::move(stage)),
        progress_(progress),
        start_(std::chrono::steady_clock::now()) {
    // For tests of failure handling: REACHMAP_FAIL_AT=<stage> fails the run as a bug would.
    if (const char* at = std::getenv("REACHMAP_FAIL_AT"); at && stage_ == at)
      throw std::logic_error("failure injected at stage '" + stage_ + "' (REACHMAP_FAIL_AT)");
    report(progress_, stage_, 0, 0);
  }
  ~StageTimer() {
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
    analysis_.timings.emplace_back(stage_, d.count());
    report(progress_, stage_, 1, 1, true);
  }

 private:
  Analysis& analysis_;
  std::string stage_;
  const ProgressFn& progress_;
  std::chrono::steady_clock::time_point start_;
};

// Reads and measures everything; writes nothing. Throws Error.
Analysis analyse(const Config& config, const RunOptions& options);

// Locks and checks the output folder of a run (before any work, so that a second run into the
// same folder or a folder that holds an input fails at once) and opens its staging folder.
OutputSet open_output_set(const Config& config, const RunOptions& options);

// Applies disclosure control, writes every output into `set` and swaps it in; returns the
// output folder.
std::string write_outputs(Analysis& analysis, const RunOptions& options, OutputSet& set);

// Human summary of what was used and rejected (for `reachmap check` and the end of a run).
// The lines of the first `examples_per_reason` rejected rows of each reason are listed; their
// values (child ids, postcodes, dates: personal data) only with `show_values`.
std::string summarise(const Analysis& analysis, std::size_t examples_per_reason,
                      bool show_values = false);

}  // namespace reachmap
