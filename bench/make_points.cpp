// Draws benchmark points for `reachmap place`: most uniformly inside areas of a boundary layer
// (an area picked at random, then a point in it by rejection), 1% anywhere in the layer's
// extent (some fall outside every area) and 1% exactly on a vertex of an area's boundary.
//   reachmap-bench-make-points OUT.csv [COUNT=5000000] [BOUNDARIES.gpkg] [ID_FIELD] [SEED]
// Writes `point_id,x,y` in EPSG:27700, streaming, the same bytes for the same seed.
#include <cstdio>
#include <fstream>
#include <string>

#include "bench/bench_support.hpp"
#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/wkb_rings.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: reachmap-bench-make-points OUT.csv [COUNT] [BOUNDARIES] [ID] [SEED]\n");
    return 2;
  }
  const std::string out_path = argv[1];
  const std::size_t count = argc > 2 ? std::stoull(argv[2]) : 5000000;
  const std::string boundary_path = argc > 3 ? argv[3] : kNationalLsoas;
  const std::string id_field = argc > 4 ? argv[4] : "lsoa11cd";
  const std::uint64_t seed = argc > 5 ? std::stoull(argv[5]) : 20261129;
  try {
    const auto t0 = Clock::now();
    const BoundaryLayer layer = load_layer(boundary_path, id_field);
    std::vector<std::vector<Ring>> rings;
    std::vector<Envelope> envelopes;
    Envelope all;
    for (const Area& a : layer.areas) {
      rings.push_back(wkb_rings(a.wkb));
      envelopes.push_back(envelope_of(rings.back()));
      all.add(envelopes.back());
    }
    std::ofstream out(out_path, std::ios::binary);
    if (!out) throw Error(ErrorCode::kOutput, "cannot write " + out_path);
    out << "point_id,x,y\n";
    Rng rng(seed, 1);
    std::size_t in_areas = 0, anywhere = 0, on_vertex = 0;
    std::string line;
    for (std::size_t i = 0; i < count; ++i) {
      double x = 0, y = 0;
      const double kind = rng.uniform();
      if (kind < 0.01) {
        x = rng.uniform(all.minx, all.maxx), y = rng.uniform(all.miny, all.maxy);
        ++anywhere;
      } else {
        std::size_t a;
        do a = rng.below(layer.areas.size());
        while (rings[a].empty());
        if (kind < 0.02) {
          const Ring& r = rings[a][rng.below(rings[a].size())];
          const XY& v = r[rng.below(r.size())];
          x = v.x, y = v.y;
          ++on_vertex;
        } else {
          const Envelope& e = envelopes[a];
          do x = rng.uniform(e.minx, e.maxx), y = rng.uniform(e.miny, e.maxy);
          while (!inside_rings(rings[a], x, y));
          ++in_areas;
        }
      }
      line = "p" + std::to_string(i + 1) + ',' + format_number(x) + ',' + format_number(y) + '\n';
      out << line;
    }
    out.close();
    if (!out) throw Error(ErrorCode::kOutput, "cannot write " + out_path);
    std::printf(
        "%zu points (%zu inside an area, %zu anywhere in the extent, %zu on a vertex) "
        "written to %s in %.1f s\n",
        count, in_areas, anywhere, on_vertex, out_path.c_str(), seconds_since(t0));
  } catch (const Error& e) {
    std::fprintf(stderr, "reachmap-bench-make-points: %s\n", e.what());
    return 1;
  }
  return 0;
}
