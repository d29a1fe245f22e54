// reachmap-synth: synthetic families on real places (see synth.hpp).
//   reachmap-synth --boundaries LSOA.gpkg --id lsoa11cd --population P.csv --population-area
//     lsoa11cd --population-count pop_0_15_mid2015 --population-scale 0.3125 --out DIR
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "engine/core/error.hpp"
#include "tools/reachmap/progress_printer.hpp"
#include "tools/synth/synth.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  synth::Options o;
  std::string from = o.from.to_string(), to = o.to.to_string();
  bool quiet = false;
  CLI::App app{
      "reachmap-synth: realistic synthetic registrations and attendance on real places, with a "
      "ground-truth file of the underserved clusters it planted"};
  app.add_option("--boundaries", o.boundaries, "areas (any OGR polygon source)")->required();
  app.add_option("--layer-name", o.layer_name, "OGR layer, when the source has several");
  app.add_option("--id", o.id_field, "area id field")->required();
  app.add_option("--label", o.label_field, "area name field");
  app.add_option("--where", o.where, "OGR SQL filter, e.g. \"lad22cd = 'E08000003'\"");
  app.add_option("--population", o.population, "CSV of population per area")->required();
  app.add_option("--population-area", o.population_area, "its area code column")->required();
  app.add_option("--population-count", o.population_count, "its count column")->required();
  app.add_option("--population-scale", o.population_scale,
                 "multiplier giving under-5s, e.g. 0.3125 (5/16) for an age 0-15 count");
  app.add_option("--lookup", o.lookup,
                 "ONS LSOA 2011 to 2021 lookup: population on LSOA 2021 codes, areas on 2011");
  app.add_option("--deprivation", o.deprivation, "CSV with a deprivation decile per area");
  app.add_option("--deprivation-area", o.deprivation_area, "its area code column");
  app.add_option("--deprivation-decile", o.deprivation_decile, "its decile column (1 = most)");
  app.add_option("--postcodes", o.postcodes, "postcode directory (WGS84 lat/long)");
  app.add_option("--postcode-column", o.postcode_column, "its postcode column")
      ->capture_default_str();
  app.add_option("--lat", o.lat, "its latitude column")->capture_default_str();
  app.add_option("--lon", o.lon, "its longitude column")->capture_default_str();
  app.add_option("--postcode-area", o.postcode_area, "its column with the area code");
  app.add_option("--centres", o.centres, "number of centres (default: one per 8 areas)");
  app.add_option("--clusters", o.clusters, "planted underserved clusters")->capture_default_str();
  app.add_flag("--settings", o.settings,
               "health clinics and libraries beside the centres, each a kind of setting");
  app.add_flag("--welsh", o.welsh,
               "Welsh-speaking families, Welsh-medium sessions and a planted language gap");
  app.add_flag("--localities-by-name", o.localities_by_name,
               "localities.csv: each area in the locality of its name without the last letter");
  app.add_option("--seed", o.seed, "random seed")->capture_default_str();
  app.add_option("--from", from, "period start")->capture_default_str();
  app.add_option("--to", to, "period end")->capture_default_str();
  app.add_option("--out", o.out_dir, "output folder")->required();
  app.add_flag("-q,--quiet", quiet, "print nothing but errors");
  CLI11_PARSE(app, argc, argv);
  try {
    const auto f = parse_date(from, false), t = parse_date(to, false);
    if (!f || !t || *t < *f)
      throw Error(ErrorCode::kBadConfig, "--from and --to must be dates like 2025-04-01, in order",
                  {"reachmap-synth"}, "e.g. --from 2025-04-01 --to 2026-03-31");
    o.from = *f, o.to = *t;
    if (!o.postcodes.empty() && o.postcode_area.empty())
      throw Error(ErrorCode::kBadConfig, "--postcodes needs --postcode-area", {"reachmap-synth"},
                  "name the directory column holding the same codes as --id, e.g. lsoa11cd");
    if (!o.deprivation.empty() && (o.deprivation_area.empty() || o.deprivation_decile.empty()))
      throw Error(ErrorCode::kBadConfig,
                  "--deprivation needs --deprivation-area and "
                  "--deprivation-decile",
                  {"reachmap-synth"}, "e.g. lsoa11cd and imd_decile");
    o.progress = make_progress_printer(quiet);
    const auto t0 = std::chrono::steady_clock::now();
    const synth::Summary s = synth::synthesise(o);
    if (!quiet)
      std::printf(
          "%zu areas, %zu real and %zu synthetic postcodes, %zu centres, %zu planted clusters\n"
          "%zu children: %zu registered, %zu seen; %zu contacts (%.1f s)\n"
          "%zu clinics and libraries; %zu children of Welsh-speaking families, %zu areas of a "
          "planted language gap\n"
          "written to %s (run it with: reachmap run %s/reachmap.toml)\n",
          s.areas, s.real_postcodes, s.synthetic_postcodes, s.centres, s.clusters, s.children,
          s.registered, s.seen, s.contacts,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
          s.other_sites, s.welsh_speaking, s.language_gap_areas, o.out_dir.c_str(),
          o.out_dir.c_str());
  } catch (const Error& e) {
    std::fprintf(stderr, "reachmap-synth: %s\n", e.what());
    return e.exit_code();
  }
  return 0;
}
