// Shared by the fuzz targets: the input as a file (the readers read files), and the rule that
// a user may only ever meet reachmap::Error. Anything else escaping is a finding.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace reachmap::fuzz {

// An anonymous in-memory file holding `data`, named by its /proc path.
class MemoryFile {
 public:
  MemoryFile(const std::uint8_t* data, std::size_t size, const char* name = "fuzz") {
    fd_ = memfd_create(name, 0);
    if (fd_ < 0) std::abort();
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = ::write(fd_, data + done, size - done);
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// A property that must hold: a failure is a finding (libFuzzer saves the input).
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "property violated: %s\n", what);
  std::abort();
}

}  // namespace reachmap::fuzz
