#include "engine/io/atomic_file.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "engine/core/error.hpp"

namespace reachmap {

namespace {
// Read once before main (umask cannot be read without setting it, which is not thread-safe).
const mode_t kUmask = [] {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}();
}  // namespace

unsigned usual_mode(bool folder) {
  return (folder ? 0777u : 0666u) & ~unsigned(kUmask);
}

TemporaryFile open_temporary_for(const std::string& target) {
  TemporaryFile t{target + ".tmp-XXXXXX", -1};
  // mkstemp opens with O_CREAT|O_EXCL: it fails on any existing name, a planted link included.
  t.fd = ::mkstemp(t.path.data());
  if (t.fd < 0)
    throw Error(ErrorCode::kOutput, std::string("cannot create the file: ") + std::strerror(errno),
                {target}, "check that the output folder exists and is writable");
  ::fchmod(t.fd, usual_mode(false));  // mkstemp makes it 0600; outputs get the usual mode
  return t;
}

std::string create_temporary_for(const std::string& target) {
  const TemporaryFile t = open_temporary_for(target);
  ::close(t.fd);
  return t.path;
}

void commit_file(const std::string& temporary, const std::string& target) {
  std::error_code ec;
  std::filesystem::rename(temporary, target, ec);
  if (ec)
    throw Error(ErrorCode::kOutput, "cannot move the finished file into place: " + ec.message(),
                {target}, "check that the output folder is writable");
}

void ensure_folder(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec)
    throw Error(ErrorCode::kOutput, "cannot create the folder: " + ec.message(), {path},
                "choose an output folder you can write to (--out DIR)");
}

AtomicTextFile::AtomicTextFile(std::string target)
    : target_(std::move(target)),
      temporary_(open_temporary_for(target_)),
      buffer_(temporary_.fd),
      stream_(&buffer_) {}

AtomicTextFile::~AtomicTextFile() {
  if (!committed_) {
    buffer_.close();
    ::unlink(temporary_.path.c_str());
  }
}

void AtomicTextFile::commit() {
  stream_.flush();
  if (!stream_ || !buffer_.close())
    throw Error(ErrorCode::kOutput, "writing failed (disk full?)", {temporary_.path});
  commit_file(temporary_.path, target_);
  committed_ = true;
}

FdBuffer::~FdBuffer() {
  close();
}

bool FdBuffer::drain() {
  for (const char* p = pbase(); p < pptr();) {
    const ssize_t n = ::write(fd_, p, std::size_t(pptr() - p));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failed_ = true;
      break;
    }
    p += n;
  }
  setp(buffer_, buffer_ + sizeof buffer_);
  return !failed_;
}

FdBuffer::int_type FdBuffer::overflow(int_type c) {
  if (fd_ < 0 || !drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int FdBuffer::sync() {
  return fd_ >= 0 && drain() ? 0 : -1;
}

bool FdBuffer::close() {
  if (fd_ < 0) return !failed_;
  drain();
  if (::close(fd_) != 0) failed_ = true;
  fd_ = -1;
  return !failed_;
}

TemporaryFolder::TemporaryFolder(const std::string& parent, const std::string& prefix)
    : path_(parent + "/." + prefix + "-XXXXXX") {
  if (!::mkdtemp(path_.data()))
    throw Error(ErrorCode::kOutput,
                std::string("cannot create a working folder: ") + std::strerror(errno), {parent},
                "check that the folder is writable");
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // removes links, never what they point to
}

}  // namespace reachmap
