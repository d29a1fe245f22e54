// What the run says about its inputs beyond each row's fate: warnings the user can act on
// (services and kinds of setting the attendance names that their files lack, an attendance
// history too short for the cohorts) and the known-children list that is the registrations file.
#pragma once

#include <string>

#include "engine/analysis/analysis.hpp"
#include "engine/config/config.hpp"

namespace reachmap {

// How the known-children list is the registrations file, or "" when it is not.
std::string known_list_is_registrations(const Config& cfg);
// Services the attendance names that [services] lacks, and languages no service is run in.
void warn_about_services(const Config& config, Analysis& a);
// An attendance file that starts later than the cohorts ([run] never_seen_by_5, seen_before_1)
// need.
void warn_about_history(const Config& config, Analysis& a);
// An attendance file that starts later than the first of [run] periods (a rolling window or a
// named range before the run's start): those periods' seen counts are too low.
void warn_about_period_history(const Config& config, Analysis& a);
// Centres the attendance names that centres.csv lacks, and services named like kinds of setting.
void warn_about_settings(const Config& config, Analysis& a);

}  // namespace reachmap
