// A file mapped read-only into memory (mmap), for reading large files without copying them:
// a layer's index file, a layer's bytes to hash. The pages are the page cache's: a second
// process mapping the same file shares them.
#pragma once

#include <cstddef>
#include <string>

namespace reachmap {

class MappedFile {
 public:
  // Maps the whole file; `populate` faults every page in at once (MAP_POPULATE), cheaper than
  // one fault per page when all of it will be read. Throws Error(kUnreadableInput).
  explicit MappedFile(const std::string& path, bool populate = false);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  // Gives the whole pages of [from, to) back (MADV_DONTNEED): read once, a file of a gigabyte
  // need not count in the process's memory. Reading them again faults them in again.
  void release(const char* from, const char* to) const;
  // Maps the pages of [from, to) in at once (MADV_POPULATE_READ), where one fault would map
  // sixteen: the scan of a chunk of a large file about to be read. A kernel without it (before
  // Linux 5.14) leaves them to fault in as read.
  void populate(const char* from, const char* to) const;
  // Copies the bytes of [from, to) into `into` (pread): a chunk read once into a buffer used
  // again costs a third of mapping its pages in (on a virtual machine each page's fault is a
  // trip to the host), when its reader keeps nothing of it. Throws Error(kUnreadableInput).
  void copy(const char* from, const char* to, char* into) const;
  std::size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::string path_;
  int fd_ = -1;  // kept for copy()
};

}  // namespace reachmap
