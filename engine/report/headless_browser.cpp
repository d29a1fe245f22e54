#include "engine/report/headless_browser.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"

extern char** environ;

namespace reachmap {

namespace {

using Json = nlohmann::ordered_json;  // as the rest of the report module
using Clock = std::chrono::steady_clock;

// What went wrong while printing, in words for the run's warning.
struct Failure {
  std::string what;
};

std::string from_base64(const std::string& in) {
  static const auto value = [] {
    std::array<int, 256> v;
    v.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(alphabet[i])] = i;
    return v;
  }();
  std::string out;
  out.reserve(in.size() / 4 * 3);
  unsigned bits = 0;
  int have = 0;
  for (const char c : in) {
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0) {
      if (c == '=') break;
      throw Failure{"its PDF was not base64"};
    }
    bits = bits << 6 | unsigned(v);
    if ((have += 6) >= 8) {
      have -= 8;
      out += char(bits >> have & 0xff);
    }
  }
  return out;
}

// One connection to the browser: commands out, replies and events in, in order.
class Connection {
 public:
  Connection(int socket, Clock::time_point deadline) : socket_(socket), deadline_(deadline) {}

  // Sends a command and waits for its reply; returns its result. Events met meanwhile are
  // kept for wait_for().
  Json call(const std::string& method, Json params = Json::object(),
            const std::string& session = "") {
    Json command{{"id", ++last_id_}, {"method", method}, {"params", std::move(params)}};
    if (!session.empty()) command["sessionId"] = session;
    const std::string text = command.dump() + '\0';
    for (std::size_t sent = 0; sent < text.size();) {
      const ssize_t n = ::send(socket_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw Failure{"it stopped listening (" + method + ")"};
      sent += std::size_t(n);
    }
    for (;;) {
      Json message = next();
      if (!message.contains("id")) {
        if (message.contains("method")) events_.push_back(std::move(message));
        continue;
      }
      if (message["id"] != last_id_) continue;
      if (message.contains("error"))
        throw Failure{"it refused " + method + ": " + message["error"].dump()};
      return message.value("result", Json::object());
    }
  }

  // Waits until the browser has sent (or had sent) an event for which `is` holds.
  template <typename Predicate>
  void wait_for(Predicate is) {
    for (std::size_t e = 0;; ++e) {
      while (e >= events_.size()) {
        Json message = next();
        if (message.contains("method") && !message.contains("id"))
          events_.push_back(std::move(message));
      }
      if (is(events_[e])) return;
    }
  }

 private:
  Json next() {
    for (;;) {
      if (const auto end = inbox_.find('\0'); end != std::string::npos) {
        Json message = Json::parse(inbox_.begin(), inbox_.begin() + long(end), nullptr, false);
        inbox_.erase(0, end + 1);
        if (message.is_discarded()) throw Failure{"it sent a message that is not JSON"};
        return message;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
      if (left <= 0) throw Failure{"it took too long"};
      pollfd p{socket_, POLLIN, 0};
      const int ready = ::poll(&p, 1, int(std::min<long long>(left, 1000)));
      if (ready < 0 && errno != EINTR)
        throw Failure{std::string("cannot wait for it: ") + std::strerror(errno)};
      if (ready <= 0) continue;
      char buffer[1 << 16];
      const ssize_t n = ::recv(socket_, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw Failure{"it stopped before printing"};
      inbox_.append(buffer, std::size_t(n));
    }
  }

  int socket_;
  Clock::time_point deadline_;
  long last_id_ = 0;
  std::string inbox_;
  std::vector<Json> events_;
};

// A file's URL: every byte of its absolute path but letters, digits, "-._~/" percent-encoded,
// so that a folder named "Q1 #2 (50%)" is that folder, not a fragment or an escape.
std::string file_url(const std::string& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char c : std::filesystem::absolute(path).string()) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::strchr("-._~/", c)) {
      url += c;
    } else {
      url += '%';
      url += kHex[u >> 4];
      url += kHex[u & 15];
    }
  }
  return url;
}

}  // namespace

HeadlessBrowser::HeadlessBrowser(const std::string& browser, const std::string& parent)
    : browser_(browser) {
  try {
    work_ = std::make_unique<TemporaryFolder>(parent, "report-print");
  } catch (const Error& e) {
    start_error_ = "no working folder for it: " + e.message();
    return;
  }
  // Chromium's browser, renderer, GPU and network processes in one (--single-process): each
  // started apart, 2.2 of its 7 CPU seconds for a national report; the PDF is the same.
  // Headless Chromium is the whole browser with its window drawn nowhere: its first tab on
  // about:blank, not the New Tab page, and neither the omnibox's web-page popup nor the
  // browser's other web pages made ahead (PreloadTopChromeWebUI). Those pages are scripts of
  // their own, and they were half of Chromium's 4 CPU seconds for a national report; the
  // PDF is the same bytes.
  const std::vector<std::string> args{browser,
                                      "--headless",
                                      "--single-process",
                                      "--no-sandbox",
                                      "--disable-gpu",
                                      "--no-first-run",
                                      "--disable-extensions",
                                      "--disable-background-networking",
                                      "--disable-component-update",
                                      "--disable-sync",
                                      "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,"
                                      "WebUIOmniboxFullPopup,PreloadTopChromeWebUI",
                                      "--remote-debugging-pipe",
                                      "--user-data-dir=" + work_->path() + "/profile",
                                      "about:blank"};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    start_error_ = std::string("cannot talk to it: ") + std::strerror(errno);
    return;
  }
  // posix_spawn, not fork: no copy of a large process's page tables, and none of the
  // libraries' fork handlers (jemalloc's takes every lock of the heap while other threads run).
  // Chromium in a process group of its own, so that its helpers can be killed with it; and when
  // reachmap dies, its end of the socket closes and Chromium leaves at once by itself.
  posix_spawn_file_actions_t files;
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_init(&files);
  posix_spawnattr_init(&attributes);
  for (int fd : {0, 1, 2}) posix_spawn_file_actions_addopen(&files, fd, "/dev/null", O_RDWR, 0);
  posix_spawn_file_actions_adddup2(&files, pair[1], 3);
  posix_spawn_file_actions_adddup2(&files, pair[1], 4);
  posix_spawn_file_actions_addclosefrom_np(&files, 5);  // the output folder's lock among them
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0], &files, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attributes);
  ::close(pair[1]);
  if (spawned != 0) {
    ::close(pair[0]);
    start_error_ = std::string("cannot start it: ") + std::strerror(spawned);
    return;
  }
  pid_ = pid;
  socket_ = pair[0];
}

HeadlessBrowser::~HeadlessBrowser() {
  close();
}

void HeadlessBrowser::close() {
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);  // its process group: Chromium and any helper it started
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  if (socket_ >= 0) ::close(socket_), socket_ = -1;
  work_.reset();
}

std::string HeadlessBrowser::print_once(const std::string& html_path, std::string& pdf,
                                        std::chrono::seconds timeout) {
  std::string failure = start_error_;
  if (failure.empty() && socket_ < 0) failure = "it was closed before it printed";
  if (failure.empty()) try {
      Connection chromium(socket_, Clock::now() + timeout);
      const std::string target =
          chromium.call("Target.createTarget", {{"url", "about:blank"}})["targetId"];
      const std::string session = chromium.call(
          "Target.attachToTarget", {{"targetId", target}, {"flatten", true}})["sessionId"];
      chromium.call("Page.enable", Json::object(), session);
      chromium.call("Page.setLifecycleEventsEnabled", {{"enabled", true}}, session);
      const Json navigated =
          chromium.call("Page.navigate", {{"url", file_url(html_path)}}, session);
      if (navigated.contains("errorText"))
        throw Failure{"it could not open " + html_path + " (" +
                      navigated["errorText"].get<std::string>() + ")"};
      // The page's own load event (not about:blank's): printed when it has loaded, as
      // --print-to-pdf does.
      const Json loader = navigated.value("loaderId", Json());
      chromium.wait_for([&](const Json& e) {
        const Json& p = e.value("params", Json::object());
        return e["method"] == "Page.lifecycleEvent" && p.value("name", "") == "load" &&
               p.value("loaderId", Json()) == loader;
      });
      const Json printed = chromium.call(
          "Page.printToPDF",
          {{"printBackground", true}, {"preferCSSPageSize", true}, {"displayHeaderFooter", false}},
          session);
      pdf = from_base64(printed.value("data", ""));
    } catch (const Failure& f) {
      failure = f.what;
    } catch (const Json::exception& e) {
      failure = std::string("its reply was not understood (") + e.what() + ")";
    }
  close();
  return failure.empty() ? failure
                         : "Chromium (" + browser_ + ") could not print the report: " + failure;
}

}  // namespace reachmap
