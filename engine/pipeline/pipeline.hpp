// The job: config -> load -> geocode -> place -> link -> measure (analyse), then protect ->
// write -> swap (write_outputs). Pipeline only sequences: each step is a call into a module.
#pragma once

#include <functional>
#include <string>

#include "engine/analysis/analysis.hpp"
#include "engine/config/config.hpp"
#include "engine/core/progress.hpp"
#include "engine/io/output_set.hpp"
#include "engine/pipeline/run_record.hpp"

namespace reachmap {

class HeadlessBrowser;

struct RunOptions {
  std::string out_dir;  // overrides [output] dir when set
  int threads = 1;
  ProgressFn progress;
  // A stale or damaged layer index file is written again (`reachmap check`, which writes
  // nothing, only rebuilds it in memory).
  bool rewrite_index_files = true;
  // Outputs are written after the analysis (not by `reachmap check`): what only they use (the
  // reach areas' shapes) is made meanwhile.
  bool outputs = true;
  // The process ends after the run: what writing worked from (the public tables, the staff's
  // copies, where the children live) is left for the exit to free, as the tool leaves its
  // Analysis. Freeing their millions of small blocks took over a second of a national run.
  bool keep_to_exit = false;
  // Called once the children and their contacts are read: the steps that follow (the known
  // children and the centres read, placement's set-up, measure, the start of analyse) leave a
  // core idle for about a second nationally, which output work that needs nothing of the
  // analysis can take (the report's browser starting up).
  std::function<void()> inputs_read;
  // The report's browser, started early (inputs_read), or null: the report prints with it.
  HeadlessBrowser* report_browser = nullptr;
};

// Reads and measures everything; writes nothing. Stage timings go into `record`. Throws Error.
Analysis analyse(const Config& config, const RunOptions& options, RunRecord& record);

// Locks and checks the output folder of a run (before any work, so that a second run into the
// same folder or a folder that holds an input fails at once) and opens its staging folder.
OutputSet open_output_set(const Config& config, const RunOptions& options);

// Applies disclosure control, writes every output into `set` and swaps it in; returns the
// output folder. What writing made goes into `record` (the manifest reports it), with the
// inputs' `digests`.
std::string write_outputs(const Config& config, const Analysis& analysis, const RunOptions& options,
                          OutputSet& set, RunRecord& record, InputDigests& digests);

}  // namespace reachmap
