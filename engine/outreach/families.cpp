#include "engine/outreach/families.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace reachmap {

std::vector<PostcodeChildren> children_by_postcode(const Analysis& a) {
  // Hashed as met, then put in postcode order: a national run has a million postcodes, and a
  // tree of strings took 3.5 s of it. Keyed by the postcode's directory entry, one per
  // postcode (a child's postcode is the entry's normalised key): a pointer hashes for less
  // than a string.
  std::vector<PostcodeChildren> out;
  std::unordered_map<const DirectoryEntry*, std::size_t> index;
  index.reserve(a.registrations.children.size());
  const auto at = [&](const std::string& postcode, const DirectoryEntry* home,
                      const auto& area_of) -> PostcodeChildren& {
    auto [it, fresh] = index.try_emplace(home, out.size());
    if (fresh) {
      PostcodeChildren& p = out.emplace_back();
      p.postcode = postcode;
      p.x = home->x;
      p.y = home->y;
      for (const auto& layer : a.layers) p.area.push_back(area_of(layer));
    }
    return out[it->second];
  };
  const auto& children = a.registrations.children;
  for (std::size_t c = 0; c < children.size(); ++c) {
    if (!children[c].counted) continue;
    PostcodeChildren& p = at(children[c].postcode, children[c].home,
                             [&](const LayerResult& l) { return l.area_of_child[c]; });
    if (a.attendance.contacts[c] >= 1) {
      ++p.seen;
    } else {
      ++p.not_seen;
      p.not_seen_ids.push_back(children[c].id);
    }
  }
  if (a.known)
    for (std::size_t k = 0; k < a.known->children.size(); ++k) {
      const KnownChild& kc = a.known->children[k];
      if (kc.registration >= 0) continue;
      ++at(kc.postcode, kc.home, [&](const LayerResult& l) {
          return l.area_of_known[k];
        }).not_registered;
    }
  // Postcode order through a permutation: the records are moved once, not at every swap.
  std::vector<std::uint32_t> order(out.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t x, std::uint32_t y) { return out[x].postcode < out[y].postcode; });
  std::vector<PostcodeChildren> sorted;
  sorted.reserve(out.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

std::vector<PointGroup> family_groups(bool with_known) {
  // Told apart by shape as well as colour (Dark2 green and orange; the children to find in
  // the darkest, over the paler classes).
  std::vector<PointGroup> g = {{"children seen", Rgb::hex(0x1b9e77), Shape::kCircle},
                               {"registered, not seen", Rgb::hex(0xd95f02), Shape::kSquare}};
  if (with_known)
    g.push_back({"known to health, not registered", Rgb::hex(0x49006a), Shape::kDiamond});
  return g;
}

std::vector<MapPoint> family_points(const std::vector<PostcodeChildren>& postcodes) {
  std::vector<MapPoint> out;
  out.reserve(postcodes.size() * 2);
  for (const auto& p : postcodes) {
    const int counts[3] = {p.seen, p.not_seen, p.not_registered};
    for (int g = 0; g < 3; ++g)
      if (counts[g] > 0) out.push_back({p.x, p.y, "", double(counts[g]), g});
  }
  return out;
}

}  // namespace reachmap
