#include "engine/io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "engine/core/error.hpp"

namespace reachmap {

MappedFile::MappedFile(const std::string& path, bool populate) : path_(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(ErrorCode::kUnreadableInput, std::string("cannot open: ") + std::strerror(errno),
                {path}, "check the path and that the file is readable");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorCode::kUnreadableInput, "not a regular file", {path}, "give a file");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      throw Error(ErrorCode::kUnreadableInput, std::string("cannot map: ") + std::strerror(err),
                  {path}, "check the file is readable and there is address space for it");
    }
    data_ = static_cast<const char*>(p);
  }
  fd_ = fd;
}

void MappedFile::release(const char* from, const char* to) const {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(from) + page - 1) / page * page;
  const auto end = reinterpret_cast<std::uintptr_t>(to) / page * page;
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

void MappedFile::populate(const char* from, const char* to) const {
#ifdef MADV_POPULATE_READ
  const std::uintptr_t page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(from) / page * page;
  const auto end = reinterpret_cast<std::uintptr_t>(to);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_READ);
#else
  (void)from, (void)to;
#endif
}

void MappedFile::copy(const char* from, const char* to, char* into) const {
  auto offset = static_cast<off_t>(from - data_);
  for (auto left = static_cast<std::size_t>(to - from); left > 0;) {
    const ssize_t got = ::pread(fd_, into, left, offset);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0)
      throw Error(ErrorCode::kUnreadableInput,
                  got < 0 ? std::string("cannot read: ") + std::strerror(errno)
                          : std::string("the file got shorter while it was read"),
                  {path_}, "check the file is readable and nothing else is writing it");
    into += got, offset += got, left -= static_cast<std::size_t>(got);
  }
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
  ::close(fd_);
}

}  // namespace reachmap
