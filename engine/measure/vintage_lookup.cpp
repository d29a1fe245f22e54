#include "engine/measure/vintage_lookup.hpp"

#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

VintageLookup load_vintage_lookup(const LookupSource& section, Accounting& accounting) {
  CsvReader csv(section);
  const std::size_t c_old = csv.require_column(section.old_code);
  const std::size_t c_new = csv.require_column(section.new_code);
  // The change indicator is optional unless named: it only feeds the manifest's counts.
  const int c_change = csv.optional_column(section.change);
  VintageLookup out;
  out.display = section.display;
  out.old_name = section.old_code.name;
  out.new_name = section.new_code.name;
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    VintageLookup::Pair p{
        std::string(trim(row[c_old])), std::string(trim(row[c_new])),
        c_change >= 0 ? std::string(trim(row[static_cast<std::size_t>(c_change)])) : ""};
    if (p.old_code.empty() || p.new_code.empty()) {
      accounting.reject(section.display, row.line, "missing area code",
                        p.old_code.empty() ? section.old_code.name : section.new_code.name);
      return;
    }
    out.pairs.push_back(std::move(p));
    ++account.used;
  });
  return out;
}

VintageBridge::VintageBridge(const VintageLookup& lookup, CodeVintage from,
                             const BoundaryLayer& layer)
    : lookup_(lookup), from_(from), layer_(layer), sources_(layer.areas.size()) {
  const bool from_old = from == CodeVintage::kOld;
  for (std::size_t i = 0; i < lookup.pairs.size(); ++i) {
    const auto& p = lookup.pairs[i];
    const std::string& source = from_old ? p.old_code : p.new_code;
    const std::string& target = from_old ? p.new_code : p.old_code;
    ++targets_[source];
    const long a = layer.find(target);
    if (a < 0) continue;
    sources_[static_cast<std::size_t>(a)].push_back(i);
    reaching_[source] = true;
  }
}

std::vector<std::vector<std::optional<double>>> VintageBridge::carry(
    const std::unordered_map<std::string, std::vector<double>>& rows,
    const std::vector<Combine>& how, const std::unordered_map<std::string, double>& weights,
    VintageReport& report) const {
  const bool from_old = from_ == CodeVintage::kOld;
  report.lookup = lookup_.display;
  report.from =
      (from_old ? "old (" : "new (") + (from_old ? lookup_.old_name : lookup_.new_name) + ")";
  report.to =
      (from_old ? "new (" : "old (") + (from_old ? lookup_.new_name : lookup_.old_name) + ")";
  report.weighted = !weights.empty();
  std::vector<std::vector<std::optional<double>>> out(
      how.size(), std::vector<std::optional<double>>(layer_.areas.size()));
  for (std::size_t a = 0; a < layer_.areas.size(); ++a) {
    const auto& pairs = sources_[a];
    if (pairs.empty()) continue;  // not in the lookup: the area has no value, counted by caller
    bool complete = true;
    for (std::size_t i : pairs) {
      const auto& p = lookup_.pairs[i];
      complete &= rows.count(from_old ? p.old_code : p.new_code) > 0;
    }
    if (!complete) {
      ++report.incomplete;
      continue;
    }
    for (std::size_t i : pairs) ++report.change[lookup_.pairs[i].change];
    const std::string& first =
        from_old ? lookup_.pairs[pairs[0]].old_code : lookup_.pairs[pairs[0]].new_code;
    if (pairs.size() > 1)
      ++report.merged;
    else if (targets_.at(first) > 1)
      ++report.split;
    else
      ++report.unchanged;
    for (std::size_t c = 0; c < how.size(); ++c) {
      double sum = 0, weighted = 0, weight_sum = 0, lowest = 0;
      bool any = false;
      for (std::size_t i : pairs) {
        const std::string& code = from_old ? lookup_.pairs[i].old_code : lookup_.pairs[i].new_code;
        const double v = rows.at(code)[c];
        switch (how[c]) {
          case Combine::kCount:
            sum += v / static_cast<double>(targets_.at(code));
            break;
          case Combine::kScore: {
            auto w = weights.find(code);
            const double wt = weights.empty() ? 1.0 : (w == weights.end() ? 0.0 : w->second);
            sum += v, weighted += wt * v, weight_sum += wt;
            break;
          }
          case Combine::kDecile:
            lowest = any ? std::min(lowest, v) : v;
            break;
        }
        any = true;
      }
      if (how[c] == Combine::kCount) out[c][a] = sum;
      if (how[c] == Combine::kDecile) out[c][a] = lowest;
      // Zero total weight (every source unpopulated) falls back to the plain mean.
      if (how[c] == Combine::kScore)
        out[c][a] =
            weight_sum > 0 ? weighted / weight_sum : sum / static_cast<double>(pairs.size());
    }
  }
  return out;
}

}  // namespace reachmap
