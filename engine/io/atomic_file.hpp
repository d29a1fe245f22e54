// Outputs are written to a temporary file beside the target and renamed into place, so a
// failed run never leaves half a file and readers never see one. Temporary files get names no
// one can predict and are created with O_CREAT|O_EXCL (mkstemp): a link planted where a
// temporary file would go is never followed, and rename() replaces a link at the target
// rather than writing through it.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace reachmap {

// Creates a new, empty file beside `target` ("<target>.tmp-XXXXXX", the usual mode) and
// leaves it open: a writer that writes through `fd` never opens the name again, so even a link
// renamed over the temporary name in a folder others can write to is not followed. Throws
// Error(kOutput).
struct TemporaryFile {
  std::string path;
  int fd = -1;  // open for writing, as mkstemp made it
};
TemporaryFile open_temporary_for(const std::string& target);
// The same, closed, for a C library that opens files by name (Cairo, libpng, libxlsxwriter);
// a run's files are written inside its own mkdtemp staging folder.
std::string create_temporary_for(const std::string& target);

// A stream buffer writing to a file descriptor, which it closes.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  ~FdBuffer() override;
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;
  bool close();  // flushes and closes: false when any write failed (disk full)

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool drain();
  int fd_;
  bool failed_ = false;
  char buffer_[1 << 16];
};
// The mode a new file (or folder) gets under the process's umask: 0666 (0777) less the umask.
unsigned usual_mode(bool folder);
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
  std::string target_;
  TemporaryFile temporary_;
  FdBuffer buffer_;
  std::ostream stream_;
  bool committed_ = false;
};

// A folder of its own inside `parent` ("<parent>/.<prefix>-XXXXXX", mode 0700, mkdtemp), for
// a tool that writes several files (Chromium's profile and print); removed with its contents
// when this goes out of scope.
class TemporaryFolder {
 public:
  TemporaryFolder(const std::string& parent, const std::string& prefix);
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace reachmap
