// Registrations (one row per child): validated, geocoded through the directory, and tested
// against the counting rules (under 5 at the period end, registered by then).
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/core/date.hpp"
#include "engine/core/string_index.hpp"
#include "engine/core/text_arena.hpp"
#include "engine/geo/directory.hpp"
#include "engine/io/csv_chunks.hpp"  // kChunkBytes
#include "engine/io/csv_source.hpp"

namespace reachmap {

// The registrations file as a run names it ([registrations]).
struct RegistrationsSource : CsvSource {
  Column child_id, family_id, postcode, birth_date, registered_on;
  // An id the [known_children] list also carries (e.g. NHS number); child_id when not set.
  Column match_id;
  std::vector<std::string> groups;  // at most kMaxGroups
};
inline constexpr std::size_t kMaxGroups = 64;

// Child::registered of a registration without a date: always registered.
inline constexpr std::int32_t kUndated = INT32_MIN;

// Ids are views of the registrations' own copies (Registrations::texts): a child is 72 bytes
// and copied as such.
struct Child {
  std::string_view id;
  // Normalised: the directory's own copy (PostcodeDirectory::lookup), which lives as long as
  // the directory, so that two million children hold no copy of their postcodes.
  std::string_view postcode;
  const DirectoryEntry* home = nullptr;
  // Bit g set: the child is in the configured group g (at most kMaxGroups). A vector of flags
  // was a heap block per child: two million allocations nationally.
  std::uint64_t groups = 0;
  Date birth;
  bool counted = false;  // passes the counting rules
  // registered_on as days since 1970-01-01 (kUndated without one): the rule of each of the
  // run's periods ([run] periods, engine/periods/periods.hpp).
  std::int32_t registered = kUndated;
  std::uint8_t key = 0;  // record key (engine/core/record_key.hpp): assign_record_keys

  bool in_group(std::size_t g) const { return groups >> g & 1; }
};

struct Registrations {
  std::vector<Child> children;  // accepted rows, counted or not, in file order
  TextArena texts;              // the children's ids (Child::id, match_ids)
  // By child, when the file has a match_id column: the id [known_children] also carries.
  // Without one, empty: a child's own id is the one shared.
  std::vector<std::string_view> match_ids;
  std::string_view match_id(std::size_t child) const {
    return match_ids.empty() ? children[child].id : match_ids[child];
  }
  // child_id -> index into children, or -1 when the child's registration was rejected. A run
  // empties it once attendance is linked (pipeline.cpp).
  StringIndex index_of;
  std::vector<std::string> groups;
  std::size_t counted = 0;
  std::size_t terminated_postcodes = 0;   // counted children whose postcode is terminated
  std::size_t large_user_postcodes = 0;   // ... at a large-user (business, PO box) postcode
  std::size_t imputed_locations = 0;      // ... whose postcode location was imputed
  std::size_t approximate_locations = 0;  // ... whose postcode location is a sector mean
};

// Exclusion rules (not rejections), as they appear in the manifest.
inline constexpr const char* kAgedFiveOrOver = "aged 5 or over at the period end";
inline constexpr const char* kBornAfterPeriod = "born after the period end";
inline constexpr const char* kRegisteredAfterPeriod = "registered after the period end";

// A child's home and birth date from a row's fields (registrations and known children), or
// nullopt after rejecting the row with its reason: missing, malformed or unknown postcode, a
// postcode with no location, a bad date. `reject(reason, value)` records the rejection.
struct HomeAndBirth {
  const DirectoryEntry* home;
  std::string_view postcode;  // normalised: the directory's copy
  Date birth;
};
std::optional<HomeAndBirth> home_and_birth(
    std::string_view postcode, std::string_view birth, const PostcodeDirectory& directory,
    const std::function<void(const char*, std::string_view)>& reject);

// Gives every child its record key for the cell key method, from `seed` and its id.
void assign_record_keys(Registrations& registrations, std::uint64_t seed);
// The cell key of the counted children for which `which(index, child)` holds (every counted
// child without it): what a count of them published on its own is perturbed by.
std::uint8_t counted_key(const Registrations& registrations,
                         const std::function<bool(std::size_t, const Child&)>& which = {});

// With `threads` >= 2 the file is read in chunks of about `chunk_bytes` on the threads (the
// same result; csv_chunks.hpp).
Registrations load_registrations(const RegistrationsSource& section, const Period& period,
                                 const PostcodeDirectory& directory, Accounting& accounting,
                                 int threads = 1, std::size_t chunk_bytes = kChunkBytes);

}  // namespace reachmap
