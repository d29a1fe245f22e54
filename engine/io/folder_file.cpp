#include "engine/io/folder_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "engine/core/error.hpp"
#include "engine/io/sha256.hpp"

namespace reachmap {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISLNK(mode)) return "a link";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "a device";
}

Error not_plain(const std::string& path, const std::string& what) {
  return Error(ErrorCode::kUnreadableInput, what, {path},
               "an output folder holds plain files only; run `reachmap run` again to remake it");
}

}  // namespace

std::optional<std::string> plain_file_in(const std::string& folder, const std::string& name) {
  bool plain = !name.empty() && name != "." && name != "..";
  for (unsigned char c : name) plain &= c != '/' && c != '\\' && c >= 0x20 && c != 0x7f;
  if (!plain)
    throw Error(ErrorCode::kBadInput, "'" + name + "' is not a plain file name", {folder},
                "the files of an output set are named by reachmap; run `reachmap run` again");
  const std::string path = folder + "/" + name;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    throw not_plain(path, std::string("cannot read it: ") + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode))
    throw not_plain(path, "it is " + std::string(kind_of(st.st_mode)) + ", not a plain file");
  return path;
}

std::string read_plain_file(const std::string& path, const std::string& display) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0)
    throw Error(
        ErrorCode::kUnreadableInput,
        std::string("cannot open it: ") + (errno == ELOOP ? "it is a link" : std::strerror(errno)),
        {display}, "give the folder a finished `reachmap run` wrote");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw not_plain(display, "it is " + std::string(kind_of(st.st_mode)) + ", not a plain file");
  }
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      throw Error(ErrorCode::kUnreadableInput, std::string("cannot read it: ") + std::strerror(e),
                  {display});
    }
    if (n == 0) break;
    text.append(buffer, std::size_t(n));
  }
  ::close(fd);
  return text;
}

std::optional<FileDigests> output_digests(const std::string& manifest_json) {
  const auto m = nlohmann::json::parse(manifest_json, nullptr, false);
  if (!m.is_object() || !m.contains("outputs") || !m["outputs"].is_array()) return std::nullopt;
  FileDigests digests;
  for (const auto& f : m["outputs"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("sha256") ||
        !f["sha256"].is_string())
      return std::nullopt;
    digests[f["path"].get<std::string>()] = f["sha256"].get<std::string>();
  }
  return digests;
}

void check_digest(const std::string& path, const std::string& name, const FileDigests& digests) {
  const auto it = digests.find(name);
  if (it == digests.end())
    throw Error(ErrorCode::kBadInput, "the folder's manifest.json does not list " + name, {path},
                "the report reads only the files a run wrote; run `reachmap run` again");
  if (sha256_file(path, name) != it->second)
    throw Error(ErrorCode::kBadInput,
                name +
                    " is not the file the run wrote: its SHA-256 differs from the one "
                    "manifest.json lists",
                {path},
                "the report shows only what a run published; run `reachmap run` again to "
                "remake the folder (or restore the file)");
}

}  // namespace reachmap
