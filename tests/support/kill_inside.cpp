// An LD_PRELOAD library for tests of the output folder's swap: it kills the process (SIGKILL)
// just before or just after its n-th call that changes something at or below one folder, so a
// test can stop a run at every point of whatever the swap does, however it is written (an
// engine-side hook marks only the steps the engine names; a swap rewritten as "delete the old
// folder, copy the new one in" would pass them all).
//   REACHMAP_KILL_UNDER=/abs/folder   the folder watched (the output folder)
//   REACHMAP_KILL_CHANGE=n:before     or n:after; n counts from 1
// A change: creating, opening for writing, renaming, linking or removing an entry. A path is
// resolved against the working folder or the directory descriptor, not normalised (reachmap
// works with absolute, clean paths).
#undef _FORTIFY_SOURCE  // its inline open() would clash with the one defined here
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::atomic<long> changes{0};

struct Plan {
  std::string under;
  long n = 0;
  bool after = false;
};

const Plan& plan() {
  static const Plan p = [] {
    Plan q;
    const char* under = std::getenv("REACHMAP_KILL_UNDER");
    const char* change = std::getenv("REACHMAP_KILL_CHANGE");
    if (!under || !change) return q;
    q.under = under;
    q.n = std::strtol(change, nullptr, 10);
    q.after = std::strstr(change, ":after") != nullptr;
    return q;
  }();
  return p;
}

std::string resolved(int dirfd, const char* path) {
  if (!path) return "";
  if (path[0] == '/') return path;
  char buf[4096];
  if (dirfd == AT_FDCWD) {
    if (!::getcwd(buf, sizeof buf)) return path;
    return std::string(buf) + "/" + path;
  }
  const std::string link = "/proc/self/fd/" + std::to_string(dirfd);
  const ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
  if (n <= 0) return path;
  return std::string(buf, std::size_t(n)) + "/" + path;
}

bool watched(int dirfd, const char* path) {
  const std::string& under = plan().under;
  if (under.empty()) return false;
  const std::string p = resolved(dirfd, path);
  return p == under || (p.size() > under.size() && p.compare(0, under.size(), under) == 0 &&
                        p[under.size()] == '/');
}

// Counts one change; kills before it when it is the n-th and the plan says before. Returns
// whether to kill after it.
bool before(bool is_watched) {
  if (!is_watched || plan().n <= 0) return false;
  if (changes.fetch_add(1) + 1 != plan().n) return false;
  if (!plan().after) ::kill(::getpid(), SIGKILL);
  return true;
}

template <typename R>
R after(bool kill, R result) {
  if (kill) ::kill(::getpid(), SIGKILL);
  return result;
}

template <typename F>
F real(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

bool writes(int flags) {
  return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
}

bool writes(const char* mode) {
  return mode && std::strpbrk(mode, "wa+") != nullptr;
}

}  // namespace

// The mode argument of open(2), present when a file may be created.
#define REACHMAP_OPEN_MODE(mode)                      \
  mode_t mode = 0;                                    \
  if (flags & (O_CREAT | O_TMPFILE)) {                \
    va_list ap;                                       \
    va_start(ap, flags);                              \
    mode = static_cast<mode_t>(va_arg(ap, unsigned)); \
    va_end(ap);                                       \
  }

extern "C" {

int open(const char* path, int flags, ...) {
  REACHMAP_OPEN_MODE(mode)
  const bool k = before(writes(flags) && watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*, int, ...)>("open")(path, flags, mode));
}
int open64(const char* path, int flags, ...) {
  REACHMAP_OPEN_MODE(mode)
  const bool k = before(writes(flags) && watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*, int, ...)>("open64")(path, flags, mode));
}
int openat(int dirfd, const char* path, int flags, ...) {
  REACHMAP_OPEN_MODE(mode)
  const bool k = before(writes(flags) && watched(dirfd, path));
  return after(k, real<int (*)(int, const char*, int, ...)>("openat")(dirfd, path, flags, mode));
}
int openat64(int dirfd, const char* path, int flags, ...) {
  REACHMAP_OPEN_MODE(mode)
  const bool k = before(writes(flags) && watched(dirfd, path));
  return after(k, real<int (*)(int, const char*, int, ...)>("openat64")(dirfd, path, flags, mode));
}
int creat(const char* path, mode_t mode) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*, mode_t)>("creat")(path, mode));
}
FILE* fopen(const char* path, const char* mode) {
  const bool k = before(writes(mode) && watched(AT_FDCWD, path));
  return after(k, real<FILE* (*)(const char*, const char*)>("fopen")(path, mode));
}
FILE* fopen64(const char* path, const char* mode) {
  const bool k = before(writes(mode) && watched(AT_FDCWD, path));
  return after(k, real<FILE* (*)(const char*, const char*)>("fopen64")(path, mode));
}
int rename(const char* from, const char* to) {
  const bool k = before(watched(AT_FDCWD, from) || watched(AT_FDCWD, to));
  return after(k, real<int (*)(const char*, const char*)>("rename")(from, to));
}
int renameat(int fromfd, const char* from, int tofd, const char* to) {
  const bool k = before(watched(fromfd, from) || watched(tofd, to));
  return after(
      k, real<int (*)(int, const char*, int, const char*)>("renameat")(fromfd, from, tofd, to));
}
int renameat2(int fromfd, const char* from, int tofd, const char* to, unsigned flags) {
  const bool k = before(watched(fromfd, from) || watched(tofd, to));
  return after(k, real<int (*)(int, const char*, int, const char*, unsigned)>("renameat2")(
                      fromfd, from, tofd, to, flags));
}
int unlink(const char* path) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*)>("unlink")(path));
}
int unlinkat(int dirfd, const char* path, int flags) {
  const bool k = before(watched(dirfd, path));
  return after(k, real<int (*)(int, const char*, int)>("unlinkat")(dirfd, path, flags));
}
int rmdir(const char* path) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*)>("rmdir")(path));
}
int remove(const char* path) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*)>("remove")(path));
}
int mkdir(const char* path, mode_t mode) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*, mode_t)>("mkdir")(path, mode));
}
int mkdirat(int dirfd, const char* path, mode_t mode) {
  const bool k = before(watched(dirfd, path));
  return after(k, real<int (*)(int, const char*, mode_t)>("mkdirat")(dirfd, path, mode));
}
int link(const char* from, const char* to) {
  const bool k = before(watched(AT_FDCWD, to));
  return after(k, real<int (*)(const char*, const char*)>("link")(from, to));
}
int linkat(int fromfd, const char* from, int tofd, const char* to, int flags) {
  const bool k = before(watched(tofd, to));
  return after(k, real<int (*)(int, const char*, int, const char*, int)>("linkat")(
                      fromfd, from, tofd, to, flags));
}
int symlink(const char* from, const char* to) {
  const bool k = before(watched(AT_FDCWD, to));
  return after(k, real<int (*)(const char*, const char*)>("symlink")(from, to));
}
int symlinkat(const char* from, int tofd, const char* to) {
  const bool k = before(watched(tofd, to));
  return after(k, real<int (*)(const char*, int, const char*)>("symlinkat")(from, tofd, to));
}
int truncate(const char* path, off_t length) {
  const bool k = before(watched(AT_FDCWD, path));
  return after(k, real<int (*)(const char*, off_t)>("truncate")(path, length));
}

}  // extern "C"
