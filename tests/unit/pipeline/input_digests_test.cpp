// The inputs' digests: a file unchanged since the last run keeps the digest that run recorded,
// and any sign of a change (another file, another size, a later modification or change time, a
// digest taken too soon after the file was written) has it hashed again.
#include "engine/pipeline/input_digests.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "engine/config/config.hpp"
#include "engine/io/sha256.hpp"
#include "engine/pipeline/manifest.hpp"
#include "tests/support/tiny_analysis.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A digest of a file whose times are `age` before it was taken.
InputDigest taken(std::int64_t age) {
  InputDigest d;
  d.sha256 = std::string(64, 'a');
  d.file = {1, 2, 300, 10 * kSecond, 10 * kSecond};
  d.hashed_at_ns = 10 * kSecond + age;
  return d;
}

// The tiny fixture copied where a test may change its files, with a config that reads them.
std::string writable_tiny(const TempDir& dir) {
  std::filesystem::copy(kTinyFixture, dir / "in", std::filesystem::copy_options::recursive);
  return write_tiny_config(dir, 0, "", dir / "in");
}

// What the last run recorded of every input, as if it had hashed them `age` after their times.
InputDigestMap recorded_as_if(const Config& config, std::int64_t age) {
  InputDigestMap out = input_digests(config);
  for (auto& [path, d] : out) {
    d.sha256 = std::string(64, 'e');  // so that a reused digest shows
    d.hashed_at_ns = std::max(d.file.modified_ns, d.file.changed_ns) + age;
  }
  return out;
}

}  // namespace

TEST(InputDigests, ADigestStandsForTheSameFileWithSettledTimesOnly) {
  const InputDigest d = taken(3 * kSecond);
  EXPECT_TRUE(still_stands(d, d.file));
  auto other = d.file;
  other.inode = 3;  // another file moved in
  EXPECT_FALSE(still_stands(d, other));
  other = d.file;
  other.size = 301;
  EXPECT_FALSE(still_stands(d, other));
  other = d.file;
  other.modified_ns += 1;
  EXPECT_FALSE(still_stands(d, other));
  other = d.file;
  other.changed_ns += kSecond;  // written in place with its modification time set back
  EXPECT_FALSE(still_stands(d, other));
  // Its contents written long ago, its inode changed just before it was hashed (a chmod, or its
  // modification time set back after a write): hashed again.
  InputDigest touched = taken(3 * kSecond);
  touched.file.changed_ns = touched.hashed_at_ns - kSecond;
  EXPECT_FALSE(still_stands(touched, touched.file));
  // Taken within two seconds of the file's last change: it may have changed again within the
  // file system clock's tick, so it is hashed again.
  EXPECT_FALSE(still_stands(taken(kSecond), taken(kSecond).file));
  EXPECT_TRUE(still_stands(taken(2 * kSecond), taken(2 * kSecond).file));
  InputDigest none = d;
  none.sha256.clear();  // a hashing that was stopped
  EXPECT_FALSE(still_stands(none, none.file));
  InputDigest garbage = d;
  garbage.sha256 = std::string(63, 'a') + "<";  // a damaged record: not published as a digest
  EXPECT_FALSE(still_stands(garbage, garbage.file));
}

TEST(InputDigests, UnchangedFilesKeepTheirDigestsAndAChangedOneIsHashedAgain) {
  TempDir dir("input-digests-reuse");
  const Config config = load_config(writable_tiny(dir));
  const InputDigestMap before = recorded_as_if(config, 3 * kSecond);
  ASSERT_EQ(before.size(), input_files(config).size());

  InputDigestMap again = input_digests(config, before);
  for (const InputFile& in : input_files(config)) {
    EXPECT_EQ(again.at(in.path).sha256, std::string(64, 'e')) << in.role;
    EXPECT_TRUE(again.at(in.path).reused) << in.role;
    EXPECT_EQ(again.at(in.path).hashed_at_ns, before.at(in.path).hashed_at_ns) << in.role;
  }

  // The attendance file gets a row: its own digest, the others' kept.
  {
    std::ofstream out(config.attendance.path, std::ios::app);
    out << "K01,2025-06-02,CC1,play,\n";
  }
  again = input_digests(config, before);
  const InputDigest& changed = again.at(config.attendance.path);
  EXPECT_FALSE(changed.reused);
  EXPECT_EQ(changed.sha256, sha256_file(config.attendance.path, "attendance"));
  EXPECT_GE(changed.hashed_at_ns, now_ns() - 60 * kSecond);
  EXPECT_EQ(changed.file, identity_of(config.attendance.path));
  EXPECT_TRUE(again.at(config.postcodes.path).reused);

  // Recorded too soon after the files were written: every one hashed again.
  for (const auto& [path, d] : input_digests(config, recorded_as_if(config, kSecond)))
    EXPECT_FALSE(d.reused) << path;
}

TEST(InputDigests, TheRecordIsReadBackFromThePrivateManifest) {
  TempDir dir("input-digests-record");
  EXPECT_TRUE(recorded_digests(dir / "missing.json").empty());
  write_text(dir / "not-json.json", "{ half");
  EXPECT_TRUE(recorded_digests(dir / "not-json.json").empty());
  // One good entry, one without its times, one with a size no integer holds: only the first.
  write_text(dir / "manifest.json",
             R"({"input_digests": [
                   {"path": "/data/a.csv", "sha256": "ab", "device": 5, "inode": 6, "size": 7,
                    "modified_ns": 8, "changed_ns": 9, "hashed_at_ns": 10, "reused": true},
                   {"path": "/data/b.csv", "sha256": "cd", "device": 5},
                   {"path": "/data/c.csv", "sha256": "ef", "device": 5, "inode": 6, "size": 1e30,
                    "modified_ns": 8, "changed_ns": 9, "hashed_at_ns": 10}]})");
  const InputDigestMap read = recorded_digests(dir / "manifest.json");
  ASSERT_EQ(read.size(), 1u);
  const InputDigest& a = read.at("/data/a.csv");
  EXPECT_EQ(a.sha256, "ab");
  EXPECT_EQ(a.file, (FileIdentity{5, 6, 7, 8, 9}));
  EXPECT_EQ(a.hashed_at_ns, 10);
  EXPECT_FALSE(a.reused);  // said of this run's use, not read back
}
