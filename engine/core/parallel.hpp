// Runs independent jobs on up to `threads` threads. Each job must write only its own outputs,
// so the results are the same at any thread count; the first failure (in job order) is
// rethrown after every thread has finished.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace reachmap {

inline void run_jobs(const std::vector<std::function<void()>>& jobs, int threads) {
  std::vector<std::exception_ptr> failed(jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      try {
        jobs[i]();
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  };
  const std::size_t n =
      std::min<std::size_t>(jobs.size(), static_cast<std::size_t>(std::max(1, threads)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
}

}  // namespace reachmap
