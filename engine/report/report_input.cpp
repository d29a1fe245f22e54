#include "engine/report/report_input.hpp"

#include <algorithm>

#include "engine/report/detail/sections.hpp"

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/core/text.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/folder_file.hpp"
#include "engine/io/vector_reader.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap {

int TextTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::string_view TextTable::view(std::size_t row, const std::string& name) const {
  const int c = column(name);
  return c < 0 ? std::string_view() : cells[row * header.size() + std::size_t(c)];
}

void TextTable::add_row(const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < header.size(); ++i)
    cells.push_back(i < fields.size() ? text.keep(fields[i]) : std::string_view());
}

std::optional<double> TextTable::number(std::size_t row, const std::string& name) const {
  const std::string_view s = view(row, name);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

namespace {

namespace fs = std::filesystem;

// With `keep`, only the rows whose `column` holds it (the fathers of carers_by_week.csv:
// nationally a quarter of its 920,000 rows, all the report draws).
TextTable read_table(const std::string& path, const std::string& display,
                     const std::string& column = {}, const std::string& keep = {}) {
  TextTable t;
  CsvReader reader(path, display);
  t.header = reader.header();
  for (std::size_t i = 0; i < t.header.size(); ++i) reader.allow_line_breaks(i);
  const auto at = std::find(t.header.begin(), t.header.end(), column);
  const std::size_t filter =
      column.empty() || at == t.header.end() ? std::size_t(-1) : std::size_t(at - t.header.begin());
  CsvRow row;
  std::vector<std::string_view> fields;
  while (reader.next(row)) {
    if (filter < row.size() && row[filter] != keep) continue;
    fields.clear();
    for (std::size_t i = 0; i < row.size(); ++i) fields.push_back(row[i]);
    t.add_row(fields);
  }
  return t;
}

}  // namespace

TextTable read_text_table(const std::string& path, const std::string& display) {
  return read_table(path, display);
}

namespace {

Error not_a_run(const std::string& file, const std::string& why) {
  return Error(ErrorCode::kBadInput, why, {file},
               "give the folder a finished `reachmap run` wrote (it holds manifest.json, the "
               "indicators_<layer>.csv tables and reachmap.gpkg); run again to remake it");
}

// The files the report reads, each a plain file of the folder; when the manifest came from
// the folder, each holds the bytes its manifest lists (a file swapped in, or a link to
// another folder's private tables, is an error naming it).
class SetFiles {
 public:
  SetFiles(std::string folder, const FileDigests* digests)
      : folder_(std::move(folder)), digests_(digests) {}
  std::optional<std::string> find(const std::string& name) const {
    const auto path = plain_file_in(folder_, name);
    if (path && digests_) check_digest(*path, name, *digests_);
    return path;
  }
  std::string require(const std::string& name, const std::string& why) const {
    const auto path = find(name);
    if (!path) throw not_a_run(folder_ + "/" + name, why);
    return *path;
  }

 private:
  std::string folder_;
  const FileDigests* digests_;
};

// Text cells of the public CSVs carry a quote before a leading = + - @ (so a spreadsheet
// never runs them); the GeoPackage holds ids and names as they are. The report shows them as
// they are: each row's id and name are taken from its feature, matched on the quoted id.
void names_as_they_are(TextTable& t, const std::vector<VectorFeature>& features,
                       const std::string& id_column, const std::string& name_column) {
  const int id = t.column(id_column), name = t.column(name_column);
  if (id < 0) return;
  std::map<std::string, const VectorFeature*> by_quoted_id;
  for (const auto& f : features) by_quoted_id.emplace(neutralise_formula(f.id), &f);
  for (std::size_t r = 0; r < t.size(); ++r) {
    const auto it = by_quoted_id.find(t.get(r, id_column));
    if (it == by_quoted_id.end()) continue;
    t.set(r, std::size_t(id), it->second->id);
    if (name >= 0) t.set(r, std::size_t(name), it->second->label);
  }
}

}  // namespace

// Long by design: each public file of the folder checked and read in turn, in the order the
// report needs them.
ReportInput read_report_input(const std::string& folder, const nlohmann::ordered_json* manifest) {
  ReportInput in;
  in.folder = folder;
  const std::string manifest_path = folder + "/manifest.json";
  FileDigests digests;
  if (manifest) {
    in.manifest = *manifest;
  } else {
    in.manifest_file = manifest_path;
    if (!plain_file_in(folder, "manifest.json"))
      throw not_a_run(manifest_path, "no manifest.json in the folder");
    const std::string text = read_plain_file(manifest_path, manifest_path);
    try {
      in.manifest = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw not_a_run(manifest_path, std::string("manifest.json is not valid JSON: ") + e.what());
    }
    if (!in.manifest.is_object()) throw not_a_run(manifest_path, "the manifest is not an object");
    const auto listed = output_digests(text);
    if (!listed)
      throw not_a_run(manifest_path,
                      "the manifest lists no output files (key 'outputs', entries of path and "
                      "sha256)");
    digests = *listed;
  }
  if (!in.manifest.contains("layers") || !in.manifest["layers"].is_object() ||
      in.manifest["layers"].empty())
    throw not_a_run(manifest_path, "the manifest lists no boundary layers");
  for (const auto& [name, _] : in.manifest["layers"].items())
    if (!is_plain_name(name))
      throw not_a_run(manifest_path,
                      "the manifest names a layer '" + excerpt(name) +
                          "': a layer's name holds letters, digits and _ only, 64 at most");
  const SetFiles files(folder, manifest ? nullptr : &digests);

  // SQLite would read (and follow a link at) a journal or WAL file beside the GeoPackage: its
  // bytes would count though the GeoPackage's SHA-256 is unchanged. One is there while another
  // program (QGIS) has the file open, or after a write was cut short.
  for (const char* side : {"reachmap.gpkg-journal", "reachmap.gpkg-wal", "reachmap.gpkg-shm"})
    if (fs::exists(fs::symlink_status(folder + "/" + side)))
      throw Error(ErrorCode::kBadInput,
                  std::string(side) +
                      " is beside the GeoPackage: another program has it open, "
                      "or a write to it was cut short",
                  {folder + "/" + side},
                  "close reachmap.gpkg in QGIS (or any other program) and try again; if nothing "
                  "has it open, run `reachmap run` again to remake the folder");
  const std::string gpkg = files.require("reachmap.gpkg", "no reachmap.gpkg in the folder");
  // The centres first: whether each gets a page decides which layers' shapes are read.
  if (const auto centres = files.find("centres.csv"))
    in.centres = read_table(*centres, "centres.csv");
  if (const auto carers = files.find("carers_by_week.csv"))
    in.carers = read_table(*carers, "carers_by_week.csv", name_of(Col::kCarer), "father");
  const bool centre_pages = !in.centres.empty() && in.centres.size() <= report::kCentrePageLimit;
  for (const auto& [name, _] : in.manifest["layers"].items()) {
    ReportLayer layer;
    layer.name = name;
    const std::string csv_name = "indicators_" + name + ".csv";
    const std::string csv = files.require(csv_name, "the table of layer '" + name + "' is missing");
    layer.areas = read_table(csv, csv_name);
    if (const auto equity = files.find("equity_" + name + ".csv"))
      layer.equity = read_table(*equity, "equity_" + name + ".csv");
    if (const auto groups = files.find("groups_" + name + ".csv"))
      layer.groups = read_table(*groups, "groups_" + name + ".csv");
    // Shapes only where the report draws areas one by one (a layer's own map, the centres'
    // pages): a national layer's 34,753 polygons took 0.8 s to read and 0.5 s to free, for a
    // page that shows the run's picture instead.
    const bool drawn = layer.areas.size() <= report::kInteractiveAreaLimit || centre_pages;
    const VectorLayerData shapes =
        read_vector_layer(gpkg, "reachmap.gpkg", name, name_of(Col::kAreaId),
                          name_of(Col::kAreaName), {}, {}, {}, drawn);
    names_as_they_are(layer.areas, shapes.features, name_of(Col::kAreaId), name_of(Col::kAreaName));
    std::map<std::string, const VectorFeature*> by_id;
    for (const auto& f : shapes.features) by_id[f.id] = &f;
    layer.shapes.resize(layer.areas.size());
    for (std::size_t r = 0; r < layer.areas.size(); ++r)
      if (const auto it = by_id.find(layer.areas.get(r, name_of(Col::kAreaId))); it != by_id.end())
        layer.shapes[r] = wkb_rings(it->second->wkb);
    in.layers.push_back(std::move(layer));
  }

  if (!in.centres.empty() && has_vector_layer(gpkg, "centres")) {
    const auto centre_features =
        read_vector_layer(gpkg, "reachmap.gpkg", "centres", name_of(Col::kCentreId),
                          name_of(Col::kCentreName))
            .features;
    names_as_they_are(in.centres, centre_features, name_of(Col::kCentreId),
                      name_of(Col::kCentreName));
    in.centre_places.resize(in.centres.size());
    for (std::size_t r = 0; r < in.centres.size(); ++r) in.centre_places[r].row = r;
    std::map<std::string, std::size_t> row_of;
    for (std::size_t r = 0; r < in.centres.size(); ++r)
      row_of[in.centres.get(r, name_of(Col::kCentreId))] = r;
    for (const auto& f : centre_features)
      if (const auto it = row_of.find(f.id); it != row_of.end() && f.wkb.size() >= 21) {
        XY p{};
        std::memcpy(&p.x, f.wkb.data() + 5, 8);  // little-endian WKB point, as written
        std::memcpy(&p.y, f.wkb.data() + 13, 8);
        in.centre_places[it->second].location = p;
      }
    // Reach areas only for the centres' pages, which alone draw them: a national run's 4,344
    // took 30 MB, read while the staff's maps are drawn.
    if (centre_pages && has_vector_layer(gpkg, "reach_areas"))
      for (const auto& f : read_vector_layer(gpkg, "reachmap.gpkg", "reach_areas",
                                             name_of(Col::kCentreId), name_of(Col::kAreaIds))
                               .features)
        if (const auto it = row_of.find(f.id); it != row_of.end()) {
          ReportCentre& c = in.centre_places[it->second];
          c.reach_area = wkb_rings(f.wkb);
          std::stringstream ids(f.label);
          for (std::string id; std::getline(ids, id, ';');)
            if (!id.empty()) c.area_ids.push_back(id);
        }
    // With kinds of setting, the centres' pages come grouped by kind, the headline's first.
    if (in.centres.column(name_of(Col::kSettingType)) >= 0 && in.manifest.contains("settings")) {
      std::map<std::string, std::size_t> rank;
      for (const auto& t : in.manifest["settings"]["types"])
        rank.emplace(t.value("type", ""), rank.size());
      const auto rank_of = [&](const ReportCentre& c) {
        const auto it = rank.find(in.centres.get(c.row, name_of(Col::kSettingType)));
        return it == rank.end() ? rank.size() : it->second;
      };
      std::stable_sort(
          in.centre_places.begin(), in.centre_places.end(),
          [&](const ReportCentre& a, const ReportCentre& b) { return rank_of(a) < rank_of(b); });
    }
  }
  return in;
}

}  // namespace reachmap
