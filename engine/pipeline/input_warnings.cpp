#include "engine/pipeline/input_warnings.hpp"

#include <filesystem>
#include <set>

#include "engine/core/text.hpp"
#include "engine/io/sha256.hpp"

namespace reachmap {

// How the known-children list is the registrations file, or "" when it is not: the same file
// (the same path once normalised, or a link to it) or a copy (the same SHA-256). Each
// registered child then matches itself and no child is known but not registered: the run
// looks complete and says nothing.
std::string known_list_is_registrations(const Config& cfg) {
  namespace fs = std::filesystem;
  const auto& known = *cfg.known_children;
  const auto& reg = cfg.registrations;
  std::error_code ec;
  if (known.path == reg.path || fs::equivalent(known.path, reg.path, ec)) return "the same file";
  const auto size = fs::file_size(known.path, ec);
  if (ec || size != fs::file_size(reg.path, ec) || ec) return "";
  if (sha256_file(known.path, known.display) != sha256_file(reg.path, reg.display)) return "";
  return "a copy: the same SHA-256";
}

// Services the attendance names that [services] lacks (their children count as seen, at no
// type), and languages a [[language_gap]] names that no service is run in.
void warn_about_services(const Config& config, Analysis& a) {
  if (const auto& unknown = a.attendance.unknown_services; !unknown.empty()) {
    std::size_t rows = 0;
    for (const auto& [value, n] : unknown) rows += n;
    a.accounting.warn(config.attendance.display,
                      std::to_string(rows) + " contact rows name a service that " +
                          config.services->display + " does not list (" +
                          std::to_string(unknown.size()) +
                          " different values): their children count as seen, at no type of "
                          "service; private/manifest.json names them: add each to " +
                          config.services->display);
  }
  for (const LanguageGapRule& r : config.language_gaps)
    if (a.services->language_index(r.language) < 0)
      a.accounting.warn(config.services->display,
                        "no service is run in '" + r.language + "' ([[language_gap]] at line " +
                            std::to_string(r.line) +
                            "): every area with demand is a gap; check the code against the "
                            "file's language column");
}

// The cohorts count a child seen before the period: a file whose contacts start later than the
// oldest cohort's birth (five years before the period's start for never_seen_by_5, one for
// seen_before_1) counts a child seen only before its first day as not seen, so says so. A month
// of slack: a history from the first working day is a whole one. The month, not the day, of the
// first contact is named: the manifest is public.
void warn_about_history(const Config& config, Analysis& a) {
  const auto& first = a.attendance.earliest_contact;
  const CohortOptions& asked = config.run.cohorts;
  const int years = asked.never_seen_by_5 ? 5 : 1;
  const Date needed = birthday(config.run.from, -years);
  if (first && *first <= needed.days() + 31) return;
  const std::string measure =
      name_of(asked.never_seen_by_5 ? Col::kNeverSeenBy5 : Col::kSeenBefore1);
  a.accounting.warn(
      config.attendance.display,
      (first ? "contacts start in " + date_from_days(*first).to_string().substr(0, 7)
             : std::string("no contact is dated by the period's end")) +
          ", but " + measure + " needs them from " + needed.to_string() + " (" +
          std::to_string(years) + (years == 1 ? " year" : " years") +
          " before the period's start): a child seen only before then counts as not seen; "
          "give the attendance history from " +
          needed.to_string() + " or remove " + measure + " from [run]");
}

void warn_about_period_history(const Config& config, Analysis& a) {
  const auto& first = a.attendance.earliest_contact;
  if (!first) return;  // no contact at all: the file's own warning says so
  const std::vector<NamedPeriod>& periods = a.periods->periods;
  std::size_t short_ones = 0;
  const NamedPeriod* earliest = nullptr;
  for (const NamedPeriod& p : periods)
    if (*first > p.period.from.days() + 31) {  // a month's slack, as the cohorts'
      ++short_ones;
      if (!earliest || p.period.from < earliest->period.from) earliest = &p;
    }
  if (!earliest) return;
  const std::string which =
      short_ones == 1
          ? "'" + console_text(earliest->name) + "' of [run] periods starts on " +
                earliest->period.from.to_string() + ", before them"
          : std::to_string(short_ones) + " of the " + std::to_string(periods.size()) +
                " periods of [run] periods start before them, the first ('" +
                console_text(earliest->name) + "') on " + earliest->period.from.to_string();
  a.accounting.warn(
      config.attendance.display,
      "contacts start in " + date_from_days(*first).to_string().substr(0, 7) + ", but " + which +
          ": a child seen only before the file's first day counts as not seen, so the seen "
          "counts of " +
          (short_ones == 1 ? "that period" : "those periods") +
          " are too low; give the attendance history from " + earliest->period.from.to_string() +
          ", or periods within the file's dates");
}

// Centres the attendance names that centres.csv lacks: their kind of setting is unknown, so with
// a headline of some kinds only their children count for any setting only. And a kind of
// service whose columns would be a kind of setting's.
void warn_about_settings(const Config& config, Analysis& a) {
  const SettingTypes& settings = *a.setting_types;
  if (a.services)
    for (const ServiceLabel& service : a.services->types)
      for (const ServiceLabel& setting : settings.types)
        if (seen_at_type(service.column) == seen_by_setting(setting.column))
          throw Error(ErrorCode::kBadInput,
                      "the service type '" + service.written + "' and the setting type '" +
                          setting.written + "' would both make the column '" +
                          seen_at_type(service.column) + "'",
                      {config.services->display, 1, config.services->type.name},
                      "rename the service type in " + config.services->display);
  const auto unlisted = centres_not_listed(settings, a.attendance.contacts_by_centre);
  std::size_t rows = 0;
  for (const auto& [id, n] : unlisted) rows += n;
  if (unlisted.empty()) return;
  a.accounting.warn(config.attendance.display,
                    std::to_string(rows) + " contacts are at " + std::to_string(unlisted.size()) +
                        " centre ids that " + config.centres->display +
                        " does not list, so their kind of setting is unknown: " +
                        (settings.restricts_headline()
                             ? "they count as seen by any setting, not in the headline's seen"
                             : "they count as seen, by no kind") +
                        "; add each to " + config.centres->display + " with its " +
                        config.centres->setting_type.name);
}

}  // namespace reachmap
