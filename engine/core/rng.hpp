// Counter-based random numbers: a value is a pure function of (seed, keys), so results do not
// depend on the order work is done in or on the number of threads.
#pragma once

#include <cstdint>

namespace reachmap {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::uint64_t hash_keys(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0,
                               std::uint64_t c = 0) {
  return splitmix64(splitmix64(splitmix64(splitmix64(seed) ^ a) ^ b) ^ c);
}

// hash_keys(seed, a, b, c) in steps, for many draws that share seed, a and b:
// hash_last(hash_prefix(seed, a, b), c); and for many that share only seed and a:
// hash_last(hash_last(hash_prefix(seed, a), b), c).
inline std::uint64_t hash_last(std::uint64_t prefix, std::uint64_t c) {
  return splitmix64(prefix ^ c);
}
inline std::uint64_t hash_prefix(std::uint64_t seed, std::uint64_t a) {
  return hash_last(splitmix64(seed), a);
}
inline std::uint64_t hash_prefix(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return hash_last(hash_prefix(seed, a), b);
}

// Uniform in [0, 1) with 53 random bits.
inline double uniform01(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// A sequential stream for generators: the n-th draw is hash(seed, stream, n).
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) : seed_(seed), stream_(stream) {}
  std::uint64_t next_bits() { return hash_keys(seed_, stream_, counter_++); }
  double uniform() { return uniform01(next_bits()); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * n); }
  bool chance(double p) { return uniform() < p; }
  double normal();  // Box-Muller, portable (no std:: distributions)

 private:
  std::uint64_t seed_, stream_, counter_ = 0;
};

}  // namespace reachmap
