// Writes the outputs of an analysis: indicators CSVs, the GeoPackage, the manifest, and the
// private row-level diagnostics. Disclosure control is applied here, once, before any public
// output is written.
#include <filesystem>
#include <optional>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/gpkg_writer.hpp"
#include "engine/pipeline/manifest.hpp"
#include "engine/pipeline/maps.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

namespace {

void write_table_csv(const Table& table, const std::string& path) {
  AtomicTextFile file(path);
  std::vector<std::string> fields;
  for (const auto& c : table.columns) fields.push_back(c.name);
  write_csv_row(file.out(), fields);
  for (const auto& row : table.rows) {
    fields.clear();
    for (const auto& cell : row) fields.push_back(format_cell(cell));
    write_csv_row(file.out(), fields);
  }
  file.commit();
}

void write_private(const Analysis& a, const std::string& dir) {
  ensure_folder(dir);
  {
    AtomicTextFile readme(dir + "/README.md");
    readme.out() << "# Private: personal data\n\n"
                    "The files in this folder hold row-level information about children and "
                    "families (postcodes, child ids, line numbers of their records). They are "
                    "for the data controller's staff only. Do not publish, e-mail or share them; "
                    "delete them when the data quality work they support is done.\n\n"
                    "- `rejects.csv`: every input row that was rejected, with the file, line, "
                    "reason and the offending value.\n";
    readme.commit();
  }
  AtomicTextFile rejects(dir + "/rejects.csv");
  write_csv_row(rejects.out(), {"file", "line", "reason", "value"});
  for (const auto& r : a.accounting.rejects())
    write_csv_row(rejects.out(), {r.file, std::to_string(r.line), r.reason, r.value});
  rejects.commit();
}

}  // namespace

std::string write_outputs(Analysis& a, const RunOptions& options) {
  namespace fs = std::filesystem;
  const std::string dir = options.out_dir.empty() ? a.config.output_dir : options.out_dir;
  ensure_folder(dir);
  const int k = a.config.min_count;
  std::vector<DisclosureSummary> disclosure;
  std::vector<Table> public_tables;
  std::optional<StageTimer> stage(std::in_place, a, "write tables", options.progress);
  for (auto& layer : a.layers) {
    Table t = layer.indicators;
    disclosure.push_back(apply_disclosure_control(t, k));
    write_table_csv(t, dir + "/indicators_" + layer.boundary.name + ".csv");
    public_tables.push_back(std::move(t));
  }
  Table centres = a.centre_table;
  const DisclosureSummary centre_disclosure = apply_disclosure_control(centres, k);
  write_table_csv(centres, dir + "/centres.csv");

  std::vector<GpkgLayer> gpkg;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    GpkgLayer g{a.layers[i].boundary.name, &public_tables[i], {}, false};
    for (const auto& area : a.layers[i].boundary.areas) g.wkb.push_back(area.wkb);
    gpkg.push_back(std::move(g));
  }
  // The centres point layer carries the same public figures as centres.csv.
  Table centre_points;
  if (!a.centres.empty()) {
    centre_points.columns = centres.columns;
    GpkgLayer g{"centres", &centre_points, {}, true};
    for (const auto& c : a.centres) {
      for (const auto& row : centres.rows) {
        if (std::get<std::string>(row[0]) != c.id) continue;
        centre_points.rows.push_back(row);
        g.wkb.push_back(point_wkb(c.x, c.y));
      }
    }
    gpkg.push_back(std::move(g));
  }
  stage.emplace(a, "draw maps", options.progress);
  const MapsResult maps = draw_maps(a, public_tables, dir, options.threads);
  stage.emplace(a, "write geopackage", options.progress);
  write_gpkg(dir + "/reachmap.gpkg", a.config.run.crs, gpkg,
             a.config.run.to.to_string() + "T00:00:00Z", maps.styles);
  write_private(a, dir + "/private");
  stage.reset();
  {
    AtomicTextFile manifest(dir + "/manifest.json");
    manifest.out() << manifest_json(a, disclosure, centre_disclosure, maps.files, options) << "\n";
    manifest.commit();
  }
  return dir;
}

}  // namespace reachmap
