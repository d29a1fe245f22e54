#include "engine/outreach/families.hpp"

#include <algorithm>
#include <cstdint>

namespace reachmap {

namespace {

// A postcode's first eight bytes as one integer that orders as the string does (bytes compare
// unsigned, a shorter string first): most comparisons of a sort by postcode in one step.
std::uint64_t prefix_of(std::string_view s) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i)
    key = key << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return key;
}

}  // namespace

std::vector<PostcodeChildren> children_by_postcode(const Analysis& a) {
  // Every counted child, then every known child not registered, sorted by postcode (a child's
  // postcode is its directory entry's normalised key, one a postcode) and in that order within
  // one; each run of a postcode is one record. A hash of the postcodes as met, then a sort of
  // the million records by their strings, took 1.2 CPU s of a national run.
  struct Member {
    std::uint64_t prefix;
    std::uint32_t index;  // a child's; a known child's after them all
    bool longer;          // than the prefix: its postcode is read when the prefixes are equal
  };
  const auto& children = a.registrations.children;
  const std::size_t known_from = children.size();
  std::vector<Member> members;
  members.reserve(children.size());
  for (std::size_t c = 0; c < children.size(); ++c)
    if (children[c].counted)
      members.push_back(
          {prefix_of(children[c].postcode), std::uint32_t(c), children[c].postcode.size() > 8});
  if (a.known)
    for (std::size_t k = 0; k < a.known->children.size(); ++k)
      if (a.known->children[k].registration < 0)
        members.push_back({prefix_of(a.known->children[k].postcode), std::uint32_t(known_from + k),
                           a.known->children[k].postcode.size() > 8});
  const auto postcode = [&](const Member& m) -> std::string_view {
    return m.index < known_from ? children[m.index].postcode
                                : a.known->children[m.index - known_from].postcode;
  };
  // Equal prefixes of postcodes no longer than them are equal postcodes: a UK postcode, at most
  // eight characters, is never read from its child in the sort.
  const auto compare = [&](const Member& x, const Member& y) {
    if (x.prefix != y.prefix) return x.prefix < y.prefix ? -1 : 1;
    return x.longer || y.longer ? postcode(x).compare(postcode(y)) : 0;
  };
  std::sort(members.begin(), members.end(), [&](const Member& x, const Member& y) {
    const int c = compare(x, y);
    return c != 0 ? c < 0 : x.index < y.index;
  });
  std::size_t postcodes = 0;
  for (std::size_t i = 0; i < members.size(); ++i)
    postcodes += i == 0 || compare(members[i - 1], members[i]) != 0;
  std::vector<PostcodeChildren> out;
  out.reserve(postcodes);
  for (std::size_t i = 0; i < members.size();) {
    std::size_t j = i + 1;
    while (j < members.size() && compare(members[i], members[j]) == 0) ++j;
    PostcodeChildren& p = out.emplace_back();
    const Member& first = members[i];
    p.postcode = postcode(first);
    const DirectoryEntry* home = first.index < known_from
                                     ? children[first.index].home
                                     : a.known->children[first.index - known_from].home;
    p.x = home->x;
    p.y = home->y;
    p.area.reserve(a.layers.size());
    for (const auto& layer : a.layers)
      p.area.push_back(first.index < known_from ? layer.area_of_child[first.index]
                                                : layer.area_of_known[first.index - known_from]);
    for (std::size_t m = i; m < j; ++m) {
      const std::uint32_t c = members[m].index;
      if (c >= known_from)
        ++p.not_registered;
      else if (a.attendance.contacts[c] >= 1)
        ++p.seen;
      else
        ++p.not_seen;
    }
    p.not_seen_ids.reserve(std::size_t(p.not_seen));
    for (std::size_t m = i; m < j; ++m) {
      const std::uint32_t c = members[m].index;
      if (c < known_from && a.attendance.contacts[c] < 1) p.not_seen_ids.push_back(children[c].id);
    }
    i = j;
  }
  return out;
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

std::vector<FamilyPoint> family_points(const std::vector<PostcodeChildren>& postcodes) {
  std::size_t n = 0;  // counted first: room for two a postcode was a third too much
  for (const auto& p : postcodes) n += (p.seen > 0) + (p.not_seen > 0) + (p.not_registered > 0);
  std::vector<FamilyPoint> out;
  out.reserve(n);
  for (const auto& p : postcodes) {
    const int counts[3] = {p.seen, p.not_seen, p.not_registered};
    for (int g = 0; g < 3; ++g)
      if (counts[g] > 0) out.push_back({p.x, p.y, double(counts[g]), g});
  }
  return out;
}

}  // namespace reachmap
