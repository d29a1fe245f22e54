// The postcode directory: normalised postcode -> location in the analysis CRS, termination,
// and the area codes it carries for code-first placement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/io/csv_source.hpp"

namespace reachmap {

// The postcode directory as a run names it ([postcodes]).
struct PostcodesSource : CsvSource {
  Column postcode, lat, lon, x, y, terminated;
  // Location quality (ONSPD/NSPL osgrdind 1-9, or Code-Point Open's positional quality
  // 10-90) and user type (1 = large user): used when present.
  Column quality, usertype;
  // "" for a file with a header row (ONSPD, NSPL, ...); "codepoint" for OS Code-Point Open,
  // which has none: its ten columns are named for it.
  std::string layout;
  bool projected = false;         // x/y given instead of lat/lon
  std::string crs = "EPSG:4326";  // CRS of the coordinates
};

// How exact a directory location is, from ONSPD/NSPL osgrdind or Code-Point's quality.
enum class LocationQuality : std::uint8_t {
  kExact,        // at or near the addresses (osgrdind 1-4, quality 10-40), or not stated
  kImputed,      // estimated from the surrounding postcodes (osgrdind 5, quality 50)
  kApproximate,  // postcode sector mean or last known location (osgrdind 6 and 8, quality 60)
};

struct DirectoryEntry {
  double x = 0, y = 0;  // analysis CRS
  bool has_location = false;
  bool terminated = false;
  bool large_user = false;  // usertype 1: a business or PO box postcode, not usually a home
  LocationQuality quality = LocationQuality::kExact;
  // Where its area codes start in the directory's code_ids (PostcodeDirectory::code).
  std::uint32_t codes_at = 0;
};

// Normalised postcode -> entry, flat: each postcode (at most 8 bytes) as one integer, in an
// open-addressing table of (postcode, entry number), and the entries and postcodes in arrays in
// the order added. A node a postcode (std::unordered_map) was an allocation and two cache misses
// a lookup, and 110 MB, for a national directory; here a lookup is one slot of 16 bytes. An
// entry's address and a postcode's view hold until the next insertion: a loaded directory is
// not added to.
class DirectoryEntries {
 public:
  // Room for about `n` postcodes.
  void reserve(std::size_t n);
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // The entry of `postcode`, with `e` added when it was absent (.second). Throws
  // std::length_error for a postcode of more than 8 bytes or none, or with a NUL (a normalised
  // one has 6 to 8 letters, digits and a space).
  std::pair<DirectoryEntry*, bool> try_emplace(std::string_view postcode, const DirectoryEntry& e);
  DirectoryEntry& operator[](std::string_view postcode) { return *try_emplace(postcode, {}).first; }
  // The entry and the directory's own copy of the postcode, or {"", nullptr}.
  std::pair<std::string_view, const DirectoryEntry*> lookup(std::string_view postcode) const;

  // Each (postcode, entry), in the order added.
  class Iterator {
   public:
    Iterator(const DirectoryEntries& d, std::size_t i) : d_(&d), i_(i) {}
    std::pair<std::string_view, const DirectoryEntry&> operator*() const {
      return {d_->postcode(i_), d_->entries_[i_]};
    }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const DirectoryEntries* d_;
    std::size_t i_;
  };
  Iterator begin() const { return {*this, 0}; }
  Iterator end() const { return {*this, entries_.size()}; }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty (no postcode is empty)
    std::uint32_t entry = 0;
  };
  std::string_view postcode(std::size_t i) const;
  std::size_t slot_of(std::uint64_t key) const;  // its slot, or the empty one it would take
  void grow(std::size_t slots);

  std::vector<Slot> slots_;
  std::vector<std::uint64_t> keys_;  // by entry: the postcode's bytes, then zeros
  std::vector<DirectoryEntry> entries_;
};

struct PostcodeDirectory {
  DirectoryEntries entries;
  std::vector<std::string> code_columns;
  // Each entry's area codes, one per code column from its codes_at, as ids of code_names: a
  // million postcodes name some thirty thousand codes, and a vector of strings an entry was a
  // heap block each.
  std::vector<std::uint32_t> code_ids;
  std::vector<std::string> code_names;  // by id, each distinct code once
  std::string transformation;           // PROJ operation used for the coordinates
  std::size_t no_location = 0, terminated = 0;
  std::size_t large_user = 0, imputed = 0, approximate = 0;
  bool has_quality = false, has_usertype = false;  // the columns were present

  const DirectoryEntry* find(std::string_view postcode) const { return lookup(postcode).second; }
  // An entry's code in code column `column` (an index of code_columns), as an id of
  // code_names, or as the code.
  std::uint32_t code_id(const DirectoryEntry& e, std::size_t column) const {
    return code_ids[e.codes_at + column];
  }
  const std::string& code(const DirectoryEntry& e, std::size_t column) const {
    return code_names[code_id(e, column)];
  }
  // The entry of a normalised postcode and the directory's own copy of the postcode (valid as
  // long as the directory), or {"", nullptr}.
  std::pair<std::string_view, const DirectoryEntry*> lookup(std::string_view postcode) const {
    return entries.lookup(postcode);
  }
};

// Reads the directory, transforming coordinates into `analysis_crs`. `code_columns` are the
// directory columns wanted for code-first placement. Bad rows go to `accounting`. With
// `threads` >= 2 the rows are split into fields on a thread of their own (the same result).
PostcodeDirectory load_directory(const PostcodesSource& section, const std::string& analysis_crs,
                                 const std::vector<std::string>& code_columns,
                                 Accounting& accounting, int threads = 1);

}  // namespace reachmap
