#include "engine/report/report_input.hpp"

#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gdal.h>

#include "engine/core/error.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/vector_reader.hpp"

namespace reachmap {

int TextTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

const std::string& TextTable::get(std::size_t row, const std::string& name) const {
  static const std::string kNone;
  const int c = column(name);
  return c < 0 || std::size_t(c) >= rows[row].size() ? kNone : rows[row][std::size_t(c)];
}

std::optional<double> TextTable::number(std::size_t row, const std::string& name) const {
  const std::string& s = get(row, name);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

namespace {

namespace fs = std::filesystem;

TextTable read_table(const std::string& path, const std::string& display) {
  TextTable t;
  CsvReader reader(path, display);
  t.header = reader.header();
  for (std::size_t i = 0; i < t.header.size(); ++i) reader.allow_line_breaks(i);
  CsvRow row;
  while (reader.next(row)) t.rows.push_back(row.to_strings());
  return t;
}

// Whether the GeoPackage has a layer (centres and reach areas are there only when a run has
// them).
bool has_layer(const std::string& gpkg, const char* name) {
  GDALAllRegister();
  GDALDatasetH ds =
      GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) return false;
  const bool found = GDALDatasetGetLayerByName(ds, name) != nullptr;
  GDALClose(ds);
  return found;
}

Error not_a_run(const std::string& file, const std::string& why) {
  return Error(ErrorCode::kBadInput, why, {file},
               "give the folder a finished `reachmap run` wrote (it holds manifest.json, the "
               "indicators_<layer>.csv tables and reachmap.gpkg); run again to remake it");
}

}  // namespace

ReportInput read_report_input(const std::string& folder, const nlohmann::ordered_json* manifest) {
  ReportInput in;
  in.folder = folder;
  const std::string manifest_path = folder + "/manifest.json";
  if (manifest) {
    in.manifest = *manifest;
  } else {
    std::ifstream f(manifest_path);
    if (!f) throw not_a_run(manifest_path, "no manifest.json in the folder");
    try {
      in.manifest = nlohmann::ordered_json::parse(f);
    } catch (const nlohmann::json::exception& e) {
      throw not_a_run(manifest_path, std::string("manifest.json is not valid JSON: ") + e.what());
    }
  }
  if (!in.manifest.contains("layers") || !in.manifest["layers"].is_object())
    throw not_a_run(manifest_path, "the manifest lists no boundary layers");

  const std::string gpkg = folder + "/reachmap.gpkg";
  if (!fs::exists(gpkg)) throw not_a_run(gpkg, "no reachmap.gpkg in the folder");
  for (const auto& [name, _] : in.manifest["layers"].items()) {
    ReportLayer layer;
    layer.name = name;
    const std::string csv = folder + "/indicators_" + name + ".csv";
    if (!fs::exists(csv)) throw not_a_run(csv, "the table of layer '" + name + "' is missing");
    layer.areas = read_table(csv, "indicators_" + name + ".csv");
    const std::string equity = folder + "/equity_" + name + ".csv";
    if (fs::exists(equity)) layer.equity = read_table(equity, "equity_" + name + ".csv");
    const VectorLayerData shapes =
        read_vector_layer(gpkg, "reachmap.gpkg", name, "area_id", "area_name");
    std::map<std::string, const VectorFeature*> by_id;
    for (const auto& f : shapes.features) by_id[f.id] = &f;
    layer.shapes.resize(layer.areas.rows.size());
    for (std::size_t r = 0; r < layer.areas.rows.size(); ++r)
      if (const auto it = by_id.find(layer.areas.get(r, "area_id")); it != by_id.end())
        layer.shapes[r] = wkb_rings(it->second->wkb);
    in.layers.push_back(std::move(layer));
  }

  const std::string centres = folder + "/centres.csv";
  if (fs::exists(centres)) in.centres = read_table(centres, "centres.csv");
  if (!in.centres.rows.empty() && has_layer(gpkg, "centres")) {
    in.centre_places.resize(in.centres.rows.size());
    for (std::size_t r = 0; r < in.centres.rows.size(); ++r) in.centre_places[r].row = r;
    std::map<std::string, std::size_t> row_of;
    for (std::size_t r = 0; r < in.centres.rows.size(); ++r)
      row_of[in.centres.get(r, "centre_id")] = r;
    for (const auto& f :
         read_vector_layer(gpkg, "reachmap.gpkg", "centres", "centre_id", "centre_name").features)
      if (const auto it = row_of.find(f.id); it != row_of.end() && f.wkb.size() >= 21) {
        XY p{};
        std::memcpy(&p.x, f.wkb.data() + 5, 8);  // little-endian WKB point, as written
        std::memcpy(&p.y, f.wkb.data() + 13, 8);
        in.centre_places[it->second].location = p;
      }
    if (has_layer(gpkg, "reach_areas"))
      for (const auto& f :
           read_vector_layer(gpkg, "reachmap.gpkg", "reach_areas", "centre_id", "area_ids")
               .features)
        if (const auto it = row_of.find(f.id); it != row_of.end()) {
          ReportCentre& c = in.centre_places[it->second];
          c.reach_area = wkb_rings(f.wkb);
          std::stringstream ids(f.label);
          for (std::string id; std::getline(ids, id, ';');)
            if (!id.empty()) c.area_ids.push_back(id);
        }
  }
  return in;
}

}  // namespace reachmap
