// Benchmark: LISA with 999 conditional permutations on all 34,753 LSOAs of England and Wales.
//   reachmap-bench-lisa [BOUNDARIES.gpkg] [ID_FIELD] [THREADS]
// Prints the time to build queen contiguity weights, the global Moran's I and LISA at 1 and N
// threads (identical results), and peak memory. Figures only.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/bench_support.hpp"
#include "engine/core/error.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/stats/moran.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  const std::string path = argc > 1 ? argv[1] : kNationalLsoas;
  const std::string id = argc > 2 ? argv[2] : "lsoa11cd";
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  try {
    auto t0 = std::chrono::steady_clock::now();
    const BoundaryLayer layer = load_layer(path, id);
    std::vector<std::vector<Ring>> polygons;
    std::vector<double> x;
    for (std::size_t i = 0; i < layer.areas.size(); ++i) {
      polygons.push_back(wkb_rings(layer.areas[i].wkb));
      // A north-south trend plus noise: some pattern, like real rates.
      x.push_back(layer.areas[i].anchor_y / 1e6 + 0.2 * uniform01(hash_keys(3, i)));
    }
    std::printf("boundaries: %zu areas loaded in %.2f s\n", layer.areas.size(), seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const Neighbours nb = contiguity(polygons, true, 0.002, threads);
    const WeightsMatrix w = row_standardised(nb);
    std::size_t links = 0;
    for (const auto& l : nb) links += l.size();
    std::printf("queen weights, %d threads: %.2f s (%zu links, %zu islands)\n", threads,
                seconds_since(t0), links, islands(nb).size());
    t0 = std::chrono::steady_clock::now();
    const GlobalMoran g = global_moran(x, w, 999, 1);
    std::printf("global Moran's I = %.4f, 999 permutations, 1 thread: %.2f s\n", g.I,
                seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const GlobalMoran gn = global_moran(x, w, 999, 1, threads);
    std::printf("global Moran's I, 999 permutations, %d threads: %.2f s (%s)\n", threads,
                seconds_since(t0), g.p_sim == gn.p_sim ? "identical to 1 thread" : "DIFFERENT");
    t0 = std::chrono::steady_clock::now();
    const LocalMoran one = local_moran(x, nb, w, 999, 1, 0.05, false, 1);
    // A digest of every pseudo p-value: a change of the code that should not change them must
    // print the same.
    std::uint64_t digest = 0;
    for (double p : one.p_sim) digest = splitmix64(digest ^ std::uint64_t(p * 1e6));
    std::printf("LISA, 999 permutations, 1 thread: %.2f s (p-values digest %016llx)\n",
                seconds_since(t0), static_cast<unsigned long long>(digest));
    t0 = std::chrono::steady_clock::now();
    const LocalMoran many = local_moran(x, nb, w, 999, 1, 0.05, false, threads);
    std::printf("LISA, 999 permutations, %d threads: %.2f s (%s)\n", threads, seconds_since(t0),
                one.p_sim == many.p_sim ? "identical to 1 thread" : "DIFFERENT");
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
