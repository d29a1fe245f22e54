#include "engine/geo/placement.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <utility>

#include "engine/core/parallel.hpp"
#include "engine/geo/area_locator.hpp"

namespace reachmap {

namespace {

// Points are sorted in blocks of 2^20: a block's index fits below the 40-bit locality key.
constexpr int kBlockBits = 20;
constexpr std::size_t kBlock = std::size_t{1} << kBlockBits;

// Sorts keys by their locality key (bits 20 to 59), least significant digit first: four
// stable passes of 10 bits, linear in the block where a comparison sort is n log n.
void sort_by_locality(std::vector<std::uint64_t>& keys, std::vector<std::uint64_t>& scratch) {
  scratch.resize(keys.size());
  for (int shift = kBlockBits; shift < kBlockBits + 40; shift += 10) {
    std::array<std::size_t, 1024> start{};
    for (const std::uint64_t k : keys) ++start[(k >> shift) & 1023];
    std::size_t sum = 0;
    for (std::size_t& c : start) sum += std::exchange(c, sum);
    for (const std::uint64_t k : keys) scratch[start[(k >> shift) & 1023]++] = k;
    keys.swap(scratch);
  }
}

}  // namespace

std::vector<long> place_points(const BoundaryLayer& layer, const std::vector<Point>& points,
                               int threads, const ProgressFn& progress) {
  if (layer.index) return place_points(layer, *layer.index, points, threads, progress);
  const AreaIndex index(layer, threads);
  return place_points(layer, index, points, threads, progress);
}

void ensure_index(BoundaryLayer& layer, int threads) {
  if (!layer.index) layer.index = std::make_shared<const AreaIndex>(layer, threads);
}

std::vector<long> place_points(const BoundaryLayer& layer, const AreaIndex& index,
                               const std::vector<Point>& points, int threads,
                               const ProgressFn& progress) {
  std::vector<long> out(points.size(), -1);
  const std::size_t n = points.size();
  const std::size_t workers = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(threads), n / 1000 + 1));
  std::atomic<std::size_t> done{0};
  const std::string stage = "place " + layer.name;
  auto work = [&](std::size_t begin, std::size_t end, bool reporter) {
    AreaLocator locator(layer, index);
    // Points in Z-order share tree paths and leaves: far fewer cache misses than file order.
    // Each result still goes to its own slot, so the order changes nothing but speed. A block's
    // keys carry the point's place in the block in their low bits, sorted by radix.
    std::vector<std::uint64_t> keys, scratch;
    for (std::size_t b0 = begin; b0 < end; b0 += kBlock) {
      const std::size_t b1 = std::min(end, b0 + kBlock);
      keys.resize(b1 - b0);
      for (std::size_t i = b0; i < b1; ++i)
        keys[i - b0] = index.locality_key(points[i].x, points[i].y) << kBlockBits | (i - b0);
      sort_by_locality(keys, scratch);
      for (std::size_t k = 0; k < keys.size(); ++k) {
        const std::size_t i = b0 + (keys[k] & (kBlock - 1));
        out[i] = locator.locate(points[i].x, points[i].y);
        if (k % 4096 == 4095) {
          const std::size_t d = done.fetch_add(4096) + 4096;
          if (reporter) report(progress, stage, d, n);
        }
      }
    }
  };
  std::vector<std::function<void()>> jobs;
  for (std::size_t w = 0; w < workers; ++w)
    jobs.push_back(
        [&work, w, b = n * w / workers, e = n * (w + 1) / workers] { work(b, e, w == 0); });
  run_jobs(jobs, static_cast<int>(workers));
  report(progress, stage, n, n, true);
  return out;
}

}  // namespace reachmap
