// SHA-256 of a file, for the manifest (OpenSSL's EVP digest: no hand-written crypto).
#pragma once

#include <atomic>
#include <string>

namespace reachmap {

// Lower-case hex digest; throws Error(kUnreadableInput) when the file cannot be read. Once
// `stop` (when given) is set, returns "" at the next block read.
std::string sha256_file(const std::string& path, const std::string& display,
                        const std::atomic<bool>* stop = nullptr);

}  // namespace reachmap
