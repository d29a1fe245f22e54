#include "engine/io/sha256.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/io/mapped_file.hpp"

namespace reachmap {

namespace {
constexpr std::uintmax_t kMapFrom = std::uintmax_t(1) << 20;
constexpr std::size_t kSlice = std::size_t(16) << 20;
}  // namespace

std::string sha256_file(const std::string& path, const std::string& display,
                        const std::atomic<bool>* stop) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw Error(ErrorCode::kUnreadableInput, "cannot open to checksum", {display});
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  // A large file is hashed where it is mapped, a slice at a time: read() would copy every byte
  // once more (a national run hashes 1.8 GB of inputs and 200 MB of outputs).
  std::optional<MappedFile> mapped;
  std::error_code size_error;
  if (std::filesystem::file_size(path, size_error) >= kMapFrom && !size_error) {
    try {
      mapped.emplace(path);
    } catch (const Error&) {  // not a file that maps: read it
    }
  }
  if (mapped) {
    for (std::size_t at = 0; at < mapped->size(); at += kSlice) {
      if (stop && stop->load(std::memory_order_relaxed)) return "";
      const char* from = mapped->data() + at;
      const char* to = mapped->data() + std::min(mapped->size(), at + kSlice);
      mapped->populate(from, to);
      EVP_DigestUpdate(ctx.get(), from, std::size_t(to - from));
      mapped->release(from, to);
    }
  } else {
    std::vector<unsigned char> buf(1 << 16);
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
      if (stop && stop->load(std::memory_order_relaxed)) return "";
      EVP_DigestUpdate(ctx.get(), buf.data(), n);
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace reachmap
