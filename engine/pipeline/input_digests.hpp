// The inputs' SHA-256 for the manifest. Hashing them costs over a second of CPU a national run
// (1.75 GB, most of it the attendance file), every run. A file unchanged since the last run into
// the same output folder keeps the digest that run recorded in private/manifest.json, the way git
// trusts its index: the same device, inode, size, modification and change time, both times at
// least two seconds older than when that digest was taken (a file written while or just before
// it was hashed is hashed again). The change time cannot be set back by anyone but the clock's
// owner, so a file edited in place, copied over or moved in is hashed again.
#pragma once

#include <atomic>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace reachmap {

struct Config;

// What stat says of a file: enough to see that it is another file or that it changed.
struct FileIdentity {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
// nullopt when the file cannot be stat'ed.
std::optional<FileIdentity> identity_of(const std::string& path);

struct InputDigest {
  std::string sha256;             // lower-case hex
  FileIdentity file;              // as it was before it was hashed
  std::int64_t hashed_at_ns = 0;  // the real-time clock when hashing began
  bool reused = false;            // taken from the last run's record
};
using InputDigestMap = std::map<std::string, InputDigest>;  // by the path the run opens

// Whether `before` still stands for the file as it is `now` (see the top of this file).
bool still_stands(const InputDigest& before, const FileIdentity& now);

// The digests the last run recorded in `private_manifest` (its "input_digests"); empty when
// the file is missing or is not such a record.
InputDigestMap recorded_digests(const std::string& private_manifest);

// Each input file's digest, reusing `previous` where it still stands. Once `stop` (when given)
// is set, returns what it has.
InputDigestMap input_digests(const Config& config, const InputDigestMap& previous = {},
                             const std::atomic<bool>* stop = nullptr);

// input_digests on a thread of its own at the lowest priority, from when this is made: the
// run's steps on one thread (the postcode directory, placement, the audit's largest part) leave
// a core for it. Made before analyse(); `config` must outlive it.
class InputDigests {
 public:
  explicit InputDigests(const Config& config, InputDigestMap previous = {});
  ~InputDigests();  // stops the hashing and waits for its thread
  InputDigests(const InputDigests&) = delete;
  InputDigests& operator=(const InputDigests&) = delete;
  InputDigestMap get();  // waits for them; once

 private:
  std::unique_ptr<std::atomic<bool>> stop_;
  InputDigestMap previous_;
  std::future<InputDigestMap> digests_;
};

}  // namespace reachmap
