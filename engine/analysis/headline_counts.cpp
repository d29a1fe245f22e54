#include "engine/analysis/headline_counts.hpp"

namespace reachmap {

HeadlineCounts headline_counts(const Analysis& a) {
  HeadlineCounts h;
  const Registrations& r = a.registrations;
  const auto of_children = [&](std::size_t n, auto which) {
    return HeadlineCount{n, counted_key(r, which)};
  };
  const auto at_home = [&](std::size_t n, auto has) {
    return of_children(n, [&](std::size_t, const Child& c) { return has(*c.home); });
  };
  h.counted = {r.counted, counted_key(r)};
  h.terminated =
      at_home(r.terminated_postcodes, [](const DirectoryEntry& e) { return e.terminated; });
  h.large_user =
      at_home(r.large_user_postcodes, [](const DirectoryEntry& e) { return e.large_user; });
  h.imputed = at_home(r.imputed_locations, [](const DirectoryEntry& e) {
    return e.quality == LocationQuality::kImputed;
  });
  h.approximate = at_home(r.approximate_locations, [](const DirectoryEntry& e) {
    return e.quality == LocationQuality::kApproximate;
  });
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
  for (const LayerResult& l : a.layers) {
    const HeadlineCount outside =
        of_children(l.outside, [&](std::size_t c, const Child&) { return l.area_of_child[c] < 0; });
    h.outside.push_back(outside);
    h.placed.push_back(
        {r.counted - l.outside, static_cast<std::uint8_t>(h.counted.key - outside.key)});
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
