// Benchmark: render all 34,753 LSOAs of England and Wales as an A4 PNG at 300 dpi.
//   reachmap-bench-render [BOUNDARIES.gpkg] [ID_FIELD] [OUT.png]
// Prints the time to load the boundaries, to draw, and peak memory. Figures only.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/bench_support.hpp"
#include "engine/core/error.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/render/map_renderer.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  const std::string path = argc > 1 ? argv[1] : kNationalLsoas;
  const std::string id = argc > 2 ? argv[2] : "lsoa11cd";
  const std::string out = argc > 3 ? argv[3] : "/tmp/reachmap-bench-render";
  try {
    auto t0 = std::chrono::steady_clock::now();
    const BoundaryLayer layer = load_layer(path, id);
    const double load_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    MapData map;
    map.title = "Benchmark: all LSOAs of England and Wales";
    map.subtitle = "values are pseudo-random";
    map.legend_title = "Value";
    map.percent = true;
    std::vector<double> values;
    for (std::size_t i = 0; i < layer.areas.size(); ++i) {
      const double v = uniform01(hash_keys(1, i));
      const bool suppressed = v < 0.03;
      map.areas.push_back({wkb_rings(layer.areas[i].wkb),
                           suppressed ? std::nullopt : std::optional(v),
                           suppressed,
                           {layer.areas[i].anchor_x, layer.areas[i].anchor_y},
                           -1,
                           layer.areas[i].label});
      if (!suppressed) values.push_back(v);
    }
    map.classes = classify_jenks(values, 5);
    map.colours = brewer_palette("YlGnBu", map.classes.count());
    const double prep_s = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    render_map(map, out, {MapFormat::kPng}, 300);
    const double draw_s = seconds_since(t0);
    std::printf("boundaries: %zu areas loaded and transformed in %.2f s\n", layer.areas.size(),
                load_s);
    std::printf("map data and Fisher-Jenks (5 classes, %zu values): %.2f s\n", values.size(),
                prep_s);
    std::printf("render A4 PNG at 300 dpi (3508 x 2480): %.2f s -> %s.png\n", draw_s, out.c_str());
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
