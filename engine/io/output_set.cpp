#include "engine/io/output_set.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <sys/stat.h>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/folder_file.hpp"
#include "engine/io/sha256.hpp"

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

// The files a set of reachmap's lists, with the SHA-256 each should have: its manifest's
// outputs (and the private manifest's, where there is one); the manifests and the marker (no
// digest: empty).
std::map<std::string, std::string> listed_files(const fs::path& dir) {
  std::map<std::string, std::string> listed{{"manifest.json", ""}, {kOutputMarker, ""}};
  for (const std::string name : {"manifest.json", "private/manifest.json"}) {
    if (!fs::is_regular_file(fs::symlink_status(dir / name))) continue;
    listed[name] = "";
    std::optional<FileDigests> digests;
    try {  // a manifest that cannot be read lists nothing
      digests = output_digests(read_plain_file((dir / name).string(), name));
    } catch (const Error&) {
    }
    const std::string base = fs::path(name).parent_path().generic_string();
    if (digests)
      for (const auto& [file, sha] : *digests)
        listed[(base.empty() ? "" : base + "/") + file] = sha;
  }
  return listed;
}

// What `reachmap report` writes into a finished set, in place: the report (a run with
// [report] pdf = false lists no report.pdf; a rebuilt report has other bytes), and what a
// killed report leaves (a temporary file beside either, Chromium's working folder; before
// issue 18, .tmp-<pid>, .tmp-pdf and .tmp-print).
bool written_by_report(const std::string& rel) {
  static const std::regex pattern(R"(report\.(html|pdf)(\.tmp-([A-Za-z0-9]{6}|[0-9]+|pdf|print))?|)"
                                  R"(\.report-print-[A-Za-z0-9]{6}(/.*)?)");
  return std::regex_match(rel, pattern);
}

// For tests of the swap: REACHMAP_KILL_AT=swap:<step> kills the run there with SIGKILL (as
// kill -9 or a power cut would: no destructor, no clean-up), so that a test can see what a
// reader finds and what the next run does with it. The steps, in order: staged (every file
// written, no marker yet), marked (before the exchange), exchanged (the new set in place, the
// old one at the staging path), removed (the old set gone, the lock still held).
void kill_point(const char* step) {
  const char* at = std::getenv("REACHMAP_KILL_AT");
  if (at && std::strncmp(at, "swap:", 5) == 0 && std::strcmp(at + 5, step) == 0)
    ::kill(::getpid(), SIGKILL);
}

// first_foreign_entry's answer as the rest of "it holds '...".
std::string described(const std::string& foreign) {
  return foreign.find('\'') != std::string::npos ? foreign
                                                 : foreign + "', which no reachmap run wrote";
}

}  // namespace

std::map<std::string, FileStamp> file_stamps(const std::string& folder) {
  std::map<std::string, FileStamp> stamps;
  const fs::path dir(folder);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    stamps[it->path().lexically_relative(dir).generic_string()] = {
        S_ISDIR(st.st_mode) ? 0 : std::uint64_t(st.st_size),
        S_ISDIR(st.st_mode) ? 0 : std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
        std::uint32_t(st.st_mode)};
  }
  return stamps;
}

// A folder the writer made and left empty (compare's maps/ when no layer is drawn) is listed
// by no manifest, so the next run would take it for the user's and refuse to replace the set:
// none is kept. Deepest first, so that a folder holding only empty ones goes too.
void remove_empty_folders(const std::string& folder) {
  std::vector<fs::path> dirs;
  std::error_code ec, entry;  // an entry that cannot be read is kept, not the walk ended
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_directory(entry) && !it->is_symlink(entry)) dirs.push_back(it->path());
  for (auto d = dirs.rbegin(); d != dirs.rend(); ++d)
    if (fs::is_empty(*d, entry)) fs::remove(*d, entry);
}

std::string first_foreign_entry(const std::string& folder) {
  const fs::path dir(folder);
  std::vector<std::string> entries;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    entries.push_back(it->path().lexically_relative(dir).generic_string());  // links unfollowed
  if (ec) return "' (a part of it cannot be read: " + ec.message() + ")";
  std::sort(entries.begin(), entries.end());
  if (entries.empty()) return "";
  const fs::file_status marker = fs::symlink_status(dir / kOutputMarker);
  if (!fs::is_regular_file(marker))
    return entries.front() + "' and no " + kOutputMarker + " marker";
  const auto listed = listed_files(dir);
  for (const auto& rel : entries) {
    const fs::file_status st = fs::symlink_status(dir / rel);
    const std::string top = rel.substr(0, rel.find('/'));  // a link's contents are never ours
    if (written_by_report(rel) && !fs::is_symlink(fs::symlink_status(dir / top))) continue;
    if (rel.find(".gpkg-") != std::string::npos && !fs::is_directory(st))
      return rel + "': " + rel.substr(0, rel.find(".gpkg-") + 5) +
             " is open in another program (QGIS?) or was left mid-write; close it";
    if (fs::is_directory(st)) {
      const auto below = listed.lower_bound(rel + "/");
      if (below == listed.end() || below->first.rfind(rel + "/", 0) != 0) return rel;
      continue;
    }
    const auto it = listed.find(rel);
    if (!fs::is_regular_file(st) || it == listed.end()) return rel;
    // A listed file with other bytes was changed after the run (an edit saved in place).
    if (!it->second.empty() && sha256_file((dir / rel).string(), rel) != it->second)
      return rel + "', changed since the run wrote it";
  }
  return "";
}

OutputSet::OutputSet(std::string target, const std::vector<std::string>& inputs)
    : target_(absolute_clean(target).string()) {
  const fs::path t(target_);
  for (const auto& input : inputs)
    if (!input.empty() && within(absolute_clean(input), t))
      throw Error(ErrorCode::kOutput, "the output folder holds an input: " + input, {target},
                  "choose another output folder ([output] dir or --out); reachmap never writes "
                  "over its inputs");
  const fs::file_status status = fs::symlink_status(t);
  if (fs::exists(status) && !fs::is_directory(status))
    throw Error(ErrorCode::kOutput, "the output path is a file, not a folder", {target},
                "give a folder for the outputs (--out DIR or [output] dir); reachmap never "
                "replaces a file of yours");
  std::error_code ec;
  fs::create_directories(t.parent_path(), ec);
  const std::string lock = (t.parent_path() / ("." + t.filename().string() + ".lock")).string();
  // O_NOFOLLOW: a link planted at the lock's name is refused, never followed.
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (const int e = errno; lock_fd_ < 0)
    throw Error(ErrorCode::kOutput, std::string("cannot create the lock file: ") + std::strerror(e),
                {lock},
                e == ELOOP ? "the lock file's name is a link: remove it, or choose another "
                             "output folder"
                           : "choose an output folder you can write to");
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw Error(ErrorCode::kOutput, "another reachmap run is writing this output folder", {target},
                "wait for it to finish, or choose another folder with --out");
  }
  if (fs::is_directory(t)) checked_ = file_stamps(t.string());
  if (fs::is_directory(t))
    if (const std::string foreign = first_foreign_entry(t.string()); !foreign.empty()) {
      ::close(lock_fd_);
      lock_fd_ = -1;
      throw Error(ErrorCode::kOutput,
                  "the output folder is not empty and was not made by reachmap: it holds '" +
                      described(foreign),
                  {target},
                  "choose a new or empty folder; reachmap replaces only a folder of its own "
                  "that holds nothing but what a run wrote");
    }
  // We hold the lock: any staging folder beside the target is left from a killed run.
  const std::string prefix = "." + t.filename().string() + ".staging-";
  for (const auto& entry : fs::directory_iterator(t.parent_path(), ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0)
      for (int attempt = 0; attempt < 3 && fs::exists(fs::symlink_status(entry.path())); ++attempt)
        fs::remove_all(entry.path(), ec);  // again when something was still writing into it
  // mkdtemp: a name no one can predict, made by us (0700), so nothing can be planted in it.
  staging_ = (t.parent_path() / (prefix + "XXXXXX")).string();
  if (!::mkdtemp(staging_.data())) {
    const std::string why = std::strerror(errno);
    staging_.clear();
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw Error(ErrorCode::kOutput, "cannot create the staging folder: " + why, {target},
                "choose an output folder you can write to (--out DIR)");
  }
}

OutputSet::OutputSet(OutputSet&& other) noexcept
    : target_(std::move(other.target_)),
      staging_(std::move(other.staging_)),
      checked_(std::move(other.checked_)),
      lock_fd_(other.lock_fd_),
      committed_(other.committed_) {
  other.staging_.clear();
  other.lock_fd_ = -1;
}

OutputSet::~OutputSet() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  if (committed_) kill_point("removed");
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::vector<std::string> OutputSet::files() const {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(staging_))
    if (entry.is_regular_file())
      out.push_back(entry.path().lexically_relative(staging_).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

void OutputSet::commit() {
  kill_point("staged");
  remove_empty_folders(staging_);
  {
    std::ofstream marker(fs::path(staging_) / kOutputMarker);
    marker << "This folder is a complete reachmap output set; reachmap replaces it as a whole.\n";
  }
  // mkdtemp made the staging folder 0700; the set gets a folder's usual mode (umask applies).
  ::chmod(staging_.c_str(), usual_mode(true));
  const bool exists = fs::exists(target_);
  kill_point("marked");
  const int rc =
      exists ? ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE)
             : ::rename(staging_.c_str(), target_.c_str());
  if (rc != 0)
    throw Error(ErrorCode::kOutput,
                std::string("cannot move the new output set into place: ") + std::strerror(errno),
                {target_}, "check that the output folder is writable (the old set is untouched)");
  committed_ = true;
  kill_point("exchanged");
  // The staging path now holds the old set (or nothing): the destructor removes it, unless
  // something was saved into it while this run worked (a file, an edit in place): that is the
  // user's, so the old set is kept beside the new one instead.
  if (!exists) return;
  // What changed in the old set since it was checked (stat only: the check hashed it).
  std::string foreign;
  for (const auto& [rel, stamp] : file_stamps(staging_)) {
    const auto before = checked_.find(rel);
    if (before == checked_.end()) {
      foreign = rel;
      break;
    }
    if (!(before->second == stamp)) {
      foreign = rel + "', changed while the run worked";
      break;
    }
  }
  if (foreign.empty()) return;
  std::string kept = target_ + ".previous-XXXXXX";
  if (::mkdtemp(kept.data()) && ::rename(staging_.c_str(), kept.c_str()) == 0)
    kept_ = kept;
  else
    kept_ = staging_;  // left where it is rather than removed
  kept_reason_ = described(foreign);
  staging_.clear();
}

}  // namespace reachmap
