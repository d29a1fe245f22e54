#include "engine/core/thread_memory.hpp"

#include <cstddef>
#include <string>

// jemalloc's control interface, present only when the process is linked with it (the command
// is; the tests and the sanitizer builds are not).
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace reachmap {

void release_thread_memory() {
  if (!mallctl) return;
  mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
  unsigned arena = 0;
  std::size_t size = sizeof arena;
  if (mallctl("thread.arena", &arena, &size, nullptr, 0) != 0) return;
  const std::string purge = "arena." + std::to_string(arena) + ".purge";
  mallctl(purge.c_str(), nullptr, nullptr, nullptr, 0);
}

}  // namespace reachmap
