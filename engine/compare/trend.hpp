// Seen reach period by period, for the whole area and for each centre's reach area: what the
// folders `reachmap compare` was given published, in their order (trend.csv and the trend
// charts of change.html). Every figure is copied from a public table (the main layer's "all
// areas" equity row, centres.csv), so a trend tells no one more than the folders do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/report/report_input.hpp"

namespace reachmap {

struct TrendPoint {
  std::optional<double> seen, population;  // children seen, under-5s
  std::optional<double> reach, low, high;  // seen reach and its published 95% interval
};

struct TrendSeries {
  std::string scope;  // "all areas" or "centre"
  std::string id, name;
  std::vector<TrendPoint> points;  // one per period, in order (empty where not published)
};

// The whole area first (when every folder's main layer has an "all areas" row), then each
// centre of the latest folder, in its order. `periods`: oldest first.
std::vector<TrendSeries> reach_trends(const std::vector<const ReportInput*>& periods);

// trend.csv: a row per series and period ("2025-04-01..2025-09-30").
std::vector<std::string> trend_header();
std::vector<std::vector<std::string>> trend_rows(const std::vector<TrendSeries>& series,
                                                 const std::vector<std::string>& periods);

}  // namespace reachmap
