// reachmap-synth's other settings and language: health clinics and libraries beside the centres
// (--settings), and Welsh-speaking families with Welsh-medium sessions at most centres, one
// cluster of areas planted with many Welsh-speaking families and no Welsh-medium provision near
// (--welsh). Every draw here comes from streams of its own: without the flags, the files are
// the bytes they were.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/rng.hpp"

namespace reachmap::synth {

struct Site {
  std::string id, name, postcode;
  double x = 0, y = 0;
  std::string kind;           // with --settings: family hub, children's centre, ...
  bool welsh_medium = false;  // with --welsh: runs Ti a Fi and bilingual baby massage
};

// A site chosen for an area: its index and the area's anchor.
std::size_t nearest_site(const std::vector<Site>& sites, double x, double y);

// The kinds of the centres (a family hub with chance 0.4, else a children's centre).
void assign_centre_kinds(std::vector<Site>& centres, std::uint64_t seed);

// The service a contact at `centre` is written as: `drawn` (the contact's draw from the
// child's stream) unless the family speaks Welsh and the centre runs Welsh-medium sessions (Ti
// a Fi, 6 times in 10), or anyone's baby massage there (bilingual), or a few other families' Ti
// a Fi (1 in 25). `rng` is the area's Welsh stream.
std::string service_at(const Site& centre, const char* drawn, bool welsh_family, Rng& rng);

// The services file of every service the synthetic attendance names.
std::string services_csv();

// The share of families speaking Welsh in an area: more in the less deprived (Cardiff's
// pattern), half in the planted language gap.
double welsh_share(double decile, bool gap);

}  // namespace reachmap::synth
