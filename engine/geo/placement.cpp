#include "engine/geo/placement.hpp"

#include <algorithm>
#include <atomic>
#include <functional>

#include "engine/core/parallel.hpp"
#include "engine/geo/area_locator.hpp"

namespace reachmap {

std::vector<long> place_points(const BoundaryLayer& layer, const std::vector<Point>& points,
                               int threads, const ProgressFn& progress) {
  const AreaIndex index(layer, threads);
  return place_points(index, points, threads, progress);
}

std::vector<long> place_points(const AreaIndex& index, const std::vector<Point>& points,
                               int threads, const ProgressFn& progress) {
  const BoundaryLayer& layer = index.layer();
  std::vector<long> out(points.size(), -1);
  const std::size_t n = points.size();
  const std::size_t workers = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(threads), n / 1000 + 1));
  std::atomic<std::size_t> done{0};
  const std::string stage = "place " + layer.name;
  auto work = [&](std::size_t begin, std::size_t end, bool reporter) {
    AreaLocator locator(index);
    // Points in Z-order share tree paths and leaves: far fewer cache misses than file order.
    // Each result still goes to its own slot, so the order changes nothing but speed.
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    order.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
      order.push_back({index.locality_key(points[i].x, points[i].y), i});
    std::sort(order.begin(), order.end());
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k].second;
      out[i] = locator.locate(points[i].x, points[i].y);
      if (k % 4096 == 4095) {
        const std::size_t d = done.fetch_add(4096) + 4096;
        if (reporter) report(progress, stage, d, n);
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
