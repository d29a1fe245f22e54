// The report's sections, each a piece of HTML built from the public output folder
// (report_input). report.cpp puts them in order; the CSS and JS in assets/ style and animate
// them.
#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include "engine/report/report_input.hpp"

namespace reachmap::report {

// Above this many areas a layer's map is the run's picture, not one shape per area (a national
// LSOA map of 34,753 focusable shapes is a 30 MB page no one can tab through); above this many
// centres they get a table, not a page each.
inline constexpr std::size_t kInteractiveAreaLimit = 5000;
inline constexpr std::size_t kCentrePageLimit = 150;
inline constexpr std::size_t kCentresListed = 30;  // ... and that many in their table

// The areas on a layer's outreach list: 5% of its areas, at least `list_length`, at most 30
// (a town's ten; a city's planted gaps are not all in its first ten of 600).
inline std::size_t outreach_list_size(std::size_t list_length, std::size_t areas) {
  return std::max(list_length, std::min<std::size_t>(30, (areas + 19) / 20));
}

struct Context {
  const ReportInput& in;
  const ReportInput* previous = nullptr;  // last period's run, when given
  std::string period;                     // "1 April 2025 to 31 March 2026"
  std::size_t list_length = 10;           // [map_style] numbered_areas: the shortest list
  std::size_t listed(const ReportLayer& layer) const {
    return outreach_list_size(list_length, layer.areas.size());
  }
  std::string hidden_words;  // "fewer than 5 children"
};

// The layer whose areas are finest (most areas) and have a population: the headline's.
const ReportLayer* main_layer(const ReportInput& in);
// The "all areas" row of a layer's equity table: the whole layer's figures (none without it).
std::optional<std::size_t> all_row(const ReportLayer& layer);
// The first `n` areas by priority_rank (rows of layer.areas), best first.
std::vector<std::size_t> outreach_rows(const ReportLayer& layer, std::size_t n);
// Row `r`'s count `key` as published: the number, its band when small ("1-4"), "hidden" when
// hidden to protect another (the row is flagged `suppressed`), "-" when there is none.
std::string count_of(const TextTable& t, std::size_t r, const std::string& key);
// Row `r`'s share `key` with its interval ("23% (20% to 26%)"), or "hidden" / "-".
std::string share_of(const TextTable& t, std::size_t r, const std::string& key);
// "Northby 045 (NBY045)".
std::string area_title(const ReportLayer& layer, std::size_t row);

std::string headline_section(const Context& c);
std::string outreach_section(const Context& c);
std::string map_section(const Context& c, const ReportLayer& layer);
std::string funnel_section(const Context& c, const ReportLayer& layer);
std::string equity_section(const Context& c, const ReportLayer& layer);
std::string groups_section(const Context& c, const ReportLayer& layer);
std::string centres_section(const Context& c);
std::string fathers_section(const Context& c);   // report_carers.cpp
std::string services_section(const Context& c);  // report_services.cpp
std::string settings_section(const Context& c);  // report_settings.cpp
std::string cohorts_section(const Context& c);   // report_cohorts.cpp
std::string methods_section(const Context& c);

}  // namespace reachmap::report
