// Writes the outputs of an analysis into the staging folder: protect (privacy/); the maps
// (maps/), with the public tables and the GeoPackage written beside them at the lowest priority;
// the report (from the public files just written) on a thread of its own beside the staff's
// private folder and outreach pack (outreach/); the manifests; then swaps the set in.
#include <filesystem>
#include <future>
#include <optional>
#include <type_traits>

#include "engine/core/error.hpp"
#include "engine/core/parallel.hpp"  // at_lowest_priority, run_jobs
#include "engine/geo/dissolve.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/gpkg_writer.hpp"
#include "engine/io/output_set.hpp"
#include "engine/io/sha256.hpp"
#include "engine/io/table_csv.hpp"
#include "engine/io/xlsx_writer.hpp"
#include "engine/maps/maps.hpp"
#include "engine/measure/equity_gradient.hpp"
#include "engine/measure/group_equity.hpp"
#include "engine/outreach/outreach_pack.hpp"
#include "engine/pipeline/manifest.hpp"
#include "engine/pipeline/pipeline.hpp"

#include <algorithm>
#include "engine/privacy/protect.hpp"
#include "engine/report/headless_browser.hpp"
#include "engine/report/report.hpp"

namespace reachmap {

namespace {

// carers_by_week.csv: a row per week and kind of carer, from the protected table of a row per
// week, or from the tally (private/).
template <class Source>
void write_carers_csv(const Source& weeks, const std::string& path) {
  AtomicTextFile file(path);
  write_csv_row(file.out(), carers_long_header());
  std::vector<std::string> fields(6);
  const auto each = [&](const Cell& centre, const Cell& week, const std::string& kind,
                        const Cell& contacts, const Cell& children, bool hidden) {
    fields[0] = neutralise_formula(std::get<std::string>(centre));
    fields[1] = std::get<std::string>(week);
    fields[2] = kind;
    fields[3] = format_cell(contacts);
    fields[4] = format_cell(children);
    fields[5] = format_cell(Cell(hidden));
    write_csv_row(file.out(), fields);
  };
  if constexpr (std::is_same_v<Source, Table>)
    carers_long_rows(weeks, each);
  else
    carers_tally_rows(weeks, each);
  file.commit();
}

void write_whole_file(const std::string& text, const std::string& path) {
  AtomicTextFile file(path);
  file.out() << text;
  file.commit();
}

void write_table_csv(const Table& table, const std::string& path) {
  AtomicTextFile file(path);
  write_csv_row(file.out(), table_header(table));
  write_table_rows(file.out(), table);
  file.commit();
}

void write_private(const Analysis& a, const std::string& dir) {
  ensure_folder(dir);
  {
    AtomicTextFile readme(dir + "/README.md");
    readme.out() << "# Private: personal data\n\n"
                    "The files in this folder hold row-level information about children and "
                    "families (postcodes, child ids, line numbers of their records) and counts "
                    "too small to publish. They are for the data controller's staff only. Do not "
                    "publish, e-mail or share them; delete them when the work they support is "
                    "done.\n\n"
                    "- `rejects.csv`: every input row that was rejected, with the file, line, "
                    "reason and the offending value.\n"
                    "- `indicators_<layer>.csv`, `equity_<layer>.csv`, `groups_<layer>.csv` (with "
                    "target groups' populations), `centres.csv`, `carers_by_week.csv` (with a "
                    "carer column): the same columns as the public tables, with every count as "
                    "it is (no disclosure control).\n"
                    "- `maps/`: the public maps drawn from the unsuppressed tables, and where the "
                    "children live.\n"
                    "- `outreach/`: a page per area of the outreach list and per reach area, "
                    "with the postcodes of children not seen or not registered, and CSVs of "
                    "the child ids behind them.\n";
    if (a.periods)
      readme.out() << "- `indicators_<layer>_by_period.csv`, `centres_by_period.csv`: each "
                      "period of [run] periods, a row per period and area (or centre), with every "
                      "count as it is.\n";
    if (a.known && !a.attendance.first_contact.empty())
      readme.out() << "- `outreach/never_seen_yet.csv`: the children under 5 whom health knows "
                      "and no setting has ever seen, soonest to turn 5 first: the outreach "
                      "pack's first names.\n";
    readme.commit();
  }
  AtomicTextFile rejects(dir + "/rejects.csv");
  write_csv_row(rejects.out(), {"file", "line", "reason", "value"});
  for (const auto& r : a.accounting.rejects())
    write_csv_row(rejects.out(),
                  {r.file, std::to_string(r.line), r.reason, neutralise_formula(r.value)});
  rejects.commit();
  for (const auto& layer : a.layers) {
    write_table_csv(layer.indicators, dir + "/indicators_" + layer.boundary.name + ".csv");
    write_table_csv(equity_gradient(layer.indicators).table,
                    dir + "/equity_" + layer.boundary.name + ".csv");
    Table groups = group_equity(layer.indicators, a.settings.groups).table;
    if (groups.rows.empty()) continue;
    add_group_comparison(groups);
    write_table_csv(groups, dir + "/groups_" + layer.boundary.name + ".csv");
  }
  write_table_csv(a.centre_table, dir + "/centres.csv");
  if (a.attendance.carers) write_carers_csv(*a.attendance.carers, dir + "/carers_by_week.csv");
  if (a.periods) {
    const RunPeriods& p = *a.periods;
    for (std::size_t l = 0; l < a.layers.size(); ++l)
      write_whole_file(p.layers[l],
                       dir + "/indicators_" + a.layers[l].boundary.name + "_by_period.csv");
    write_whole_file(p.centres, dir + "/centres_by_period.csv");
  }
}

}  // namespace

std::vector<std::string> input_paths(const Config& c) {
  std::vector<std::string> out = {c.file, c.postcodes.path, c.registrations.path,
                                  c.attendance.path};
  for (const auto& l : c.layers) out.push_back(l.path);
  if (c.lookup) out.push_back(c.lookup->path);
  if (c.population) out.push_back(c.population->path);
  for (const auto& g : c.group_populations)
    if (std::find(out.begin(), out.end(), g.path) == out.end()) out.push_back(g.path);
  if (c.deprivation) out.push_back(c.deprivation->path);
  if (c.centres) out.push_back(c.centres->path);
  if (c.centres && c.centres->reach_boundaries) out.push_back(c.centres->reach_boundaries->path);
  if (c.known_children) out.push_back(c.known_children->path);
  for (const auto& b : c.basemap) out.push_back(b.path);
  return out;
}

OutputSet open_output_set(const Config& config, const RunOptions& options) {
  return OutputSet(options.out_dir.empty() ? config.output_dir : options.out_dir,
                   input_paths(config));
}

namespace {

// The public tables as one workbook, for readers who live in Excel.
void write_workbook(const Analysis& a, const PublicTables& pub, const std::string& dir) {
  std::vector<XlsxSheet> sheets;
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    sheets.push_back({a.layers[i].boundary.name, &pub.layers[i]});
  if (!a.centres.empty()) sheets.push_back({"centres", &pub.centres});
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    if (!pub.groups[i].rows.empty())
      sheets.push_back({"groups " + a.layers[i].boundary.name, &pub.groups[i]});
  const PrivacyRule& rule = a.settings.privacy;
  std::vector<std::string> about = {
      "reachmap: reach of children's centres and family hubs, " + a.settings.period.to_string(),
      "One sheet per boundary layer (a row per area) and one for the centres; the same "
      "figures as the CSV files, which the README describes column by column.",
      "Percentages are shares of the under-5 population (or of the known children, for the "
      "_known columns); _low and _high are 95% intervals."};
  if (rule.active() && rule.rule == DisclosureRule::kSuppress)
    about.push_back("Counts from 1 to " + std::to_string(rule.min_count - 1) +
                    " children are hidden to protect privacy, with some others so that "
                    "none can be worked out: hidden cells are hatched and show the range a "
                    "count lies in.");
  else if (rule.active() && rule.rule == DisclosureRule::kPerturb)
    about.push_back(perturbation_text(rule) +
                    " Shares are worked out from these counts; nothing is hidden.");
  else if (rule.active())
    about.push_back("Counts are rounded to multiples of " + std::to_string(rule.base) +
                    " to protect privacy.");
  for (const auto& line : a.settings.attribution) about.push_back(line);
  write_tables_xlsx(dir + "/tables.xlsx", sheets, about, a.settings.period.to.to_string());
}

void write_public_tables(const Analysis& a, const PublicTables& pub, const std::string& dir) {
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    write_table_csv(pub.layers[i], dir + "/indicators_" + a.layers[i].boundary.name + ".csv");
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    write_table_csv(pub.equity[i], dir + "/equity_" + a.layers[i].boundary.name + ".csv");
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    if (!pub.groups[i].rows.empty())
      write_table_csv(pub.groups[i], dir + "/groups_" + a.layers[i].boundary.name + ".csv");
  write_table_csv(pub.centres, dir + "/centres.csv");
  // Not in the workbook: nationally some 920,000 rows, most of a sheet's limit.
  if (pub.carers) write_carers_csv(*pub.carers, dir + "/carers_by_week.csv");
  if (a.periods) {  // long tables, a row per period and area: not a sheet each
    for (std::size_t l = 0; l < a.layers.size(); ++l)
      write_whole_file(pub.periods.layers[l],
                       dir + "/indicators_" + a.layers[l].boundary.name + "_by_period.csv");
    write_whole_file(pub.periods.centres, dir + "/centres_by_period.csv");
  }
  write_workbook(a, pub, dir);
}

// What the GeoPackage holds: the layers' areas and the centres with their public figures, and
// each centre's reach area as one polygon. Built in place (the layers point at the tables).
struct GpkgContent {
  std::vector<GpkgLayer> layers;
  Table centre_points, reach_table;
};

void add_areas_and_centres(const Analysis& a, const PublicTables& pub, GpkgContent& out) {
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    GpkgLayer g{a.layers[i].boundary.name, &pub.layers[i], {}, false};
    for (const auto& area : a.layers[i].boundary.areas) g.wkb.push_back(area.wkb);
    out.layers.push_back(std::move(g));
  }
  // The centres point layer carries the same public figures as centres.csv.
  if (a.centres.empty()) return;
  out.centre_points.columns = pub.centres.columns;
  GpkgLayer g{"centres", &out.centre_points, {}, true};
  for (const auto& c : a.centres) {
    for (const auto& row : pub.centres.rows) {
      if (std::get<std::string>(row[0]) != c.id) continue;
      out.centre_points.rows.push_back(row);
      g.wkb.push_back(point_wkb(c.x, c.y));
    }
  }
  out.layers.push_back(std::move(g));
}

// Each centre's reach area as one polygon (the report draws them) and its row (centre, name,
// area ids), in centre order. Lists of a layer's areas were merged while the inputs were read
// (Analysis::reach_area_shapes); polygons are taken as they are.
struct MergedReachAreas {
  Table table;
  std::vector<std::string> wkb;
};
MergedReachAreas merge_reach_areas(const Analysis& a) {
  MergedReachAreas out;
  out.table.columns = {Col::kCentreId, Col::kCentreName, Col::kAreaIds};
  for (std::size_t k = 0; k < a.centres.size(); ++k) {
    if (!a.reach->by_centre[k]) continue;
    std::string ids;
    if (a.reach->polygons) {
      const long p = a.reach->polygons->find(a.centres[k].id);
      std::vector<const std::string*> parts;
      if (p >= 0) parts.push_back(&a.reach->polygons->areas[std::size_t(p)].wkb);
      out.wkb.push_back(dissolve_wkb(parts));
    } else {
      const BoundaryLayer& b = a.layers[std::size_t(a.reach->layer)].boundary;
      for (std::size_t i : a.reach->by_centre[k]->areas)
        ids += (ids.empty() ? "" : ";") + b.areas[i].id;
      out.wkb.push_back(a.reach_area_shapes.get()[k]);
    }
    out.table.rows.push_back({a.centres[k].id, a.centres[k].name, ids});
  }
  return out;
}

void add_reach_areas(MergedReachAreas merged, GpkgContent& out) {
  out.reach_table = std::move(merged.table);
  out.layers.push_back({"reach_areas", &out.reach_table, std::move(merged.wkb), false});
}

// The report, from the public files just written and the manifest as it stands (the report
// never reads the file list, timings or thread count, so it is the same at any thread count).
ReportResult write_report_of(const ReportSection& section, const std::string& manifest,
                             const std::string& dir, HeadlessBrowser* browser) {
  ReportOptions ro;
  ro.previous = section.previous;
  ro.pdf = section.pdf;
  ro.browser = browser;
  return write_report(dir, ro, &manifest);
}

// What writing works from, beyond the analysis: kept together so that a run about to end can
// leave it to the exit to free (RunOptions::keep_to_exit).
struct OutputsWork {
  PublicTables pub;
  GpkgContent gpkg;
  MapsResult maps;
  std::shared_future<std::vector<PostcodeChildren>> families;
};
// Reachable from here, so leak checkers do not count it.
const OutputsWork* outputs_kept_to_exit = nullptr;

// Everything is written into the staging folder and swapped in at the end (io/output_set).
std::string write_output_set(const Config& config, const Analysis& a, const RunOptions& options,
                             OutputSet& set, RunRecord& record, InputDigests& digests) {
  const std::string& dir = set.staging();
  auto work = std::make_unique<OutputsWork>();
  // Work done beside other work on a thread of its own; one thread asked for: in turn.
  const std::launch beside = options.threads > 1 ? std::launch::async : std::launch::deferred;
  // The reach areas merged meanwhile, at the lowest priority too: the audit leaves a core idle
  // long enough for all of them (1.9 s of the stage nationally, on both threads, before).
  std::future<MergedReachAreas> reach_areas;
  if (a.reach) reach_areas = at_lowest_priority(beside, [&a] { return merge_reach_areas(a); });
  // The staff's files that need nothing of the protection are made meanwhile, at the lowest
  // priority too, on one thread: where the children live (for the staff's families maps and
  // the outreach pack), the private tables and the outreach pack (2 CPU s nationally). They
  // used to fill the wait for the report's print; the staff's maps fill it now. Their stage is
  // the wait for them.
  work->families = at_lowest_priority(beside, [&a] { return children_by_postcode(a); }).share();
  std::future<OutreachPack> outreach =
      at_lowest_priority(beside, [&a, &dir, families = work->families] {
        write_private(a, dir + "/private");
        return write_outreach_pack(a, dir + "/private", 1, &families.get());
      });
  // The staff's copies of the maps and funnel plots show the true figures, nothing of the
  // protection: drawn meanwhile, at the lowest priority too, on one thread (2 CPU s nationally;
  // the audit's last rounds leave a core idle). Their families maps wait for the public classes.
  ensure_folder(dir + "/private/maps");
  // What every PNG page of a layer shares is made first, at nice 19 (above the staff's maps):
  // made by the first staff map, at SCHED_IDLE, the public maps waited on it (a core idle for
  // about half a second nationally).
  std::shared_future<void> pages =
      at_lowest_priority(beside, [&a, &config] { prepare_map_pages(a, config.maps); }).share();
  std::future<void> staff_figures = when_idle(beside, [&a, &config, &dir, pages] {
    pages.wait();
    draw_maps(a, config.maps, LayerFigures::staff_of(a), dir + "/private", 1, MapAudience::kStaff,
              nullptr, nullptr, {}, StaffMaps::kFigures);
  });
  std::optional<StageTimer> stage(std::in_place, record, "protect", options.progress);
  work->pub = protect(a, options.threads);
  const PublicTables& pub = work->pub;
  record.audit = pub.audit;
  record.period_disclosure = pub.periods.disclosure;
  // The tables (CSV and the workbook, on one thread) are written beside the maps, at the
  // lowest priority: the maps leave a core idle now and then. Their stage is the wait for them.
  std::future<void> tables = at_lowest_priority(beside, [&] { write_public_tables(a, pub, dir); });
  GpkgContent& gpkg = work->gpkg;
  add_areas_and_centres(a, pub, gpkg);
  if (a.reach) {
    stage.emplace(record, "merge reach areas", options.progress);
    add_reach_areas(reach_areas.get(), gpkg);
  }
  stage.emplace(record, "draw maps", options.progress);
  // The GeoPackage (SQLite, one thread) waits only for the maps' styles: written beside the
  // drawing from when they are made, at the lowest priority, like the tables. The report
  // reads it.
  std::future<void> geopackage;
  const auto write_geopackage = [&](const MapsResult& planned) {
    geopackage = at_lowest_priority(beside, [&, styles = planned.styles] {
      write_gpkg(dir + "/reachmap.gpkg", a.settings.crs, gpkg.layers,
                 a.settings.period.to.to_string() + "T00:00:00Z", styles);
    });
  };
  const MapsResult& maps = work->maps =
      draw_maps(a, config.maps, LayerFigures::of(pub.layers, pub.statistics), dir, options.threads,
                MapAudience::kPublic, nullptr, nullptr, write_geopackage);
  stage.emplace(record, "write tables", options.progress);
  tables.get();
  stage.emplace(record, "write geopackage", options.progress);
  geopackage.get();
  const std::vector<DisclosureSummary> layers(pub.disclosure.begin(),
                                              pub.disclosure.begin() + long(a.layers.size()));
  // Every public file is written: the report (Chromium's print: seconds, mostly waiting) is
  // made from them beside the staff's maps, which it never reads; its stage is the wait for it
  // afterwards.
  record.input_digests = digests.get();
  std::future<ReportResult> report = std::async(
      beside, [&, manifest = manifest_json(config, a, record, layers, pub.centres_disclosure(),
                                           pub.statistics, maps, {}, options)] {
        return write_report_of(config.report, manifest, dir, options.report_browser);
      });
  stage.emplace(record, "draw staff maps", options.progress);
  draw_maps(a, config.maps, LayerFigures::staff_of(a), dir + "/private", options.threads,
            MapAudience::kStaff, &pub.layers, &work->families.get(), {}, StaffMaps::kFamilies);
  staff_figures.get();
  stage.emplace(record, "write outreach pack", options.progress);
  {
    const OutreachPack pack = outreach.get();
    record.outreach_sheets = pack.sheets;
    record.outreach_reach_areas_left_out = pack.reach_areas_left_out;
  }
  stage.emplace(record, "write report", options.progress);
  const ReportResult printed = report.get();
  // Its profile folder is gone before the set's files are listed (printing closed it already).
  if (options.report_browser) options.report_browser->close();
  record.report_pdf = !config.report.pdf         ? RunRecord::Pdf::kNotAsked
                      : printed.pdf_path.empty() ? RunRecord::Pdf::kFailed
                                                 : RunRecord::Pdf::kPrinted;
  record.pdf_note = printed.pdf_note;
  stage.reset();
  {
    // Every file of the set with its SHA-256, before the manifests' own temporary files exist:
    // the private ones in private/manifest.json, the public ones in manifest.json.
    // Hashed on the run's threads: on one, the run's last tenth of a second nationally.
    std::vector<std::pair<std::string, std::string>> files, private_files;
    const std::string kPrivate = "private/";
    const std::vector<std::string> listed = set.files();
    std::vector<std::string> digests(listed.size());
    std::vector<std::function<void()>> hashes;
    for (std::size_t i = 0; i < listed.size(); ++i)
      hashes.push_back([&, i] { digests[i] = sha256_file(dir + "/" + listed[i], listed[i]); });
    run_jobs(hashes, options.threads);
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const std::string& f = listed[i];
      const std::string& sha = digests[i];
      if (f.rfind(kPrivate, 0) == 0)
        private_files.emplace_back(f.substr(kPrivate.size()), sha);  // relative to private/
      else
        files.emplace_back(f, sha);
    }
    AtomicTextFile private_manifest(dir + "/private/manifest.json");
    private_manifest.out() << private_manifest_json(a, record, private_files, options) << "\n";
    private_manifest.commit();
    AtomicTextFile manifest(dir + "/manifest.json");
    manifest.out() << manifest_json(config, a, record, layers, pub.centres_disclosure(),
                                    pub.statistics, maps, files, options)
                   << "\n";
    manifest.commit();
  }
  set.commit();
  if (options.keep_to_exit) outputs_kept_to_exit = work.release();
  return set.target();
}

// An output error names the file where the user will look for it, not the staging copy.
Error named_in_target(const Error& e, const OutputSet& set) {
  std::string file = e.where().file;
  if (file.rfind(set.staging(), 0) == 0) file = set.target() + file.substr(set.staging().size());
  if (const auto tmp = file.rfind(".tmp-"); tmp != std::string::npos) file.erase(tmp);
  return Error(e.code(), e.message(), {file, e.where().line, e.where().column}, e.hint());
}
}  // namespace

std::string write_outputs(const Config& config, const Analysis& a, const RunOptions& options,
                          OutputSet& set, RunRecord& record, InputDigests& digests) {
  try {
    return write_output_set(config, a, options, set, record, digests);
  } catch (const Error& e) {
    throw named_in_target(e, set);
  }
}

}  // namespace reachmap
