// Progress reporting from long stages, drawn by whoever called the engine.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace reachmap {

struct ProgressEvent {
  std::string stage;  // e.g. "geocode"
  std::size_t done = 0;
  std::size_t total = 0;  // 0 when unknown
  bool finished = false;
};

using ProgressFn = std::function<void(const ProgressEvent&)>;

inline void report(const ProgressFn& fn, std::string stage, std::size_t done, std::size_t total,
                   bool finished = false) {
  if (fn) fn(ProgressEvent{std::move(stage), done, total, finished});
}

}  // namespace reachmap
