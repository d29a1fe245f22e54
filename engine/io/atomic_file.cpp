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

std::string create_temporary_for(const std::string& target, const std::string& suffix) {
  std::string path = target + ".tmp-XXXXXX" + suffix;
  // mkstemps opens with O_CREAT|O_EXCL: it fails on any existing name, a planted link included.
  const int fd = ::mkstemps(path.data(), static_cast<int>(suffix.size()));
  if (fd < 0)
    throw Error(ErrorCode::kOutput, std::string("cannot create the file: ") + std::strerror(errno),
                {target}, "check that the output folder exists and is writable");
  ::fchmod(fd, usual_mode(false));  // mkstemp makes it 0600; outputs get the usual mode
  ::close(fd);
  return path;
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
    : target_(std::move(target)), temporary_(create_temporary_for(target_)) {
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_)
    throw Error(ErrorCode::kOutput, "cannot create the file", {temporary_},
                "check that the output folder exists and is writable");
}

AtomicTextFile::~AtomicTextFile() {
  if (!committed_) {
    stream_.close();
    std::remove(temporary_.c_str());
  }
}

void AtomicTextFile::commit() {
  stream_.flush();
  if (!stream_) throw Error(ErrorCode::kOutput, "writing failed (disk full?)", {temporary_});
  stream_.close();
  commit_file(temporary_, target_);
  committed_ = true;
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
