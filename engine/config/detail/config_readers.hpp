// The readers of the config's sections, one per section, shared by config.cpp (the file, the
// run, privacy, report and output), config_inputs.cpp (the input files) and
// config_analysis.cpp (analysis and maps). load_config calls them in order.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>

#include "engine/config/config.hpp"

namespace reachmap::detail {

// One config file as it is read: its TOML, its folder (paths in it are relative to that) and
// its name for messages.
struct Source {
  const toml::table& root;
  std::filesystem::path base;
  const std::string& path;
};

// Input files (config_inputs.cpp).
void read_postcodes(const Source& in, Config& cfg);
void read_registrations(const Source& in, Config& cfg);
void read_attendance(const Source& in, Config& cfg);
void read_carers(const Source& in, Config& cfg);    // after [attendance]
void read_services(const Source& in, Config& cfg);  // after [[group_population]]
void read_known_children(const Source& in, Config& cfg);
void read_layers(const Source& in, Config& cfg);
void read_lookups(const Source& in, Config& cfg);
void read_population(const Source& in, Config& cfg);         // after [[layers]] and [lookups]
void read_group_populations(const Source& in, Config& cfg);  // after [population]
void read_centres(const Source& in, Config& cfg);            // after [[layers]]
void read_deprivation(const Source& in, Config& cfg);        // after [[layers]] and [lookups]
void read_basemap(const Source& in, Config& cfg);

// What is computed and drawn (config_analysis.cpp).
void read_maps(const Source& in, Config& cfg);
void read_analysis(const Source& in, Config& cfg);
void read_map_style(const Source& in, Config& cfg);

}  // namespace reachmap::detail
