#include "engine/io/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "engine/core/error.hpp"

namespace reachmap {

std::string sha256_file(const std::string& path, const std::string& display,
                        const std::atomic<bool>* stop) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw Error(ErrorCode::kUnreadableInput, "cannot open to checksum", {display});
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<unsigned char> buf(1 << 16);
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
    if (stop && stop->load(std::memory_order_relaxed)) return "";
    EVP_DigestUpdate(ctx.get(), buf.data(), n);
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
