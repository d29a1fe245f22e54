// Runs independent jobs on up to `threads` threads. Each job must write only its own outputs,
// so the results are the same at any thread count; the first failure (in job order) is
// rethrown after every thread has finished.
#pragma once

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <thread>
#include <vector>

namespace reachmap {

// Data two threads write often (a chunk's state, a slice's tallies) this many bytes apart
// share no cache line, nor the pair of lines the hardware fetches together: declared
// alignas(kNoFalseSharing), neighbours in a vector stay apart. Two threads reading neighbouring
// chunks of the attendance file wrote one line between them every row: a quarter of the stage.
inline constexpr std::size_t kNoFalseSharing = 128;

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

// Runs work(begin, end) on contiguous slices of [0, n): one on one thread, else eight a thread,
// taken in turn by whichever thread is free (with one a thread, the thread that finished its
// slice first waited for the other: a fifth of the national LISA's time, whose areas' costs
// differ). Each slice must write only its own outputs: the results are the same at any thread
// count.
template <class Work>
void run_slices(std::size_t n, int threads, Work&& work) {
  constexpr std::size_t kSlicesAThread = 8;
  const std::size_t t = static_cast<std::size_t>(std::max(1, threads));
  const std::size_t slices = std::max<std::size_t>(1, std::min(n, t == 1 ? 1 : t * kSlicesAThread));
  std::vector<std::function<void()>> jobs;
  for (std::size_t s = 0; s < slices; ++s)
    jobs.push_back([&work, b = n * s / slices, e = n * (s + 1) / slices] { work(b, e); });
  run_jobs(jobs, threads);
}

// `job` on a thread of its own at the lowest priority (`how` async), so that it takes only a
// core the run leaves idle, and all of it once the run waits for it; deferred: run when awaited.
template <class Job>
auto at_lowest_priority(std::launch how, Job job) {
  return std::async(how, [job = std::move(job), own_thread = how == std::launch::async]() mutable {
    if (own_thread) ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);  // it alone
    return job();
  });
}

// As at_lowest_priority, but below it too (Linux's SCHED_IDLE): for work awaited last, so that
// it gives way to the lowest-priority work awaited before it.
template <class Job>
auto when_idle(std::launch how, Job job) {
  return std::async(how, [job = std::move(job), own_thread = how == std::launch::async]() mutable {
    if (own_thread) {
      const sched_param none{};
      ::sched_setscheduler(static_cast<pid_t>(::gettid()), SCHED_IDLE, &none);  // it alone
    }
    return job();
  });
}

}  // namespace reachmap
