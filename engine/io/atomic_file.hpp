// Outputs are written to a temporary name beside the target and renamed into place, so a
// failed run never leaves half a file and readers never see one.
#pragma once

#include <fstream>
#include <string>

namespace reachmap {

// Temporary path beside `target`, unique to this process.
std::string temporary_path_for(const std::string& target);
// Renames `temporary` onto `target`; throws Error(kOutput) on failure.
void commit_file(const std::string& temporary, const std::string& target);
// Creates a folder and its parents; throws Error(kOutput) on failure.
void ensure_folder(const std::string& path);

class AtomicTextFile {
 public:
  explicit AtomicTextFile(std::string target);
  ~AtomicTextFile();  // removes the temporary file if commit() was not reached
  AtomicTextFile(const AtomicTextFile&) = delete;
  AtomicTextFile& operator=(const AtomicTextFile&) = delete;

  std::ostream& out() { return stream_; }
  void commit();

 private:
  std::string target_, temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace reachmap
