#include "tools/reachmap/progress_printer.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>

namespace reachmap {

ProgressFn make_progress_printer(bool quiet) {
  if (quiet) return {};
  struct State {
    bool tty = ::isatty(STDERR_FILENO) != 0;
    std::mutex mutex;
    std::chrono::steady_clock::time_point last{};
  };
  auto state = std::make_shared<State>();
  return [state](const ProgressEvent& e) {
    std::lock_guard lock(state->mutex);
    if (!state->tty) {
      // Plain lines: one when a stage starts and one when it ends.
      if (e.total == 0 && !e.finished)
        std::fprintf(stderr, "reachmap: %s ...\n", e.stage.c_str());
      else if (e.finished && e.total <= 1)
        std::fprintf(stderr, "reachmap: %s done\n", e.stage.c_str());
      return;
    }
    if (e.total == 0 && !e.finished) {  // a stage starting, size unknown
      std::fprintf(stderr, "\r\033[K%-24s ...", e.stage.c_str());
      std::fflush(stderr);
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!e.finished && e.total > 1 && now - state->last < std::chrono::milliseconds(100)) return;
    state->last = now;
    const double frac = e.finished ? 1.0 : (e.total > 1 ? double(e.done) / double(e.total) : 0.0);
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::fprintf(stderr, "\r\033[K%-24s [", e.stage.c_str());
    for (int i = 0; i < kWidth; ++i) std::fputc(i < filled ? '#' : '.', stderr);
    std::fprintf(stderr, "] %3d%%", static_cast<int>(frac * 100));
    if (e.finished) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

}  // namespace reachmap
