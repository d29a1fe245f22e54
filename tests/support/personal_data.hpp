// What must never appear in a public output: every child id (the centres' and the health
// service's), family id and name, every postcode where a child lives and every birth date, read
// from the input files; a fast search of a text for any of them; and the search of every public
// file of an output folder.
#pragma once

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/geo/postcode.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

namespace reachmap::testsupport {

// Without any white space: pdftotext spaces glyphs unevenly ("PERSON AL D ATA"), and a postcode
// is then found with or without its space.
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
  // Adds from every row of a CSV (absent columns are skipped):
  // - the values of `id_columns` (ids, family ids, names) as written;
  // - the postcode, normalised and as written (white space dropped, as in the search);
  // - the birth date in each form a date takes in the inputs (tools/make_demo writes ISO and,
  //   in its bad rows, DD/MM/YYYY) or a table might print it: ISO and DD/MM/YYYY, and as
  //   written when it is neither (an impossible date such as 31/02/2023). A bare year or words
  //   ("2023", "last May") identify no one and would match any text: left out.
  void add(const std::string& csv_path, const std::vector<std::string>& id_columns,
           const std::string& postcode_column, const std::string& birth_column) {
    CsvReader csv(csv_path);
    std::vector<int> ids;
    for (const auto& c : id_columns) ids.push_back(csv.find_column(c));
    const int pcol = csv.find_column(postcode_column), bcol = csv.find_column(birth_column);
    CsvRow row;
    const auto cell = [&](int c) {
      return c >= 0 && std::size_t(c) < row.size() ? std::string(row[std::size_t(c)])
                                                   : std::string();
    };
    while (csv.next(row)) {
      for (int c : ids)
        if (!cell(c).empty()) needles_.insert(squeezed(cell(c)));
      const std::string postcode = cell(pcol);
      const auto p = normalise_postcode(postcode);
      if (p.status == PostcodeStatus::kOk) {
        needles_.insert(squeezed(p.value));
        needles_.insert(squeezed(postcode));
      }
      for (const auto& form : date_forms(cell(bcol))) needles_.insert(form);
    }
  }
  // A date that is not personal after all (the period's ends, printed in every title), in
  // every form.
  void allow(const std::string& iso_date) {
    for (const auto& form : date_forms(iso_date)) needles_.erase(form);
  }
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

  // ISO and DD/MM/YYYY of a date written either way; an impossible date in either shape as
  // written; nothing for anything else.
  static std::vector<std::string> date_forms(const std::string& written) {
    const std::string s = squeezed(written);
    const auto digits = [&](std::size_t from, std::size_t n) {
      for (std::size_t i = from; i < from + n; ++i)
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      return true;
    };
    std::string iso;
    if (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
        digits(8, 2))
      iso = s;
    else if (s.size() == 10 && digits(0, 2) && s[2] == '/' && digits(3, 2) && s[5] == '/' &&
             digits(6, 4))
      iso = s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
    else
      return {};
    if (!parse_date(iso, false)) return {s};
    return {iso, iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4)};
  }

 private:
  std::set<std::string> needles_;
  mutable std::unordered_set<std::string_view> lookup_;
  mutable std::set<std::size_t> lengths_;
};

// Everything a reader can get out of a file: its bytes (the text of CSV, HTML, JSON, SVG; a
// PNG's or PDF's metadata), and the text a format compresses or encodes: a PDF's (pdftotext),
// a workbook's XML (every part, unzipped), every column of every table of a GeoPackage but the
// spatial index's (ogrinfo: the layers, layer_styles with the QGIS styles as QML and SLD,
// gpkg_contents' descriptions).
// The printable runs of at least 8 characters of a binary file (as `strings -n 8`): its
// metadata, not the chance letters of a compressed stream ("B82RW" turned up in a map's).
inline std::string printable_runs(const std::string& bytes) {
  std::string out, run;
  for (const char ch : bytes + '\0') {
    if (ch >= 0x20 && ch < 0x7f) {
      run += ch;
      continue;
    }
    if (run.size() >= 8) out += run + '\n';
    run.clear();
  }
  return out;
}

inline std::string readable_text(const std::filesystem::path& file) {
  const std::string path = file.string(), ext = file.extension().string();
  std::string text = read_text(path);
  if (ext == ".pdf" || ext == ".png") {
    std::string runs = printable_runs(text);
    // A PNG's text chunks whole, however short their values.
    for (std::size_t at = 8; ext == ".png" && at + 12 <= text.size();) {
      const std::size_t length = (std::size_t(std::uint8_t(text[at])) << 24) |
                                 (std::size_t(std::uint8_t(text[at + 1])) << 16) |
                                 (std::size_t(std::uint8_t(text[at + 2])) << 8) |
                                 std::size_t(std::uint8_t(text[at + 3]));
      const std::string type = text.substr(at + 4, 4);
      if (type == "tEXt" || type == "iTXt") runs += text.substr(at + 8, length) + '\n';
      at += 12 + length;
    }
    text = runs;
  }
  if (ext == ".pdf") text += run_command("pdftotext " + path + " -").output;
  if (ext == ".xlsx") text += run_command("unzip -p " + path).output;
  if (ext == ".gpkg") {
    std::istringstream tables(
        run_command("ogrinfo -ro -q " + path +
                    " -sql \"SELECT name FROM sqlite_master WHERE type = 'table'\"")
            .output);
    for (std::string line; std::getline(tables, line);) {
      const auto at = line.find("name (String) = ");
      if (at == std::string::npos) continue;
      const std::string table = line.substr(at + 16);
      if (table.rfind("rtree_", 0) == 0 || table == "sqlite_sequence") continue;
      text += run_command("ogrinfo -ro -q -geom=NO " + path + " -sql \"SELECT * FROM \\\"" + table +
                          "\\\"\"")
                  .output;
    }
  }
  return text;
}

// Every public file of an output folder (all but private/) that holds a needle, with the first
// one it holds; `searched` gets how many files of each extension were read.
inline std::map<std::string, std::string> public_hits(const PersonalData& personal,
                                                      const std::string& out,
                                                      std::map<std::string, int>* searched) {
  std::map<std::string, std::string> hits;
  namespace fs = std::filesystem;
  for (auto it = fs::recursive_directory_iterator(out); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string rel = fs::relative(it->path(), out).generic_string();
    if (rel == "private" && it->is_directory()) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (searched) ++(*searched)[it->path().extension().string()];
    if (const std::string hit = personal.first_hit(readable_text(it->path())); !hit.empty())
      hits[rel] = hit;
  }
  return hits;
}

}  // namespace reachmap::testsupport
