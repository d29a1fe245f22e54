// Who brings the child: the carer written on each contact ([attendance] carer), sorted into a
// few kinds ([carers]), tallied per centre and ISO week (carers_by_week.csv: the tally a
// centre keeps by hand for its fathers today) and per child (seen at least once with a
// father: seen_with_father per area and per centre).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/measure/carer_kinds.hpp"

namespace reachmap {

// ISO 8601 weeks (Monday to Sunday; a week belongs to the year its Thursday falls in).
struct IsoWeek {
  int year = 0, week = 0;
};
IsoWeek iso_week(long days);           // of the day `days` after 1970-01-01
long monday_of(long days);             // the day number of the Monday of that day's week
std::string iso_week_text(long days);  // "2025-W14"

// Per centre, ISO week and kind of carer: the distinct contacts with that carer and the
// distinct children they were, over the run's period; and per child whether any contact was
// with a father. Made by load_attendance when the run names a carer column.
struct CarerTally {
  CarerKinds kinds;
  long first_monday = 0;             // day number of the Monday of the period's first week
  std::size_t weeks = 0;             // weeks from it to the period's last day
  std::vector<std::string> centres;  // the attendance's centre_ids, by index below
  // [(centre * weeks + week) * kinds + kind]. A contact with a mother and a father (two rows
  // of one contact naming each) counts for both.
  std::vector<std::uint32_t> contacts, children;
  // Cell keys (engine/core/record_key.hpp) beside them: a contact adds its child's key.
  std::vector<std::uint8_t> contact_keys, child_keys;
  std::vector<char> with_father;  // by child: seen at least once with a father
  // centre_id -> the children seen there at least once with a father (sorted)
  std::map<std::string, std::vector<std::size_t>> father_children_by_centre;
  // Written values no kind lists (counted as other), with the rows that wrote them.
  std::map<std::string, std::size_t> unmapped;
  std::size_t cell(std::size_t centre, std::size_t week, std::size_t kind) const {
    return (centre * weeks + week) * kinds.kinds.size() + kind;
  }
};

// carers_by_week as disclosure control holds it: a row for every week of the period at each
// centre that saw anyone (in order of centre_id and week), with each kind's contacts and
// children (carer_contacts(kind), carer_children(kind): group counts, hidden on their own) and
// their cell keys. A quarter of the rows and cells of the table as written, which is a row for
// every week and kind, zeros included (the tally's page, and what keeps a hidden count's range
// holding 0: were only the weeks a kind came listed, a hidden count of a listed row would be 1
// to 4): carers_long_rows.
Table carers_by_week(const CarerTally& tally);

// The rows of carers_by_week.csv from the table above (protected or not): centre_id, week,
// carer, contacts, children, suppressed (a count of the kind's hidden), each as written.
std::vector<std::string> carers_long_header();
template <class Row>
void carers_long_rows(const Table& weeks, Row row);

// seen_with_father (children living in the area seen at least once with a father) and its
// share of seen_children with a 95% Wilson interval, before the indicators' band columns.
// `keys`: each child's record key.
void add_father_columns(Table& indicators, const std::vector<long>& area_of_child,
                        const CarerTally& tally, const std::vector<std::uint8_t>& keys);

// The same per centre (children seen here at least once with a father here), by centre_id.
void add_centre_father_columns(Table& centres, const CarerTally& tally,
                               const std::vector<std::uint8_t>& keys);

// The same rows from the tally itself (the true counts, for private/): no table made.
void carers_tally_rows(const CarerTally& tally,
                       const std::function<void(const Cell&, const Cell&, const std::string&,
                                                const Cell&, const Cell&, bool)>& row);

// The kinds of a carers_by_week table, from its columns.
std::vector<std::string> carer_kinds_of(const Table& weeks);

template <class Row>
void carers_long_rows(const Table& weeks, Row row) {
  const std::vector<std::string> kinds = carer_kinds_of(weeks);
  std::vector<std::size_t> contacts, children;
  for (const std::string& k : kinds) {
    contacts.push_back(std::size_t(weeks.column(carer_contacts(k))));
    children.push_back(std::size_t(weeks.column(carer_children(k))));
  }
  for (const auto& r : weeks.rows)
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      const Cell& n = r[contacts[k]];
      const Cell& c = r[children[k]];
      const bool hidden =
          std::holds_alternative<std::monostate>(n) || std::holds_alternative<std::monostate>(c);
      row(r[0], r[1], kinds[k], n, c, hidden);
    }
}

}  // namespace reachmap
