#include "engine/io/output_set.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/core/error.hpp"

namespace reachmap {

namespace fs = std::filesystem;

namespace {

fs::path absolute_clean(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? fs::absolute(p).lexically_normal() : a;
}

// True when `inner` is `outer` or lies below it.
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}

bool made_by_reachmap(const fs::path& dir) {
  if (fs::exists(dir / kOutputMarker)) return true;
  std::ifstream manifest(dir / "manifest.json");  // a set from before the marker
  std::string text((std::istreambuf_iterator<char>(manifest)), std::istreambuf_iterator<char>());
  return text.find("\"reachmap_version\"") != std::string::npos;
}

}  // namespace

OutputSet::OutputSet(std::string target, const std::vector<std::string>& inputs)
    : target_(absolute_clean(target).string()) {
  const fs::path t(target_);
  for (const auto& input : inputs)
    if (!input.empty() && within(absolute_clean(input), t))
      throw Error(ErrorCode::kOutput, "the output folder holds an input: " + input, {target},
                  "choose another output folder ([output] dir or --out); reachmap never writes "
                  "over its inputs");
  std::error_code ec;
  fs::create_directories(t.parent_path(), ec);
  const std::string lock = (t.parent_path() / ("." + t.filename().string() + ".lock")).string();
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw Error(ErrorCode::kOutput,
                std::string("cannot create the lock file: ") + std::strerror(errno), {lock},
                "choose an output folder you can write to");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw Error(ErrorCode::kOutput, "another reachmap run is writing this output folder", {target},
                "wait for it to finish, or choose another folder with --out");
  }
  if (fs::is_directory(t) && !fs::is_empty(t) && !made_by_reachmap(t)) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw Error(ErrorCode::kOutput, "the output folder is not empty and was not made by reachmap",
                {target},
                "choose a new or empty folder; reachmap replaces its output folder "
                "as a whole");
  }
  // We hold the lock: any staging folder beside the target is left from a killed run.
  const std::string prefix = "." + t.filename().string() + ".staging-";
  for (const auto& entry : fs::directory_iterator(t.parent_path(), ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) fs::remove_all(entry.path(), ec);
  staging_ = (t.parent_path() / (prefix + std::to_string(::getpid()))).string();
  fs::create_directories(staging_, ec);
  if (ec)
    throw Error(ErrorCode::kOutput, "cannot create the staging folder: " + ec.message(), {staging_},
                "choose an output folder you can write to (--out DIR)");
}

OutputSet::OutputSet(OutputSet&& other) noexcept
    : target_(std::move(other.target_)),
      staging_(std::move(other.staging_)),
      lock_fd_(other.lock_fd_),
      committed_(other.committed_) {
  other.staging_.clear();
  other.lock_fd_ = -1;
}

OutputSet::~OutputSet() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::vector<std::string> OutputSet::files() const {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(staging_))
    if (entry.is_regular_file())
      out.push_back(fs::relative(entry.path(), staging_).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

void OutputSet::commit() {
  {
    std::ofstream marker(fs::path(staging_) / kOutputMarker);
    marker << "This folder is a complete reachmap output set; reachmap replaces it as a whole.\n";
  }
  const bool exists = fs::exists(target_);
  const int rc =
      exists ? ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE)
             : ::rename(staging_.c_str(), target_.c_str());
  if (rc != 0)
    throw Error(ErrorCode::kOutput,
                std::string("cannot move the new output set into place: ") + std::strerror(errno),
                {target_}, "check that the output folder is writable (the old set is untouched)");
  // The staging path now holds the old set (or nothing): the destructor removes it.
  committed_ = true;
}

}  // namespace reachmap
