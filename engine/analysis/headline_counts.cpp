#include "engine/analysis/headline_counts.hpp"

#include "engine/core/record_key.hpp"

namespace reachmap {

HeadlineCounts headline_counts(const Analysis& a) {
  if (a.headline) return *a.headline;
  HeadlineCounts h;
  const Registrations& r = a.registrations;
  // The counted children's keys, each headline's in one pass (two million children nationally,
  // and the manifest, the report and the summary each ask).
  h.counted.n = r.counted, h.terminated.n = r.terminated_postcodes;
  h.large_user.n = r.large_user_postcodes, h.imputed.n = r.imputed_locations;
  h.approximate.n = r.approximate_locations;
  std::vector<HeadlineCount> outside(a.layers.size());
  for (std::size_t i = 0; i < a.layers.size(); ++i) outside[i].n = a.layers[i].outside;
  for (std::size_t c = 0; c < r.children.size(); ++c) {
    const Child& child = r.children[c];
    if (!child.counted) continue;
    add_key(h.counted.key, child.key);
    const DirectoryEntry& home = *child.home;
    if (home.terminated) add_key(h.terminated.key, child.key);
    if (home.large_user) add_key(h.large_user.key, child.key);
    if (home.quality == LocationQuality::kImputed) add_key(h.imputed.key, child.key);
    if (home.quality == LocationQuality::kApproximate) add_key(h.approximate.key, child.key);
    for (std::size_t i = 0; i < a.layers.size(); ++i)
      if (a.layers[i].area_of_child[c] < 0) add_key(outside[i].key, child.key);
  }
  if (a.known) {
    const KnownChildren& k = *a.known;
    h.known = {k.children.size(), known_key(k)};
    h.known_by_id = {k.matched_by_id,
                     known_key(k, [](const KnownChild& c) { return c.matched_by_id; })};
    h.known_by_postcode_and_month = {
        k.matched_by_postcode_and_month,
        known_key(k, [](const KnownChild& c) { return c.registration >= 0 && !c.matched_by_id; })};
    h.known_not_registered = {k.not_registered(),
                              known_key(k, [](const KnownChild& c) { return c.registration < 0; })};
    h.known_ids_not_registered = {k.ids_not_registered, known_key(k, [](const KnownChild& c) {
                                    return !c.id.empty() && !c.matched_by_id;
                                  })};
  }
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    h.outside.push_back(outside[i]);
    h.placed.push_back({r.counted - a.layers[i].outside,
                        static_cast<std::uint8_t>(h.counted.key - outside[i].key)});
  }
  return h;
}

std::variant<std::int64_t, std::string> published(const HeadlineCount& c, const PrivacyRule& rule) {
  return published_count(static_cast<std::int64_t>(c.n), rule, c.key);
}

std::string published_text(const HeadlineCount& c, const PrivacyRule& rule) {
  return published_count_text(static_cast<std::int64_t>(c.n), rule, c.key);
}

}  // namespace reachmap
