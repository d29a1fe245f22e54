// Benchmark: linking the national attendance file (29.6M contact rows, 1.5 GB) to the registered
// children, as `reachmap run`'s "link attendance" stage does.
//   reachmap-bench-attendance CONFIG.toml [THREADS] [REPEATS]
// CONFIG is a national set's (bench/national.sh makes one under build/bench-data/national);
// CHUNK_KB in the environment sets the size of the chunks the threads read (16384 by default).
// Prints each repeat's time and speed in GB/s, peak memory, and a digest of what was linked:
// a change that should not change the result must print the same digest. Figures only.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/bench_support.hpp"
#include "engine/config/config.hpp"
#include "engine/core/error.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/directory.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/registrations.hpp"

int main(int argc, char** argv) {
  using namespace reachmap;
  using namespace reachmap::bench;
  if (argc < 2) {
    std::fprintf(stderr, "usage: reachmap-bench-attendance CONFIG.toml [THREADS] [REPEATS]\n");
    return 2;
  }
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  const char* chunk_kb = std::getenv("CHUNK_KB");
  const std::size_t chunk_bytes = chunk_kb ? std::size_t(std::atol(chunk_kb)) << 10 : kChunkBytes;
  try {
    const Config config = load_config(argv[1]);
    const Period period{config.run.from, config.run.to};
    Accounting accounting;
    auto t0 = Clock::now();
    std::vector<std::string> codes;
    for (const auto& l : config.layers)
      if (!l.directory_code.empty()) codes.push_back(l.directory_code);
    const PostcodeDirectory directory =
        load_directory(config.postcodes, config.run.crs, codes, accounting, threads);
    const Registrations registrations =
        load_registrations(config.registrations, period, directory, accounting, threads);
    std::printf("directory and %zu registrations loaded in %.2f s\n", registrations.children.size(),
                seconds_since(t0));
    struct stat st {};
    const double gb =
        stat(config.attendance.path.c_str(), &st) == 0 ? double(st.st_size) / 1e9 : 0.0;
    for (int r = 0; r < repeats; ++r) {
      Accounting run_accounting;
      t0 = Clock::now();
      const Attendance a = load_attendance(config.attendance, period, registrations, run_accounting,
                                           threads, chunk_bytes);
      const double s = seconds_since(t0);
      std::uint64_t digest = splitmix64(a.distinct_contacts ^ a.duplicate_rows << 40);
      for (int c : a.contacts) digest = splitmix64(digest ^ std::uint64_t(c));
      for (const auto& [centre, children] : a.children_by_centre) {
        digest = splitmix64(digest ^ hash_keys(centre.size(), children.size()));
        for (std::size_t c : children) digest = splitmix64(digest ^ c);
      }
      for (const auto& [centre, n] : a.contacts_by_centre) digest = splitmix64(digest ^ n);
      const FileAccount& f = run_accounting.file(config.attendance.display);
      std::printf(
          "link attendance, %d threads: %.2f s, %.2f GB/s (%zu rows, %zu distinct contacts, "
          "%zu rejected; digest %016llx)\n",
          threads, s, gb / s, f.rows, a.distinct_contacts, f.rejected_total(),
          static_cast<unsigned long long>(digest));
    }
    std::printf("peak memory: %.0f MiB\n", peak_mib());
  } catch (const Error& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
