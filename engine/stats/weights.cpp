#include "engine/stats/weights.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace reachmap {

Neighbours contiguity(const SharedPoints& shared, bool queen) {
  Neighbours nb(shared.size());
  const unsigned least = queen ? 1 : 2;
  for (std::size_t p = 0; p < shared.size(); ++p)
    for (std::uint32_t k = shared.first[p]; k < shared.first[p + 1]; ++k)
      if (shared.count[k] >= least) nb[p].push_back(shared.other[k]);
  // Make the relation symmetric (snapping can be one-sided near a tolerance's edge).
  for (std::size_t p = 0; p < nb.size(); ++p)
    for (std::size_t q : nb[p])
      if (!std::binary_search(nb[q].begin(), nb[q].end(), p)) {
        nb[q].insert(std::lower_bound(nb[q].begin(), nb[q].end(), p), p);
      }
  return nb;
}

Neighbours contiguity(const std::vector<std::vector<Ring>>& polygons, bool queen, double snap,
                      int threads) {
  return contiguity(shared_points(polygons, snap, threads), queen);
}

Neighbours k_nearest(const std::vector<XY>& points, int k) {
  Neighbours nb(points.size());
  std::vector<std::pair<double, std::size_t>> d;
  for (std::size_t i = 0; i < points.size(); ++i) {
    d.clear();
    for (std::size_t j = 0; j < points.size(); ++j)
      if (j != i)
        d.emplace_back(std::hypot(points[i].x - points[j].x, points[i].y - points[j].y), j);
    const std::size_t kk = std::min<std::size_t>(static_cast<std::size_t>(k), d.size());
    std::partial_sort(d.begin(), d.begin() + static_cast<long>(kk), d.end());
    for (std::size_t t = 0; t < kk; ++t) nb[i].push_back(d[t].second);
    std::sort(nb[i].begin(), nb[i].end());
  }
  return nb;
}

Neighbours distance_band(const std::vector<XY>& points, double distance) {
  Neighbours nb(points.size());
  // Sweep along x: only points within `distance` in x can be neighbours.
  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return points[a].x < points[b].x; });
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t b = a + 1; b < order.size(); ++b) {
      const XY p = points[order[a]], q = points[order[b]];
      if (q.x - p.x > distance) break;
      if (std::hypot(q.x - p.x, q.y - p.y) <= distance) {
        nb[order[a]].push_back(order[b]);
        nb[order[b]].push_back(order[a]);
      }
    }
  for (auto& list : nb) std::sort(list.begin(), list.end());
  return nb;
}

std::vector<std::size_t> islands(const Neighbours& nb) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nb.size(); ++i)
    if (nb[i].empty()) out.push_back(i);
  return out;
}

Neighbours subset(const Neighbours& nb, const std::vector<bool>& keep) {
  std::vector<long> index(nb.size(), -1);
  long next = 0;
  for (std::size_t i = 0; i < nb.size(); ++i)
    if (keep[i]) index[i] = next++;
  Neighbours out(static_cast<std::size_t>(next));
  for (std::size_t i = 0; i < nb.size(); ++i) {
    if (!keep[i]) continue;
    for (std::size_t j : nb[i])
      if (keep[j])
        out[static_cast<std::size_t>(index[i])].push_back(static_cast<std::size_t>(index[j]));
  }
  return out;
}

WeightsMatrix row_standardised(const Neighbours& nb) {
  std::vector<Eigen::Triplet<double>> t;
  for (std::size_t i = 0; i < nb.size(); ++i)
    for (std::size_t j : nb[i])
      t.emplace_back(static_cast<int>(i), static_cast<int>(j),
                     1.0 / static_cast<double>(nb[i].size()));
  WeightsMatrix w(static_cast<long>(nb.size()), static_cast<long>(nb.size()));
  w.setFromTriplets(t.begin(), t.end());
  return w;
}

}  // namespace reachmap
