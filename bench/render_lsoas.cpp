// Benchmark: render all 34,753 LSOAs of England and Wales as A4 PNGs at 300 dpi, as a run
// draws them: a choropleth (the layer's first map: it strokes the outlines), the same again
// (every later map of the layer reuses them), a proportional-symbol map and a families map of
// 1.5 million symbols.
//   reachmap-bench-render [BOUNDARIES.gpkg] [ID_FIELD] [OUT]
// Prints the time to load the boundaries, to draw each, and peak memory. Figures only.
#include <chrono>
#include <cmath>
#include <cstdint>
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

    std::printf("boundaries: %zu areas loaded and transformed in %.2f s\n", layer.areas.size(),
                load_s);
    std::printf("map data and Fisher-Jenks (5 classes, %zu values): %.2f s\n", values.size(),
                prep_s);
    const auto draw = [&](const MapData& m, const std::string& what, const std::string& file) {
      const auto start = std::chrono::steady_clock::now();
      render_map(m, out + "-" + file, {MapFormat::kPng}, 300);
      std::printf("render A4 PNG at 300 dpi (3508 x 2480), %s: %.2f s -> %s-%s.png\n", what.c_str(),
                  seconds_since(start), out.c_str(), file.c_str());
    };
    draw(map, "choropleth, first of the layer", "choropleth");
    draw(map, "choropleth, outlines reused", "choropleth-again");

    MapData symbols = map;
    symbols.kind = MapKind::kSymbols;
    for (auto& a : symbols.areas)
      if (a.value) a.value = std::pow(*a.value, 3) * 500;  // skewed, as counts are
    draw(symbols, "proportional symbols", "symbols");

    // About 1.5 million symbols of 3 kinds near the areas' anchors (up to 400 m off), 1 to 3
    // children each: a national families map.
    MapData families = map;
    families.kind = MapKind::kFamilies;
    families.point_groups = {{"a", Rgb::hex(0x1b9e77), Shape::kCircle},
                             {"b", Rgb::hex(0xd95f02), Shape::kSquare},
                             {"c", Rgb::hex(0x49006a), Shape::kDiamond}};
    for (std::size_t i = 0; i < layer.areas.size(); ++i)
      for (std::uint64_t k = 0; k < 44; ++k) {
        const std::uint64_t h = hash_keys(i, k);
        families.points.push_back({layer.areas[i].anchor_x + 800 * (uniform01(h) - 0.5),
                                   layer.areas[i].anchor_y + 800 * (uniform01(h + 1) - 0.5),
                                   double(1 + h % 3), int(k % 3)});
      }
    draw(families, std::to_string(families.points.size()) + " family symbols", "families");
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
