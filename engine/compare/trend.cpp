#include "engine/compare/trend.hpp"

#include <algorithm>

#include "engine/core/columns.hpp"
#include "engine/core/number_format.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap {

namespace {

TrendPoint point(const TextTable& t, std::size_t r, Col seen, Col population) {
  return {t.number(r, name_of(seen)), t.number(r, name_of(population)),
          t.number(r, name_of(Col::kSeenReach)), t.number(r, name_of(Col::kSeenReachLow)),
          t.number(r, name_of(Col::kSeenReachHigh))};
}

std::string field(std::optional<double> v) {
  return v ? format_number(*v) : std::string();
}

}  // namespace

std::vector<TrendSeries> reach_trends(const std::vector<const ReportInput*>& periods) {
  std::vector<TrendSeries> out;
  if (periods.empty()) return out;
  TrendSeries all{"all areas", "", "", {}};
  for (const ReportInput* in : periods) {
    const ReportLayer* l = report::main_layer(*in);
    const auto r = l ? report::all_row(*l) : std::nullopt;
    if (!r) {
      all.points.clear();
      break;
    }
    if (all.id.empty()) {  // "all 150 neighbourhood areas"; a layer called areas: "all 150 areas"
      const std::string noun = " areas", kind = " " + l->name;
      all.id = l->name;
      all.name = "all " + std::to_string(l->areas.size()) + (kind == noun ? "" : kind) + noun;
    }
    all.points.push_back(point(l->equity, *r, Col::kSeenChildren, Col::kUnder5Population));
  }
  if (!all.points.empty()) out.push_back(std::move(all));
  const TextTable& latest = periods.back()->centres;
  const std::string id = name_of(Col::kCentreId);
  if (latest.column(name_of(Col::kReachAreaUnder5Population)) < 0) return out;
  for (std::size_t c = 0; c < latest.size(); ++c) {
    TrendSeries s{"centre", latest.get(c, id), latest.get(c, name_of(Col::kCentreName)), {}};
    for (const ReportInput* in : periods) {
      TrendPoint p;
      for (std::size_t r = 0; r < in->centres.size(); ++r)
        if (in->centres.get(r, id) == s.id)
          p = point(in->centres, r, Col::kReachAreaSeen, Col::kReachAreaUnder5Population);
      s.points.push_back(p);
    }
    // A centre with no reach area in any period (a health clinic) has no reach to chart.
    if (std::any_of(s.points.begin(), s.points.end(),
                    [](const TrendPoint& p) { return p.population.has_value(); }))
      out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> trend_header() {
  return {"period",
          "scope",
          "id",
          "name",
          name_of(Col::kSeenChildren),
          name_of(Col::kUnder5Population),
          name_of(Col::kSeenReach),
          name_of(Col::kSeenReachLow),
          name_of(Col::kSeenReachHigh)};
}

std::vector<std::vector<std::string>> trend_rows(const std::vector<TrendSeries>& series,
                                                 const std::vector<std::string>& periods) {
  std::vector<std::vector<std::string>> rows;
  for (const TrendSeries& s : series)
    for (std::size_t i = 0; i < s.points.size() && i < periods.size(); ++i) {
      const TrendPoint& p = s.points[i];
      rows.push_back({periods[i], s.scope, s.id, s.name, field(p.seen), field(p.population),
                      field(p.reach), field(p.low), field(p.high)});
    }
  return rows;
}

}  // namespace reachmap
