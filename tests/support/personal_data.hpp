// What must never appear in a public output: every child id (the centres' and the health
// service's), every postcode where a child lives and every birth date, read from the input
// files; and a fast search of a text for any of them.
#pragma once

#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/geo/postcode.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

namespace reachmap::testsupport {

// Without any white space: pdftotext spaces glyphs unevenly ("PERSON AL D ATA").
inline std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

inline std::string pdf_text(const std::string& path) {
  return squeezed(run_command("pdftotext " + path + " -").output);
}

class PersonalData {
 public:
  // Adds the values of `id_columns`, `postcode_column` (normalised, white space dropped) and
  // `birth_column` (YYYY-MM-DD) of every row of a CSV; absent columns are skipped.
  void add(const std::string& csv_path, const std::vector<std::string>& id_columns,
           const std::string& postcode_column, const std::string& birth_column) {
    CsvReader csv(csv_path);
    std::vector<int> ids;
    for (const auto& c : id_columns) ids.push_back(csv.find_column(c));
    const int pcol = csv.find_column(postcode_column), bcol = csv.find_column(birth_column);
    CsvRow row;
    while (csv.next(row)) {
      for (int c : ids)
        if (c >= 0 && std::size_t(c) < row.size() && !row[std::size_t(c)].empty())
          needles_.insert(std::string(row[std::size_t(c)]));
      if (pcol >= 0 && std::size_t(pcol) < row.size()) {
        const auto p = normalise_postcode(row[std::size_t(pcol)]);
        if (p.status == PostcodeStatus::kOk) needles_.insert(squeezed(p.value));
      }
      if (bcol >= 0 && std::size_t(bcol) < row.size() && row[std::size_t(bcol)].size() == 10)
        needles_.insert(std::string(row[std::size_t(bcol)]));
    }
  }
  // A value that is not personal after all (the period's ends, printed in every title).
  void allow(const std::string& value) { needles_.erase(value); }
  std::size_t size() const { return needles_.size(); }

  // The first needle found in `text` (searched without white space), or "".
  std::string first_hit(const std::string& raw) const {
    if (lookup_.empty()) {
      for (const auto& n : needles_) lookup_.insert(n), lengths_.insert(n.size());
    }
    const std::string text = squeezed(raw);
    for (std::size_t len : lengths_)
      for (std::size_t i = 0; i + len <= text.size(); ++i)
        if (lookup_.count(std::string_view(text).substr(i, len))) return text.substr(i, len);
    return "";
  }

 private:
  std::set<std::string> needles_;
  mutable std::unordered_set<std::string_view> lookup_;
  mutable std::set<std::size_t> lengths_;
};

}  // namespace reachmap::testsupport
