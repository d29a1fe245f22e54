// Slices of work on threads (engine/core/parallel.hpp): every item in exactly one slice, in
// order within it, at any thread count; the first failure in job order is the one rethrown.
#include "engine/core/parallel.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>
#include <vector>

using namespace reachmap;

TEST(Parallel, EverySliceOnceAndEveryItemInOneSlice) {
  for (const std::size_t n : {0u, 1u, 2u, 7u, 16u, 17u, 1000u})
    for (const int threads : {1, 2, 3, 8}) {
      std::vector<int> seen(n, 0);
      std::mutex m;
      std::vector<std::pair<std::size_t, std::size_t>> slices;
      run_slices(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) ++seen[i];  // each slice its own items
        std::lock_guard<std::mutex> lock(m);
        slices.emplace_back(b, e);
      });
      EXPECT_EQ(seen, std::vector<int>(n, 1)) << n << " items, " << threads << " threads";
      if (n == 0) continue;  // one call, of nothing
      for (const auto& [b, e] : slices) EXPECT_LT(b, e) << "no empty slice";
      EXPECT_EQ(slices.size(),
                threads == 1 ? 1u : std::min<std::size_t>(n, 8u * std::size_t(threads)));
    }
}

TEST(Parallel, TheFirstFailureInJobOrderIsRethrown) {
  std::vector<std::function<void()>> jobs;
  for (int i = 0; i < 6; ++i)
    jobs.push_back([i] {
      if (i >= 2) throw std::runtime_error("job " + std::to_string(i));
    });
  try {
    run_jobs(jobs, 3);
    FAIL() << "no failure rethrown";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "job 2");
  }
}
