// Where every input row went: used, excluded by a rule (counted, not an error) or rejected
// with a reason. The manifest's counts come from here and add up to the rows read.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace reachmap {

struct Reject {
  std::string file;
  std::size_t line;
  std::string reason;
  std::string value;  // the offending value, as read (private: may be personal data)
};

struct FileAccount {
  std::size_t rows = 0;  // data rows read (header and blank lines excluded)
  std::size_t used = 0;
  std::map<std::string, std::size_t> excluded;  // rule -> rows
  std::map<std::string, std::size_t> rejected;  // reason -> rows
  std::vector<std::string> warnings;            // what is odd but not an error, in words

  std::size_t rejected_total() const;
  std::size_t excluded_total() const;
  bool balanced() const { return used + excluded_total() + rejected_total() == rows; }
};

class Accounting {
 public:
  FileAccount& file(const std::string& display) { return files_[display]; }
  void reject(const std::string& display, std::size_t line, const std::string& reason,
              std::string value) {
    ++files_[display].rejected[reason];
    rejects_.push_back({display, line, reason, std::move(value)});
  }
  void exclude(const std::string& display, const std::string& rule, std::size_t rows = 1) {
    files_[display].excluded[rule] += rows;
  }
  // Something the user must hear about, though the run goes on (said on the console and in
  // the manifest); never personal data.
  void warn(const std::string& display, std::string message) {
    files_[display].warnings.push_back(std::move(message));
  }
  // The rejects from the `first` on in line order (a file read in chunks rejects some rows as
  // it reads and others once the rows before them are known); rejects of one line keep theirs.
  void sort_rejects_by_line(std::size_t first);
  // Everything `other` holds, after what this holds: a file read ahead of its turn is accounted
  // for in its turn (rejects.csv lists the files in the order a run reads them).
  void take(Accounting&& other);
  const std::map<std::string, FileAccount>& files() const { return files_; }
  const std::vector<Reject>& rejects() const { return rejects_; }

 private:
  std::map<std::string, FileAccount> files_;
  std::vector<Reject> rejects_;
};

}  // namespace reachmap
