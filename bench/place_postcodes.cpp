// Benchmark: place every postcode of a directory into all 34,753 LSOAs of England and Wales.
//   reachmap-bench-place [DIRECTORY.csv] [BOUNDARIES.gpkg] [ID_FIELD]
// Prints load times, points per second at 1 and 2 threads, and peak memory. Figures only:
// nothing here asserts on time.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/bench_support.hpp"
#include "engine/core/error.hpp"
#include "engine/geo/area_index.hpp"
#include "engine/geo/directory.hpp"
#include "engine/geo/placement.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  const std::string directory_path =
      argc > 1 ? argv[1] : kSharedData + "/postcodes/postcodes_nspl_b_m_cf.csv";
  const std::string boundary_path = argc > 2 ? argv[2] : kNationalLsoas;
  const std::string id_field = argc > 3 ? argv[3] : "lsoa11cd";
  try {
    auto t0 = std::chrono::steady_clock::now();
    const BoundaryLayer boundaries = load_layer(boundary_path, id_field);
    std::printf("boundaries: %zu areas (%zu repaired) loaded and transformed in %.2f s\n",
                boundaries.areas.size(), boundaries.repaired, seconds_since(t0));

    t0 = std::chrono::steady_clock::now();
    PostcodesSource pc;
    pc.path = pc.display = directory_path;
    pc.postcode = {"pcds", false, "postcode"};
    pc.lat = {"lat", false, "lat"};
    pc.lon = {"long", false, "lon"};
    Accounting accounting;
    const PostcodeDirectory dir = load_directory(pc, "EPSG:27700", {}, accounting);
    std::vector<Point> points;
    for (const auto& [code, e] : dir.entries)
      if (e.has_location) points.push_back({e.x, e.y});
    std::printf("directory: %zu postcodes read, parsed and transformed in %.2f s\n", points.size(),
                seconds_since(t0));

    t0 = std::chrono::steady_clock::now();
    const AreaIndex index(boundaries, 2);
    std::printf("index: %zu leaves (%zu on boundaries) built in %.2f s (2 threads)\n",
                index.stats().leaves, index.stats().edge_leaves, seconds_since(t0));
    std::vector<long> first;
    for (int threads : {1, 2}) {
      t0 = std::chrono::steady_clock::now();
      const std::vector<long> placed = place_points(boundaries, index, points, threads);
      const double s = seconds_since(t0);
      std::size_t outside = 0;
      for (long a : placed) outside += a < 0;
      std::printf(
          "place, %d thread%s: %.2f s, %.0f points/s, %zu outside%s\n", threads,
          threads > 1 ? "s" : "", s, static_cast<double>(points.size()) / s, outside,
          first.empty() ? "" : (placed == first ? ", identical to 1 thread" : ", DIFFERENT"));
      if (first.empty()) first = placed;
    }
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
