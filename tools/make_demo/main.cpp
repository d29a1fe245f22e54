// reachmap-make-demo: builds the embedded demo town deterministically.
//   reachmap-make-demo DATA_DIR SHAPES_DIR [SEED]
// The committed data/demo and shapes/demo are its output with the default seed; a test
// regenerates them and compares bytes.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "engine/core/error.hpp"
#include "engine/core/table.hpp"
#include "engine/io/gpkg_writer.hpp"
#include "tools/make_demo/demo.hpp"

namespace {

reachmap::GpkgLayer layer_of(const std::string& name, const std::vector<demo::Cell>& cells,
                             reachmap::Table& table, const std::string& id_field,
                             const std::string& name_field) {
  using reachmap::ColumnKind;
  table.columns = {{id_field, ColumnKind::kText}, {name_field, ColumnKind::kText}};
  reachmap::GpkgLayer layer{name, &table, {}, false};
  for (const auto& c : cells) {
    table.rows.push_back({c.id, c.name});
    layer.wkb.push_back(c.wkb);
  }
  return layer;
}

reachmap::GpkgLayer named(const std::string& name, const std::vector<demo::Feature>& features,
                          reachmap::Table& table, bool lines) {
  table.columns = {{"name", reachmap::ColumnKind::kText}};
  reachmap::GpkgLayer layer{name, &table, {}, false, lines};
  for (const auto& f : features) {
    table.rows.push_back({f.name});
    layer.wkb.push_back(f.wkb);
  }
  return layer;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: reachmap-make-demo DATA_DIR SHAPES_DIR [SEED]\n";
    return 2;
  }
  const std::string data_dir = argv[1], shapes_dir = argv[2];
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 20250401;
  try {
    std::filesystem::create_directories(data_dir);
    std::filesystem::create_directories(shapes_dir);
    const demo::Town town = demo::build_town(seed);
    const demo::Context context = demo::build_context(town, seed);
    reachmap::Table nbhd, wards, streets, water, parks;
    reachmap::write_gpkg(
        shapes_dir + "/northby.gpkg", "EPSG:27700",
        {layer_of("neighbourhoods", town.neighbourhoods, nbhd, "nbhd_cd", "nbhd_nm"),
         layer_of("wards", town.wards, wards, "ward_cd", "ward_nm")},
        "2025-04-01T00:00:00Z");
    // The streets, river and parks for the maps' basemap, in a file of their own (as a user's
    // OS Open Roads or OpenStreetMap extract would be).
    reachmap::write_gpkg(
        shapes_dir + "/northby_context.gpkg", "EPSG:27700",
        {named("streets", context.streets, streets, true),
         named("water", context.water, water, false), named("parks", context.parks, parks, false)},
        "2025-04-01T00:00:00Z");
    demo::write_families(town, seed, data_dir);
  } catch (const reachmap::Error& e) {
    std::cerr << "reachmap-make-demo: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
