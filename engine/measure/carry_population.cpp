#include "engine/measure/carry_population.hpp"

#include <map>

#include "engine/geo/overlap.hpp"

namespace reachmap {

std::string CarryReport::method() const {
  std::string s = "carried from layer '" + from + "': " + std::to_string(sources_whole) +
                  " areas wholly inside one area, " + std::to_string(sources_shared) +
                  " shared by where their postcodes fall";
  if (sources_by_overlap) s += ", " + std::to_string(sources_by_overlap) + " by area of overlap";
  if (sources_outside) s += ", " + std::to_string(sources_outside) + " outside every area";
  return s;
}

Population carry_population(const Population& source, const BoundaryLayer& from,
                            const BoundaryLayer& to, const std::vector<long>& postcode_source,
                            const std::vector<long>& postcode_target) {
  const std::size_t n_from = from.areas.size(), n_to = to.areas.size();
  // Postcodes per (source, target); target -1 counts the source's postcodes outside the layer.
  std::vector<std::map<long, double>> weights(n_from);
  std::vector<double> postcodes(n_from, 0);
  for (std::size_t i = 0; i < postcode_source.size(); ++i) {
    if (postcode_source[i] < 0) continue;
    const auto s = static_cast<std::size_t>(postcode_source[i]);
    weights[s][postcode_target[i]] += 1;
    postcodes[s] += 1;
  }
  Population out;
  out.scale = source.scale;
  out.scaled_column = source.scaled_column;
  out.by_area.assign(n_to, std::nullopt);
  out.estimated_areas.assign(n_to, source.estimate);
  CarryReport report;
  report.from = from.name;
  std::vector<double> sum(n_to, 0);
  std::vector<char> touched(n_to, 0), missing(n_to, 0);
  for (std::size_t s = 0; s < n_from; ++s) {
    std::vector<std::pair<std::size_t, double>> shares;
    if (postcodes[s] > 0) {
      for (const auto& [t, n] : weights[s])
        if (t >= 0) shares.emplace_back(static_cast<std::size_t>(t), n / postcodes[s]);
    } else {
      shares = overlap_shares(from.areas[s].wkb, to);
      if (!shares.empty()) ++report.sources_by_overlap;
    }
    if (shares.empty()) {
      ++report.sources_outside;
      continue;
    }
    const bool whole = shares.size() == 1 && shares[0].second >= 1 - 1e-12;
    if (postcodes[s] > 0) (whole ? report.sources_whole : report.sources_shared)++;
    for (const auto& [t, share] : shares) {
      touched[t] = 1;
      if (!whole) out.estimated_areas[t] = true;
      if (!source.by_area[s])
        missing[t] = 1;  // a partial sum is never given
      else
        sum[t] += *source.by_area[s] * share;
    }
  }
  for (std::size_t t = 0; t < n_to; ++t) {
    if (touched[t] && !missing[t])
      out.by_area[t] = sum[t];
    else
      out.estimated_areas[t] = false, ++out.areas_without;
    report.areas_estimated += out.estimated_areas[t];
  }
  out.estimate = report.areas_estimated > 0;
  out.carried = report;
  return out;
}

}  // namespace reachmap
