// What each service an attendance file names is ([services]): its type (stay and play, health
// clinic, parenting course, outreach visit) and the language it is run in (cy, en, bilingual,
// any code). The attendance loader marks each child with the types and languages of the
// services it was seen at; the measures count them per area and per centre's reach area.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/core/names.hpp"  // column_name_of
#include "engine/io/csv_source.hpp"

namespace reachmap {

// The services file as a run names it.
struct ServicesSource : CsvSource {
  Column service_id, name, type, language;
};

// A kind of service, or a language: the name as the file writes it first, and the name its
// columns take (lower case, letters, digits and _: "Stay and Play" -> stay_and_play).
struct ServiceLabel {
  std::string written, column;
};

// Types and languages are bits of a child's marks: at most this many of each.
inline constexpr std::size_t kMaxServiceKinds = 32;

struct ServiceCatalogue {
  std::vector<ServiceLabel> types;      // in the order the file first names them
  std::vector<ServiceLabel> languages;  // the same ("bilingual" is a language of its own)
  struct Service {
    std::string name;
    std::uint32_t type = 0;
    long language = -1;  // -1: the file gives none
  };
  std::map<std::string, Service> by_id;  // by folded service_id (case and spaces ignored)

  // The service an attendance row names (case and surrounding spaces ignored), or null.
  const Service* find(std::string_view written) const;
  // A child's marks: the low 32 bits its services' types, the high 32 their languages.
  std::uint64_t marks_of(const Service& s) const;
  long language_index(std::string_view column) const;
};

// What the marks of a child seen at a service of `type` hold (see ServiceCatalogue::marks_of).
inline bool seen_at_type(std::uint64_t marks, std::size_t type) {
  return marks >> type & 1;
}
inline bool seen_in_language(std::uint64_t marks, std::size_t language) {
  return marks >> (32 + language) & 1;
}

// Where a language's demand meets little provision in it ([[language_gap]]): an area is flagged
// where its demand (a target group's population, or its registered children) is at least
// min_demand and fewer than share_below of that many children were seen at a service run in the
// language (or in one listed in `provision`: bilingual by default).
struct LanguageGapRule {
  std::string language;                // a language column name, e.g. "cy"
  std::vector<std::string> provision;  // the language, then the others that count ("bilingual")
  std::string demand;                  // a target group's name
  double min_demand = 10, share_below = 0.25;
  std::size_t line = 0;  // in the config
};

// Reads the services file: a row per service; a row without an id or type, or a second row
// for an id, is rejected with its line; more than kMaxServiceKinds types or languages is an
// error naming the line of the first one too many.
ServiceCatalogue load_services(const ServicesSource& section, Accounting& accounting);

}  // namespace reachmap
