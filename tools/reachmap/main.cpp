// reachmap: the command-line tool. Thin: parses arguments, calls the engine, maps errors to
// exit codes (see README "Exit codes").
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>
#include <tuple>

#include "engine/analysis/summary.hpp"
#include "engine/audit/public_audit.hpp"
#include "engine/compare/compare_runs.hpp"
#include "engine/config/config.hpp"
#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
#include "engine/geo/layer_index_file.hpp"
#include "engine/geo/point_tagging.hpp"
#include "engine/pipeline/early_geometry.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/report/headless_browser.hpp"
#include "engine/report/print_pdf.hpp"
#include "engine/report/report.hpp"
#include "tools/reachmap/progress_printer.hpp"

#ifndef REACHMAP_VERSION
#define REACHMAP_VERSION "dev"
#endif
#ifndef REACHMAP_DEMO_DIR
#define REACHMAP_DEMO_DIR "data/demo"
#endif

namespace {

using namespace reachmap;

// An error's text for the console, line by line with control characters escaped: it may quote
// a name from the inputs (see console_text).
std::string console_lines(const std::string& text) {
  std::string out;
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t to = std::min(text.find('\n', from), text.size());
    out += console_text(std::string_view(text).substr(from, to - from), std::string::npos);
    if (to < text.size()) out += '\n';
    from = to + 1;
  }
  return out;
}

// The run's analysis lives until the process exits, on purpose: freeing its millions of small
// blocks (children, contacts, tables) took some 4 s of the national run and gives nothing back
// to a process about to end. Reachable from here, so leak checkers do not count it.
const Analysis* analysis_kept_to_exit = nullptr;

int run_job(const std::string& config_path, RunOptions options, bool quiet) {
  const Config config = load_config(config_path);
  // Said even with --quiet: every small count is about to be published.
  if (!config.privacy.active())
    std::cerr << "reachmap: warning: " << config.file
              << ": disclosure control is off ([privacy] min_count = " << config.privacy.min_count
              << "): small numbers are not suppressed in the public outputs\n"
                 "  hint: use min_count = 5 (or more) for anything that leaves the service\n";
  OutputSet set = open_output_set(config, options);
  // From now, beside the run; a file unchanged since the last run into the folder is not read.
  InputDigests digests(config, recorded_digests(set.target() + "/private/manifest.json"));
  RunRecord record;
  // The report's browser starts once the inputs are read, in the core the run leaves idle
  // then: its start-up was a second of the run's last seconds nationally. Killed, with its
  // folder, however the run fails (an exception); if the run is killed, its end of the socket
  // closes and Chromium leaves by itself. One thread asked for: no core is idle, so it starts
  // when the report is printed.
  std::unique_ptr<HeadlessBrowser> browser;
  if (config.report.pdf && options.threads > 1)
    options.inputs_read = [&] { browser = start_report_browser(set.staging()); };
  analysis_kept_to_exit = new Analysis(analyse(config, options, record));
  options.report_browser = browser.get();
  options.keep_to_exit = true;  // and what writing works from
  const Analysis& analysis = *analysis_kept_to_exit;
  const std::string dir = write_outputs(config, analysis, options, set, record, digests);
  if (!quiet) {
    std::cout << summarise(analysis, 0);
    std::cout << "outputs written to " << dir << "\n";
    std::cout << "report for the board: " << dir << "/report.html"
              << (record.report_pdf == RunRecord::Pdf::kPrinted ? " and report.pdf" : "") << "\n";
  }
  if (!set.kept().empty())  // said even with --quiet: a file of the user's is in it
    std::cerr << "reachmap: warning: " << console_text(dir, std::string::npos)
              << ": while the run worked, something was saved into the old set ('"
              << console_text(set.kept_reason(), std::string::npos) << "): the old set is kept as "
              << console_text(set.kept(), std::string::npos)
              << "\n  hint: take what is yours from it, then delete that folder\n";
  if (record.report_pdf == RunRecord::Pdf::kFailed)  // said even with --quiet
    std::cerr << "reachmap: warning: report.pdf " << record.report_pdf_text()
              << "\n  hint: report.html holds the same pages; print it from a browser\n";
  return 0;
}

std::string demo_config() {
  if (const char* env = std::getenv("REACHMAP_DEMO_DIR"))
    return std::string(env) + "/reachmap.toml";
  return std::string(REACHMAP_DEMO_DIR) + "/reachmap.toml";
}

}  // namespace

// Long by design: the command line's subcommands and options, declared where they are parsed.
int main(int argc, char** argv) {
  CLI::App app{
      "reachmap: which neighbourhoods are children's centres not reaching?\n"
      "Joins family postcodes and attendance to neighbourhoods and measures reach against the "
      "under-5 population."};
  app.set_version_flag("--version", std::string("reachmap ") + REACHMAP_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 2 bad command line, 3 bad config, 4 unreadable or broken input,\n"
      "5 nothing usable left, 6 a config threshold crossed (or audit: not safe), 7 cannot write "
      "output,\n70 bug.");

  std::string config_path, out_dir;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool quiet = false;

  CLI::App* run = app.add_subcommand("run", "Run the full job described by a config file");
  run->add_option("config", config_path, "the run config (TOML)")->required();
  run->add_option("--out", out_dir, "output folder (overrides [output] dir)");
  run->add_option("--threads", threads, "worker threads (results are identical at any count)")
      ->check(CLI::Range(1, 256));
  run->add_flag("--quiet,-q", quiet, "print nothing but errors");

  CLI::App* check = app.add_subcommand(
      "check", "Read and validate every input; print what would be used and rejected");
  check->add_option("config", config_path, "the run config (TOML)")->required();
  check->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  bool show_rows = false;
  check->add_flag("--show-rows", show_rows,
                  "print the values of rejected rows (child ids, postcodes: personal data)");

  CLI::App* demo = app.add_subcommand("demo", "Run on the embedded demo town (data/demo)");
  std::string demo_out = "reachmap-demo";
  demo->add_option("--out", demo_out, "output folder")->capture_default_str();
  demo->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  demo->add_flag("--quiet,-q", quiet, "print nothing but errors");

  CLI::App* place = app.add_subcommand(
      "place", "Tag points (a CSV) with the area that holds them, and count points per area");
  PlaceOptions place_options;
  place->add_option("points", place_options.points, "CSV of points")->required();
  place->add_option("--layer", place_options.layer_path, "boundaries (any OGR source)")->required();
  place->add_option("--layer-name", place_options.layer_name,
                    "OGR layer, when the source has several");
  place->add_option("--id", place_options.id_field, "the area id field")->required();
  place->add_option("--x", place_options.x, "x column (with --y and --crs)");
  place->add_option("--y", place_options.y, "y column");
  place->add_option("--crs", place_options.crs, "CRS of x/y (default: the analysis CRS)");
  place->add_option("--lat", place_options.lat, "latitude column (WGS84, with --lon)");
  place->add_option("--lon", place_options.lon, "longitude column");
  place->add_option("--analysis-crs", place_options.analysis_crs, "CRS placement happens in")
      ->capture_default_str();
  place->add_option("--out-points", place_options.out_points,
                    "write the points with area_id added");
  place->add_option("--out-counts", place_options.out_counts, "write area_id,count for every area");
  place->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  place->add_flag("--quiet,-q", quiet, "print nothing but errors");

  CLI::App* index = app.add_subcommand(
      "index",
      "Read, repair and index a boundary layer once and keep it beside the layer "
      "(<file>.reachmap-index): later runs and `place` map it instead of reading the layer");
  std::string index_source;
  LayerSource index_layer;
  std::string index_crs = "EPSG:27700";
  index
      ->add_option("source", index_source,
                   "a boundary layer (any OGR source), or a run config (.toml): every layer "
                   "it names")
      ->required();
  index->add_option("--id", index_layer.id, "the area id field (with a layer)");
  index->add_option("--label", index_layer.label, "the area label field, as the run names it");
  index->add_option("--layer-name", index_layer.layer, "OGR layer, when the source has several");
  index->add_option("--where", index_layer.where, "OGR SQL filter, as the run's [[layers]] where");
  index->add_option("--analysis-crs", index_crs, "CRS placement happens in")->capture_default_str();
  index->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  index->add_flag("--quiet,-q", quiet, "print nothing but errors");

  CLI::App* report = app.add_subcommand(
      "report", "Build report.html and report.pdf again from a finished output folder");
  std::string report_dir;
  ReportOptions report_options;
  bool no_pdf = false;
  report->add_option("folder", report_dir, "the output folder of a finished run")->required();
  report->add_option("--previous", report_options.previous,
                     "the output folder of the last period's run, to compare against");
  report->add_flag("--no-pdf", no_pdf, "write report.html only");
  report->add_flag("--quiet,-q", quiet, "print nothing but errors");

  CLI::App* audit = app.add_subcommand(
      "audit",
      "Audit a finished output folder's public files as an intruder would, before publication: "
      "exit 6 when a hidden count can be pinned down");
  std::string audit_dir;
  audit->add_option("folder", audit_dir, "the output folder of a finished run")->required();
  audit->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));

  CLI::App* compare = app.add_subcommand(
      "compare",
      "Compare finished output folders (periods of one config, oldest first) area by area: "
      "the last two's change in reach with its 95% interval, improved / worsened / no clear "
      "change, and seen reach period by period");
  CompareOptions compare_options;
  std::vector<std::string> compare_folders;
  compare
      ->add_option("folders", compare_folders,
                   "the periods' output folders, oldest first: the change is the last two's; "
                   "every one is in the trend")
      ->required()
      ->expected(2, 1000);
  compare->add_option("--out", compare_options.out, "the folder to write the change into")
      ->required();
  compare->add_flag("--quiet,-q", quiet, "print nothing but errors");

  app.add_subcommand("columns",
                     "Print the column reference: every output column, its kind, the count it "
                     "derives from, its decimals and meaning (Markdown, as in the README)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  try {
    if (app.got_subcommand("columns")) {
      std::cout << columns_markdown();
      return 0;
    }
    RunOptions options;
    options.threads = threads;
    if (*run) {
      options.out_dir = out_dir;
      options.progress = make_progress_printer(quiet);
      return run_job(config_path, options, quiet);
    }
    if (*demo) {
      const std::string cfg = demo_config();
      if (!std::filesystem::exists(cfg))
        throw Error(ErrorCode::kUnreadableInput, "the embedded demo is not where it was built",
                    {cfg}, "set REACHMAP_DEMO_DIR to the data/demo folder of the source tree");
      options.out_dir = demo_out;
      options.progress = make_progress_printer(quiet);
      return run_job(cfg, options, quiet);
    }
    if (*place) {
      place_options.threads = threads;
      const PlaceSummary s = place_points_csv(place_options);
      std::fprintf(stderr, "%zu points outside every area\n", s.outside);
      if (!quiet) {
        std::printf("%zu rows: %zu placed in %zu areas, %zu outside, %zu rejected\n", s.rows,
                    s.placed, s.areas, s.outside, s.rejected);
        for (const auto& e : s.reject_examples)
          std::printf("  rejected: %s\n", console_text(e, std::string::npos).c_str());
        const double rate = s.place_seconds > 0 ? (s.placed + s.outside) / s.place_seconds : 0;
        if (!s.index_note.empty()) std::printf("%s\n", s.index_note.c_str());
        std::printf(
            "layer %.2f s, read %.2f s, index %.2f s (%s; %zu leaves, %zu on boundaries), place "
            "%.2f s (%d threads, %.0f points/s), write %.2f s\n",
            s.layer_seconds, s.read_seconds, s.index_seconds,
            s.index_from_file ? "from the index file" : "built", s.index_leaves,
            s.index_edge_leaves, s.place_seconds, threads, rate, s.write_seconds);
      }
      return 0;
    }
    if (*index) {
      // With the analysis CRS, and the snap the areas' shared points are found at (contiguity
      // weights: the config's, else the default's); a centre's reach polygons have none.
      std::vector<std::tuple<LayerSource, std::string, std::optional<double>>> layers;
      if (index_source.size() > 5 && index_source.ends_with(".toml")) {
        const Config config = load_config(index_source);
        for (const LayerSource& l : config.layers)
          if (l.from.empty())  // a layer dissolved from another has no file of its own
            layers.push_back({l, config.run.crs, contiguity_snap(config.analysis)});
        if (config.centres && config.centres->reach_boundaries)
          layers.push_back({*config.centres->reach_boundaries, config.run.crs, std::nullopt});
      } else {
        if (index_layer.id.empty())
          throw Error(ErrorCode::kBadConfig, "--id is required with a layer", {"reachmap index"},
                      "e.g. reachmap index lsoas.gpkg --id lsoa11cd");
        index_layer.name = "layer";
        index_layer.path = index_layer.display = index_source;
        layers.push_back({index_layer, index_crs, contiguity_snap(AnalysisOptions{})});
      }
      for (const auto& [layer, crs, snap] : layers) {
        const LayerIndexWritten w = write_layer_index(layer, crs, threads, snap);
        if (!quiet)
          std::printf("wrote %s: %zu areas (%zu repaired), %zu leaves, %.1f MiB in %.2f s\n",
                      console_text(w.path, std::string::npos).c_str(), w.areas, w.repaired,
                      w.leaves, static_cast<double>(w.bytes) / 1048576.0, w.seconds);
      }
      return 0;
    }
    if (*report) {
      report_options.pdf = !no_pdf;
      const ReportResult r = write_report(report_dir, report_options);
      if (!quiet) std::cout << "wrote " << r.html_path << "\n";
      if (!r.pdf_path.empty() && !quiet) std::cout << "wrote " << r.pdf_path << "\n";
      if (!no_pdf && r.pdf_path.empty())
        std::cerr << "reachmap: warning: report.pdf not printed: " << r.pdf_note
                  << "\n  hint: report.html holds the same pages; print it from a browser\n";
      return 0;
    }
    if (*audit) {
      const PublicAudit a = audit_public_folder(audit_dir, threads);
      std::cout << public_audit_text(a);
      if (a.safe()) {
        std::cout << "safe to publish: no hidden count can be pinned down from the public files\n";
        return 0;
      }
      std::cerr << "reachmap: error: " << audit_dir
                << ": hidden counts can be pinned down from the public files (listed above)\n"
                << "  hint: do not publish this folder; run reachmap again with the same config "
                   "(its own audit hides more), or raise min_count\n";
      return error_info(ErrorCode::kThreshold).exit_code;
    }
    if (*compare) {
      compare_options.now = compare_folders.back();
      compare_folders.pop_back();
      compare_options.before = compare_folders.back();
      compare_folders.pop_back();
      compare_options.earlier = compare_folders;
      const CompareResult r = compare_runs(compare_options);
      if (!quiet) {
        std::cout << "seen reach, " << r.period_before << " against " << r.period_now << ":\n";
        for (const LayerChangeSummary& l : r.layers) {
          std::cout << "  " << l.layer << ": " << l.areas << " areas;";
          for (const auto& [flag, n] : l.seen_flags) std::cout << " " << flag << " " << n << ";";
          std::cout << " outreach areas of the earlier period improved: " << l.outreach_improved
                    << " of " << l.outreach_before << "\n";
        }
        if (r.periods > 2)
          std::cout << "trend over " << r.periods << " periods in trend.csv and change.html\n";
        std::cout << "change written to " << r.out << " (change.html, change_<layer>.csv"
                  << (r.staff ? "; the staff's copy from the true counts in private/" : "")
                  << ")\n";
      }
      return 0;
    }
    if (*check) {
      const Config config = load_config(config_path);
      options.progress = make_progress_printer(true);
      options.rewrite_index_files = false;  // check writes nothing
      options.outputs = false;
      RunRecord record;
      const Analysis analysis = analyse(config, options, record);
      std::cout << summarise(analysis, 3, show_rows);
      if (!show_rows && !analysis.accounting.rejects().empty())
        std::cout << "rejected rows are listed by line; --show-rows prints their values (personal "
                     "data: not for a shared screen or a ticket)\n";
      std::cout << "check passed: nothing was written\n";
      return 0;
    }
  } catch (const Error& e) {
    std::cerr << "reachmap: error: " << console_lines(e.what()) << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "reachmap: internal error: " << console_lines(e.what())
              << "\n  hint: this is a bug; please report it with the command you ran\n";
    return error_info(ErrorCode::kInternal).exit_code;
  }
  return 0;
}
