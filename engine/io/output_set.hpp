// The output folder is replaced as a whole: every file of a run is written into a staging
// folder beside the target, which is then swapped in with one atomic rename (Linux
// renameat2 RENAME_EXCHANGE), so a reader sees the old complete set or the new complete set,
// never a mix. A lock (flock on a `.<name>.lock` file beside the target) keeps two runs from
// writing the same target; staging folders left by a killed run are removed by the next one;
// the staging folder is removed on any failure. reachmap never writes over an input, and
// never replaces a non-empty folder it did not make (its sets carry a `.reachmap-output`
// marker and hold nothing but the files its manifests list, with the bytes they list).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace reachmap {

// What lstat says of an entry: enough to see that it changed (size and modification time of
// a file; a folder by its mode only).
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint32_t mode = 0;
  bool operator==(const FileStamp&) const = default;
};
// Every entry below `folder` (relative path, links not followed) with its stamp.
std::map<std::string, FileStamp> file_stamps(const std::string& folder);

class OutputSet {
 public:
  // Throws Error(kOutput) with a hint when the target is locked by another run, is or holds
  // one of `inputs`, or is a non-empty folder reachmap did not make.
  OutputSet(std::string target, const std::vector<std::string>& inputs);
  ~OutputSet();  // removes the staging folder unless committed; releases the lock
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  OutputSet(OutputSet&& other) noexcept;
  OutputSet& operator=(OutputSet&&) = delete;

  const std::string& staging() const { return staging_; }
  const std::string& target() const { return target_; }
  // Every file in the staging folder, relative to it, in byte order (the manifest lists them).
  std::vector<std::string> files() const;
  // Swaps the staging folder in and removes the old set; when something not reachmap's was
  // saved into the old set while the run worked, keeps it beside the new one instead.
  void commit();
  // Where the old set was kept, and the first thing in it that was not reachmap's ("notes.txt'"
  // ...); empty when it was removed.
  const std::string& kept() const { return kept_; }
  const std::string& kept_reason() const { return kept_reason_; }

 private:
  std::string target_, staging_, kept_, kept_reason_;
  std::map<std::string, FileStamp> checked_;  // the old set as it was checked
  int lock_fd_ = -1;
  bool committed_ = false;
};

// The first entry (in path order, followed by "'" and why, for a message) of a non-empty
// folder that a run did not write: anything when the folder has no marker; else a link, a
// device, a file its manifests do not list or list with other bytes, a folder of none of
// those, a GeoPackage's side file (open in another program). Empty: the folder is
// reachmap's to replace.
std::string first_foreign_entry(const std::string& folder);

// The marker file every output set holds.
inline constexpr const char* kOutputMarker = ".reachmap-output";

}  // namespace reachmap
