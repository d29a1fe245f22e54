// Attendance (one row per contact): linked to registered children, kept when inside the
// period, and collapsed to distinct (child_id, date, centre_id, service) contacts.
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/io/csv_chunks.hpp"
#include "engine/measure/carers.hpp"
#include "engine/measure/registrations.hpp"
#include "engine/measure/services.hpp"
#include "engine/measure/setting_types.hpp"

namespace reachmap {

// The attendance file as a run names it ([attendance]).
struct AttendanceSource : CsvSource {
  Column child_id, date, centre_id, service, carer;
};

struct Attendance {
  std::vector<int> contacts;  // distinct in-period contacts, by index into children
  // centre_id -> indices of the children it saw (sorted, distinct)
  std::map<std::string, std::vector<std::size_t>> children_by_centre;
  std::size_t distinct_contacts = 0;
  std::size_t duplicate_rows = 0;  // rows collapsed into an earlier identical contact
  std::map<std::string, std::size_t> contacts_by_centre;  // distinct contacts per centre_id
  std::optional<CarerTally> carers;                       // when the run counts carers
  // With [services]: each child's marks (ServiceCatalogue::marks_of: the types and languages
  // of the services it was seen at), and the services the file names that the services file
  // lacks, with their kept rows.
  std::vector<std::uint64_t> service_marks;
  std::map<std::string, std::size_t> unknown_services;
  // With [centres] setting_type: each child's setting marks (setting_types.hpp). `contacts`
  // then counts the contacts at the headline's kinds of setting only.
  std::vector<std::uint32_t> setting_marks;
  // With first contacts asked for (the early-years cohorts, engine/measure/cohorts.hpp): by
  // child, the day (since 1970-01-01) of its earliest contact at any setting on any date up to
  // the period's end, before its start too; kNoContact when it has none. And the earliest
  // such day of the whole file: how far back the history goes (with periods too).
  std::vector<std::int32_t> first_contact;
  std::optional<long> earliest_contact;
  // With [run] periods (AttendancePeriods): each period's tally, in their order, from the same
  // read of the file (no first contacts, which the run's own tally holds for all). Emptied once
  // the periods are measured (engine/pipeline/period_measures.hpp).
  std::vector<Attendance> by_period;
};
inline constexpr std::int32_t kNoContact = INT32_MAX;

// [run] periods as the attendance is tallied for them: the periods (each ending by the run's
// last day) and by child (Registrations::children) the periods it counts in, bit i for the
// i-th.
struct AttendancePeriods {
  std::vector<Period> periods;
  std::vector<std::uint64_t> counted_in;
};

inline constexpr const char* kOutsidePeriod = "date outside the period";
inline constexpr const char* kChildNotCounted = "child not counted (age or registration date)";
inline constexpr const char* kDuplicateContact = "duplicate contact (collapsed)";

// `threads` of 2 or more read the file in chunks of about `chunk_bytes` on every thread
// (engine/io/csv_chunks.hpp): the same results at any thread count. With `carers`, the carer
// column is read and tallied (Attendance::carers).
Attendance load_attendance(const AttendanceSource& section, const Period& period,
                           const Registrations& registrations, Accounting& accounting,
                           int threads = 1, std::size_t chunk_bytes = kChunkBytes,
                           const CarerKinds* carers = nullptr,
                           const ServiceCatalogue* services = nullptr,
                           const SettingTypes* settings = nullptr, bool first_contacts = false,
                           const AttendancePeriods* periods = nullptr);

}  // namespace reachmap
