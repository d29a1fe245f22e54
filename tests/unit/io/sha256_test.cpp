// SHA-256 of files against the published test vectors (FIPS 180-2, appendix B; NIST CAVS).
#include "engine/io/sha256.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>

#include "engine/core/error.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

TEST(Sha256, PublishedTestVectors) {
  TempDir dir("sha");
  const std::pair<std::string, const char*> vectors[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"}};
  for (const auto& [text, digest] : vectors) {
    write_text(dir / "f", text);
    EXPECT_EQ(sha256_file(dir / "f", "f"), digest) << text.size() << " bytes";
  }
}

TEST(Sha256, AMissingFileIsAnError) {
  EXPECT_THROW(sha256_file("/nonexistent/f", "f"), Error);
}

// A run that fails stops hashing its inputs (pipeline.hpp: InputDigests): nothing is given
// once asked to stop; not asked, the digest is the published one.
TEST(Sha256, StopsWhenAsked) {
  TempDir dir("sha-stop");
  write_text(dir / "f", std::string(1000000, 'a'));
  std::atomic<bool> stop{true};
  EXPECT_EQ(sha256_file(dir / "f", "f", &stop), "");
  stop = false;
  EXPECT_EQ(sha256_file(dir / "f", "f", &stop),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// A 40 MB file (many buffers of the read) gives coreutils' sha256sum's digest.
TEST(Sha256, ALargeFileGivesSha256sumsDigest) {
  TempDir dir("sha-large");
  std::string text(40u << 20, '\0');
  std::uint32_t state = 7;
  for (char& c : text) {
    state = state * 1664525u + 1013904223u;
    c = static_cast<char>(state >> 24);
  }
  write_text(dir / "big", text);
  const std::string path = dir / "big";
  std::FILE* p = ::popen(("sha256sum '" + path + "'").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char line[65] = {};
  ASSERT_EQ(std::fread(line, 1, 64, p), 64u);
  ::pclose(p);
  EXPECT_EQ(sha256_file(path, "big"), std::string(line, 64));
}
