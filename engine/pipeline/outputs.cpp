// Writes the outputs of an analysis: indicators CSVs, the GeoPackage, the manifest, and the
// private row-level diagnostics. Disclosure control is applied here, once, before any public
// output is written.
#include <filesystem>
#include <optional>

#include "engine/core/error.hpp"
#include "engine/core/parallel.hpp"
#include "engine/geo/dissolve.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/gpkg_writer.hpp"
#include "engine/io/output_set.hpp"
#include "engine/io/sha256.hpp"
#include "engine/io/xlsx_writer.hpp"
#include "engine/measure/equity_gradient.hpp"
#include "engine/pipeline/manifest.hpp"
#include "engine/pipeline/maps.hpp"
#include "engine/pipeline/outreach_pack.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/privacy/relations.hpp"
#include "engine/report/report.hpp"

namespace reachmap {

namespace {

void write_table_csv(const Table& table, const std::string& path) {
  AtomicTextFile file(path);
  std::vector<std::string> fields;
  for (const auto& c : table.columns) fields.push_back(c.name);
  write_csv_row(file.out(), fields);
  for (const auto& row : table.rows) {
    fields.clear();
    for (const auto& cell : row)
      fields.push_back(std::holds_alternative<std::string>(cell)
                           ? neutralise_formula(std::get<std::string>(cell))
                           : format_cell(cell));
    write_csv_row(file.out(), fields);
  }
  file.commit();
}

void write_private(const Analysis& a, const std::string& dir) {
  ensure_folder(dir);
  {
    AtomicTextFile readme(dir + "/README.md");
    readme.out()
        << "# Private: personal data\n\n"
           "The files in this folder hold row-level information about children and "
           "families (postcodes, child ids, line numbers of their records) and counts "
           "too small to publish. They are for the data controller's staff only. Do not "
           "publish, e-mail or share them; delete them when the work they support is "
           "done.\n\n"
           "- `rejects.csv`: every input row that was rejected, with the file, line, "
           "reason and the offending value.\n"
           "- `indicators_<layer>.csv`, `equity_<layer>.csv`, `centres.csv`: the same columns "
           "as the public "
           "tables, with every count as it is (no disclosure control).\n"
           "- `maps/`: the public maps drawn from the unsuppressed tables, and where the "
           "children live.\n"
           "- `outreach/`: a page per area of the outreach list and per reach area, "
           "with the postcodes of children not seen or not registered, and CSVs of "
           "the child ids behind them.\n";
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
  }
  write_table_csv(a.centre_table, dir + "/centres.csv");
}

// The door: every public table protected together, so that no hidden count can be recovered
// from another table (a ward from its neighbourhoods, a reach area from its areas, a layer's
// total from the manifest).
struct PublicTables {
  std::vector<Table> layers;
  std::vector<Table> equity;  // per layer: reach by deprivation decile
  Table centres;
  std::vector<DisclosureSummary> disclosure;  // per layer, per equity table, then the centres
};

PublicTables protect_outputs(const Analysis& a) {
  PublicTables p;
  for (const auto& layer : a.layers) p.layers.push_back(layer.indicators);
  p.centres = a.centre_table;
  std::vector<TableToProtect> tables;
  std::vector<Relation> relations;
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    tables.push_back({&p.layers[i], &a.layers[i].statistics.neighbours_by_row});
    const auto total = total_relations(p.layers[i], i);
    relations.insert(relations.end(), total.begin(), total.end());
  }
  for (std::size_t i = 0; i < p.layers.size(); ++i)
    for (std::size_t j = 0; j < p.layers.size(); ++j) {
      if (i == j) continue;
      const auto nested = nesting_relations(p.layers[i], i, a.layers[i].area_of_child, p.layers[j],
                                            j, a.layers[j].area_of_child);
      relations.insert(relations.end(), nested.begin(), nested.end());
    }
  // A decile's counts are the sums of its areas'.
  p.equity.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    EquityGradient eg = equity_gradient(a.layers[i].indicators);
    p.equity[i] = std::move(eg.table);
    const std::size_t ei = tables.size() + i;
    for (std::size_t c = 0; c < p.equity[i].columns.size(); ++c) {
      if (p.equity[i].columns[c].kind != ColumnKind::kCount) continue;
      const int lc = p.layers[i].column(p.equity[i].columns[c].name);
      for (std::size_t r = 0; r < eg.members.size() && lc >= 0; ++r)
        relations.push_back(sum_relation({ei, r, c}, i, std::size_t(lc), eg.members[r]));
    }
  }
  for (auto& e : p.equity) tables.push_back({&e, nullptr});
  const std::size_t centre_index = tables.size();
  tables.push_back({&p.centres, nullptr});
  // A reach area made of a layer's areas: its counts are the sums of theirs.
  if (a.reach && a.reach->layer >= 0) {
    const auto li = static_cast<std::size_t>(a.reach->layer);
    const int c_id = p.centres.column("centre_id");
    for (std::size_t r = 0; r < p.centres.rows.size(); ++r) {
      const auto& id = std::get<std::string>(p.centres.rows[r][std::size_t(c_id)]);
      for (std::size_t k = 0; k < a.centres.size(); ++k) {
        if (a.centres[k].id != id || !a.reach->by_centre[k]) continue;
        for (const auto& [total, part] : {std::pair{"reach_area_registered", "registered_children"},
                                          {"reach_area_seen", "seen_children"},
                                          {"reach_area_sustained", "sustained_children"}})
          relations.push_back(sum_relation({centre_index, r, std::size_t(p.centres.column(total))},
                                           li, std::size_t(p.layers[li].column(part)),
                                           a.reach->by_centre[k]->areas));
      }
    }
  }
  p.disclosure = protect_tables(tables, std::move(relations), a.config.privacy);
  return p;
}

}  // namespace

std::vector<std::string> input_paths(const Config& c) {
  std::vector<std::string> out = {c.file, c.postcodes.path, c.registrations.path,
                                  c.attendance.path};
  for (const auto& l : c.layers) out.push_back(l.path);
  if (c.lookup) out.push_back(c.lookup->path);
  if (c.population) out.push_back(c.population->path);
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
// Everything is written into the staging folder and swapped in at the end (io/output_set).
std::string write_output_set(Analysis& a, const RunOptions& options, OutputSet& set) {
  const std::string& dir = set.staging();
  std::optional<StageTimer> stage(std::in_place, a, "protect", options.progress);
  PublicTables pub = protect_outputs(a);
  stage.emplace(a, "write tables", options.progress);
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    write_table_csv(pub.layers[i], dir + "/indicators_" + a.layers[i].boundary.name + ".csv");
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    write_table_csv(pub.equity[i], dir + "/equity_" + a.layers[i].boundary.name + ".csv");
  write_table_csv(pub.centres, dir + "/centres.csv");
  {  // the same tables as one workbook, for readers who live in Excel
    std::vector<XlsxSheet> sheets;
    for (std::size_t i = 0; i < a.layers.size(); ++i)
      sheets.push_back({a.layers[i].boundary.name, &pub.layers[i]});
    if (!a.centres.empty()) sheets.push_back({"centres", &pub.centres});
    const PrivacyRule& rule = a.config.privacy;
    std::vector<std::string> about = {
        "reachmap: reach of children's centres and family hubs, " + a.config.run.from.to_string() +
            " to " + a.config.run.to.to_string(),
        "One sheet per boundary layer (a row per area) and one for the centres; the same "
        "figures as the CSV files, which the README describes column by column.",
        "Percentages are shares of the under-5 population (or of the known children, for the "
        "_known columns); _low and _high are 95% intervals."};
    if (rule.active() && rule.rule == DisclosureRule::kSuppress)
      about.push_back("Counts from 1 to " + std::to_string(rule.min_count - 1) +
                      " children are hidden to protect privacy, with some others so that "
                      "none can be worked out: hidden cells are hatched and show the range a "
                      "count lies in.");
    else if (rule.active())
      about.push_back("Counts are rounded to multiples of " + std::to_string(rule.base) +
                      " to protect privacy.");
    for (const auto& line : a.config.attribution) about.push_back(line);
    write_tables_xlsx(dir + "/tables.xlsx", sheets, about, a.config.run.to.to_string());
  }

  std::vector<GpkgLayer> gpkg;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    GpkgLayer g{a.layers[i].boundary.name, &pub.layers[i], {}, false};
    for (const auto& area : a.layers[i].boundary.areas) g.wkb.push_back(area.wkb);
    gpkg.push_back(std::move(g));
  }
  // The centres point layer carries the same public figures as centres.csv.
  Table centre_points;
  if (!a.centres.empty()) {
    centre_points.columns = pub.centres.columns;
    GpkgLayer g{"centres", &centre_points, {}, true};
    for (const auto& c : a.centres) {
      for (const auto& row : pub.centres.rows) {
        if (std::get<std::string>(row[0]) != c.id) continue;
        centre_points.rows.push_back(row);
        g.wkb.push_back(point_wkb(c.x, c.y));
      }
    }
    gpkg.push_back(std::move(g));
  }
  // Each centre's reach area as one polygon (the report draws them).
  Table reach_table;
  if (a.reach) {
    stage.emplace(a, "merge reach areas", options.progress);
    reach_table.columns = {{"centre_id", ColumnKind::kText},
                           {"centre_name", ColumnKind::kText},
                           {"area_ids", ColumnKind::kText}};
    GpkgLayer g{"reach_areas", &reach_table, {}, false};
    std::vector<std::vector<const std::string*>> parts;  // by reach area: its polygons
    for (std::size_t k = 0; k < a.centres.size(); ++k) {
      if (!a.reach->by_centre[k]) continue;
      std::string ids;
      parts.emplace_back();
      if (a.reach->polygons) {
        const long p = a.reach->polygons->find(a.centres[k].id);
        if (p >= 0) parts.back().push_back(&a.reach->polygons->areas[std::size_t(p)].wkb);
      } else {
        const BoundaryLayer& b = a.layers[std::size_t(a.reach->layer)].boundary;
        for (std::size_t i : a.reach->by_centre[k]->areas) {
          ids += (ids.empty() ? "" : ";") + b.areas[i].id;
          parts.back().push_back(&b.areas[i].wkb);
        }
      }
      reach_table.rows.push_back({a.centres[k].id, a.centres[k].name, ids});
    }
    g.wkb.resize(parts.size());
    std::vector<std::function<void()>> jobs;
    for (std::size_t i = 0; i < parts.size(); ++i)
      jobs.push_back([&, i] { g.wkb[i] = dissolve_wkb(parts[i]); });
    run_jobs(jobs, options.threads);
    gpkg.push_back(std::move(g));
  }
  stage.emplace(a, "draw maps", options.progress);
  const MapsResult maps = draw_maps(a, pub.layers, dir, options.threads);
  std::vector<Table> private_tables;
  for (const auto& layer : a.layers) private_tables.push_back(layer.indicators);
  draw_maps(a, private_tables, dir + "/private", options.threads, MapAudience::kStaff, &pub.layers);
  stage.emplace(a, "write geopackage", options.progress);
  write_gpkg(dir + "/reachmap.gpkg", a.config.run.crs, gpkg,
             a.config.run.to.to_string() + "T00:00:00Z", maps.styles);
  write_private(a, dir + "/private");
  stage.emplace(a, "write outreach pack", options.progress);
  {
    const OutreachPack pack = write_outreach_pack(a, dir + "/private", options.threads);
    a.outreach_sheets = pack.sheets;
    a.outreach_reach_areas_left_out = pack.reach_areas_left_out;
  }
  const std::vector<DisclosureSummary> layers(pub.disclosure.begin(),
                                              pub.disclosure.begin() + long(a.layers.size()));
  // Every file of the set, with its SHA-256 (the manifest lists them).
  const auto hashed_files = [&] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : set.files()) files.emplace_back(f, sha256_file(dir + "/" + f, f));
    return files;
  };
  stage.emplace(a, "write report", options.progress);
  {  // from the public files just written and the manifest as it stands (the report never
     // reads the file list, timings or thread count, so it is the same at any thread count)
    const std::string manifest = manifest_json(a, layers, pub.disclosure.back(), maps, {}, options);
    ReportOptions ro;
    ro.previous = a.config.report.previous;
    ro.pdf = a.config.report.pdf;
    const ReportResult report = write_report(dir, ro, &manifest);
    a.report_pdf = !ro.pdf                   ? "not printed ([report] pdf = false)"
                   : report.pdf_path.empty() ? "not printed: " + report.pdf_note
                                             : "report.pdf";
  }
  stage.reset();
  {
    const auto files = hashed_files();  // before the manifest's own temporary file exists
    AtomicTextFile manifest(dir + "/manifest.json");
    manifest.out() << manifest_json(a, layers, pub.disclosure.back(), maps, files, options) << "\n";
    manifest.commit();
  }
  set.commit();
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

std::string write_outputs(Analysis& a, const RunOptions& options, OutputSet& set) {
  try {
    return write_output_set(a, options, set);
  } catch (const Error& e) {
    throw named_in_target(e, set);
  }
}

}  // namespace reachmap
