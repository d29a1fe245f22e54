// Headless Chromium driven over the DevTools protocol on a socket (--remote-debugging-pipe:
// Chromium reads commands on its descriptor 3 and writes replies and events on 4, each one JSON
// text ended by a NUL), rather than told to print a file and exit (--print-to-pdf): the PDF
// comes back as soon as it is made, and Chromium is killed instead of shutting down, which
// took 0.4-0.8 s of a national run's last seconds. The PDF is the same bytes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>

namespace reachmap {

class TemporaryFolder;

class HeadlessBrowser {
 public:
  // Starts `browser` (a path, as find_chromium() gives) with its profile in a new private
  // folder under `parent`, which it writes nothing outside of. Never throws: a browser that
  // could not start says so at print_once().
  HeadlessBrowser(const std::string& browser, const std::string& parent);
  ~HeadlessBrowser();  // close()
  HeadlessBrowser(const HeadlessBrowser&) = delete;
  HeadlessBrowser& operator=(const HeadlessBrowser&) = delete;

  // Loads `html_path` and prints it as Chromium's --print-to-pdf does (the page's own page
  // size and backgrounds, no header or footer); the PDF's bytes go into `pdf`. Then close():
  // one print each. Returns "" or what went wrong, in words.
  std::string print_once(const std::string& html_path, std::string& pdf,
                         std::chrono::seconds timeout);

  // Kills the browser (with any helper it started) and removes its folder. Idempotent.
  void close();

 private:
  std::string browser_, start_error_;
  std::unique_ptr<TemporaryFolder> work_;
  pid_t pid_ = -1;
  int socket_ = -1;
};

}  // namespace reachmap
