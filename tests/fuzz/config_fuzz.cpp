// The config loader on any bytes: a Config or a reachmap::Error, nothing else (no toml++
// exception, no crash), and every error names the config file.
#include <string>

#include "engine/config/config.hpp"
#include "engine/core/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace reachmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::MemoryFile file(data, size, "config");
  try {
    const Config c = load_config(file.path());
    fuzz::require(!c.layers.empty(), "a loaded config has a layer");
    fuzz::require(!(c.run.to < c.run.from), "the period runs forwards");
  } catch (const Error& e) {
    fuzz::require(e.where().file == file.path(), "a config error names the config");
    fuzz::require(!e.hint().empty(), "a config error has a hint");
  }
  return 0;
}
