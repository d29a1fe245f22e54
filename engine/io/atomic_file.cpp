#include "engine/io/atomic_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "engine/core/error.hpp"

namespace reachmap {

std::string temporary_path_for(const std::string& target) {
  return target + ".tmp-" + std::to_string(::getpid());
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
    : target_(std::move(target)), temporary_(temporary_path_for(target_)) {
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

}  // namespace reachmap
