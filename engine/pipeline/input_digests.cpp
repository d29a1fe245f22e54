#include "engine/pipeline/input_digests.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "engine/config/config.hpp"
#include "engine/core/parallel.hpp"  // at_lowest_priority
#include "engine/io/sha256.hpp"
#include "engine/pipeline/manifest.hpp"  // input_files

namespace reachmap {

namespace {
// Coarse file-system clocks and a file written just before it was hashed: git's "racily clean".
constexpr std::int64_t kSettledNs = 2'000'000'000;

std::int64_t realtime_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::optional<FileIdentity> identity_of(const std::string& path) {
  // Opened, then asked: on NFS an open refreshes the attributes a plain stat may take from a
  // cache a minute old (a file changed from another machine would look unchanged).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  const int got = ::fstat(fd, &st);
  ::close(fd);
  if (got != 0) return std::nullopt;
  FileIdentity id;
  id.device = st.st_dev;
  id.inode = st.st_ino;
  id.size = static_cast<std::uint64_t>(st.st_size);
  id.modified_ns = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  id.changed_ns = std::int64_t(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  return id;
}

bool still_stands(const InputDigest& before, const FileIdentity& now) {
  const bool hex = before.sha256.size() == 64 &&
                   before.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
  return hex && before.file == now && now.modified_ns <= before.hashed_at_ns - kSettledNs &&
         now.changed_ns <= before.hashed_at_ns - kSettledNs;
}

InputDigestMap recorded_digests(const std::string& private_manifest) {
  InputDigestMap out;
  std::ifstream in(private_manifest, std::ios::binary);
  if (!in) return out;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto m = nlohmann::json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object() || !m.contains("input_digests") ||
      !m["input_digests"].is_array())
    return out;
  // Whole numbers only: a float (1e30) would not convert to an integer defined.
  const auto integer = [](const nlohmann::json& e, const char* key) -> const nlohmann::json& {
    const auto& v = e.at(key);
    if (!v.is_number_integer())
      throw nlohmann::json::type_error::create(302, std::string(key) + " is not whole", &v);
    return v;
  };
  for (const auto& e : m["input_digests"]) {
    try {
      InputDigest d;
      d.sha256 = e.at("sha256").get<std::string>();
      d.file.device = integer(e, "device").get<std::uint64_t>();
      d.file.inode = integer(e, "inode").get<std::uint64_t>();
      d.file.size = integer(e, "size").get<std::uint64_t>();
      d.file.modified_ns = integer(e, "modified_ns").get<std::int64_t>();
      d.file.changed_ns = integer(e, "changed_ns").get<std::int64_t>();
      d.hashed_at_ns = integer(e, "hashed_at_ns").get<std::int64_t>();
      out[e.at("path").get<std::string>()] = d;
    } catch (const nlohmann::json::exception&) {
      // not such a record: that file is hashed again
    }
  }
  return out;
}

InputDigestMap input_digests(const Config& config, const InputDigestMap& previous,
                             const std::atomic<bool>* stop) {
  InputDigestMap out;
  for (const InputFile& in : input_files(config)) {
    if (stop && stop->load()) break;
    if (out.count(in.path)) continue;
    const auto now = identity_of(in.path);
    const auto before = previous.find(in.path);
    if (now && before != previous.end() && still_stands(before->second, *now)) {
      InputDigest kept = before->second;
      kept.reused = true;
      out[in.path] = kept;
      continue;
    }
    InputDigest d;
    d.hashed_at_ns = realtime_ns();
    if (now) d.file = *now;  // taken first: a change while hashing leaves a later change time
    d.sha256 = sha256_file(in.path, in.display, stop);
    if (!d.sha256.empty()) out[in.path] = d;
  }
  return out;
}

InputDigests::InputDigests(const Config& config, InputDigestMap previous)
    : stop_(std::make_unique<std::atomic<bool>>(false)), previous_(std::move(previous)) {
  digests_ = at_lowest_priority(std::launch::async, [&config, this, stop = stop_.get()] {
    return input_digests(config, previous_, stop);
  });
}

InputDigests::~InputDigests() {
  stop_->store(true);  // a run that failed does not wait for them
  if (digests_.valid()) digests_.wait();
}

InputDigestMap InputDigests::get() {
  return digests_.get();
}

}  // namespace reachmap
