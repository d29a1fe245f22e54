#include "tools/synth/synth.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/rng.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/measure/area_values.hpp"
#include "engine/measure/population.hpp"
#include "tools/synth/kinds.hpp"

namespace reachmap::synth {

namespace {

constexpr const char* kCrs = "EPSG:27700";
// A planted cluster registers this share of the children it otherwise would, and those it
// registers come this much less often: underserved, yet not so small that every count is
// suppressed.
constexpr double kPlantedRegistration = 0.4, kPlantedContacts = 0.6;
constexpr const char* kLetters = "ABDEFGHJLNPQRSTUWXYZ";  // inward-code letters in use
const char* const kServices[] = {"stay and play",  "baby massage",        "health visitor clinic",
                                 "family support", "speech and language", "parenting course"};
const char* const kCarers[] = {"mother", "mother", "mother", "father", "grandparent"};

struct PostcodeSpot {
  std::string code;
  double x, y;
  bool synthetic;
};

using Centre = Site;

// Synthetic postcodes start with Q, which no real UK postcode area uses: QA1 0AA, QA1 0AB, ...
std::string synthetic_postcode(std::size_t k) {
  const std::size_t unit = k % 400, sector = (k / 400) % 10, district = (k / 4000) % 99 + 1,
                    area = (k / 396000) % 20;
  std::string s = "Q";
  s += kLetters[area];
  s += std::to_string(district) + ' ' + std::to_string(sector);
  s += kLetters[unit / 20];
  s += kLetters[unit % 20];
  return s;
}

// Portable Poisson draw (no std:: distributions, so every platform gives the same numbers).
int poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  if (mean > 30)
    return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * rng.normal())));
  const double limit = std::exp(-mean);
  int k = 0;
  for (double p = rng.uniform(); p > limit; p *= rng.uniform()) ++k;
  return k;
}

Date random_date(Rng& rng, long from, long to) {
  return date_from_days(from +
                        static_cast<long>(rng.below(static_cast<std::uint64_t>(to - from + 1))));
}

std::string padded(char prefix, std::size_t n, int width) {
  std::string digits = std::to_string(n);
  return prefix +
         std::string(digits.size() < static_cast<std::size_t>(width)
                         ? static_cast<std::size_t>(width) - digits.size()
                         : 0,
                     '0') +
         digits;
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::ofstream open_out(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error(ErrorCode::kOutput, "cannot write the file", {path}, "check the folder");
  return out;
}

// One numeric column per area (the deprivation decile).
std::vector<std::optional<double>> area_column(const std::string& path, const BoundaryLayer& layer,
                                               const std::string& area, const std::string& column,
                                               Accounting& accounting) {
  const AreaValues v =
      load_area_values({path, path}, layer, {area, true, "--deprivation-area"},
                       {{column, true, "--deprivation-decile"}}, true, "bad number", accounting);
  return v.values[0];
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

// A config that runs reachmap on what was just written (absolute paths).
void write_config(const Options& o) {
  namespace fs = std::filesystem;
  auto abs = [](const std::string& p) {
    return toml_string(fs::absolute(p).lexically_normal().string());
  };
  auto out = open_out(o.out_dir + "/reachmap.toml");
  out << "# Written by reachmap-synth (seed " << o.seed << "): synthetic families on real places.\n"
      << "[run]\nfrom = " << o.from.to_string() << "\nto = " << o.to.to_string()
      << "\ncrs = \"EPSG:27700\"\nseed = " << o.seed << "\n\n"
      << "[postcodes]\npath = \"postcodes.csv\"\nx = \"x\"\ny = \"y\"\ncrs = \"EPSG:27700\"\n\n"
      << "[registrations]\npath = \"registrations.csv\"\ngroups = [\"lone_parent\", "
         "\"teen_parent\""
      << (o.welsh ? ", \"welsh_speaking\"" : "") << "]\n\n"
      << "[attendance]\npath = \"attendance.csv\"\ncarer = \"carer\"\n\n"
      << "[[layers]]\nname = \"areas\"\npath = " << abs(o.boundaries) << "\n";
  if (!o.layer_name.empty()) out << "layer = " << toml_string(o.layer_name) << "\n";
  if (!o.where.empty()) out << "where = " << toml_string(o.where) << "\n";
  if (!o.label_field.empty()) out << "label = " << toml_string(o.label_field) << "\n";
  out << "id = " << toml_string(o.id_field) << "\ndirectory_code = \"area_id\"\n\n"
      << "[population]\npath = " << abs(o.population)
      << "\narea = " << toml_string(o.population_area)
      << "\ncount = " << toml_string(o.population_count)
      << "\nscale = " << format_number(o.population_scale) << "\n"
      << (o.lookup.empty() ? "" : "codes = \"new\"\n") << "\n";
  if (!o.lookup.empty()) out << "[lookups]\npath = " << abs(o.lookup) << "\n\n";
  for (const char* group : {"lone_parent", "teen_parent", "welsh_speaking"})  // true counts
    if (o.welsh || std::string(group) != "welsh_speaking")
      out << "[[group_population]]\nname = \"" << group
          << "\"\npath = \"group_population.csv\"\narea = \"area_id\"\n\n";
  if (o.settings || o.welsh) out << "[services]\npath = \"services.csv\"\n\n";
  if (o.welsh) out << "[[language_gap]]\nlanguage = \"cy\"\ndemand = \"welsh_speaking\"\n\n";
  if (!o.deprivation.empty())
    out << "[deprivation]\npath = " << abs(o.deprivation)
        << "\narea = " << toml_string(o.deprivation_area)
        << "\ndecile = " << toml_string(o.deprivation_decile) << "\n\n";
  out << "[centres]\npath = \"centres.csv\"\nx = \"x\"\ny = \"y\"\nreach_areas = \"reach_areas\"\n"
      << "reach_layer = \"areas\"\n"
      << (o.settings ? "setting_type = \"setting_type\"\nheadline_types = [\"children's centre\", "
                       "\"family hub\"]\n"
                     : "")
      << "\n[output]\ndir = \"out\"\n";
}

}  // namespace

Summary synthesise(const Options& o) {
  Summary summary;
  namespace fs = std::filesystem;
  fs::create_directories(o.out_dir);
  LayerSource section;
  section.name = "areas";
  section.path = section.display = o.boundaries;
  section.layer = o.layer_name;
  section.id = o.id_field;
  section.label = o.label_field;
  section.where = o.where;
  const BoundaryLayer layer = load_boundary_layer(section, kCrs);
  const std::size_t n_areas = layer.areas.size();
  summary.areas = n_areas;
  Accounting accounting;

  // Children per area: the population estimate, rounded at random so totals stay unbiased.
  // Population on the other side of a lookup (e.g. Census 2021 on LSOA 2021 for LSOA 2011
  // areas) is carried across like a run does: sums of parts, equal shares of split areas.
  std::optional<VintageLookup> lookup;
  if (!o.lookup.empty()) {
    LookupSource ls;
    ls.path = ls.display = o.lookup;
    ls.old_code = {"lsoa11cd", false, "--lookup"};
    ls.new_code = {"lsoa21cd", false, "--lookup"};
    ls.change = {"chgind", false, "--lookup"};
    lookup = load_vintage_lookup(ls, accounting);
  }
  PopulationSource ps;
  ps.path = ps.display = o.population;
  ps.area = {o.population_area, true, "--population-area"};
  ps.count = {o.population_count, true, "--population-count"};
  ps.codes = lookup ? CodeVintage::kNew : CodeVintage::kLayer;
  ps.scale = o.population_scale;
  const Population population = load_population(ps, layer, accounting, lookup ? &*lookup : nullptr);
  std::vector<double> under5(n_areas, 0), decile(n_areas, 5);
  for (std::size_t a = 0; a < n_areas; ++a) under5[a] = population.by_area[a].value_or(0);
  if (!o.deprivation.empty()) {
    const auto d =
        area_column(o.deprivation, layer, o.deprivation_area, o.deprivation_decile, accounting);
    for (std::size_t a = 0; a < n_areas; ++a) decile[a] = d[a].value_or(5);
  }

  // Where children can live: the real postcodes of each area, sorted, or synthetic ones.
  std::vector<std::vector<PostcodeSpot>> spots(n_areas);
  if (!o.postcodes.empty()) {
    PostcodesSource pc;
    pc.path = pc.display = o.postcodes;
    pc.postcode = {o.postcode_column, true, "--postcode-column"};
    pc.lat = {o.lat, true, "--lat"};
    pc.lon = {o.lon, true, "--lon"};
    pc.terminated = {"doterm", false, "doterm"};
    const PostcodeDirectory dir = load_directory(pc, kCrs, {o.postcode_area}, accounting);
    for (const auto& [code, e] : dir.entries) {
      if (!e.has_location || e.terminated) continue;
      const long a = layer.find(dir.code(e, 0));
      if (a >= 0)
        spots[static_cast<std::size_t>(a)].push_back({std::string(code), e.x, e.y, false});
    }
    for (auto& s : spots)
      std::sort(s.begin(), s.end(), [](const auto& p, const auto& q) { return p.code < q.code; });
  }
  std::size_t next_synthetic = 0;
  for (std::size_t a = 0; a < n_areas; ++a) {
    if (!spots[a].empty()) {
      summary.real_postcodes += spots[a].size();
      continue;
    }
    const std::vector<Ring> rings = wkb_rings(layer.areas[a].wkb);
    const Envelope e = envelope_of(rings);
    if (e.empty()) continue;
    Rng rng(o.seed, 3'000'000'000ULL + a);
    const std::size_t n = std::max<std::size_t>(3, static_cast<std::size_t>(under5[a] / 3));
    for (std::size_t i = 0; i < n; ++i) {
      double x = layer.areas[a].anchor_x, y = layer.areas[a].anchor_y;
      for (int tries = 0; tries < 1000; ++tries) {
        const double px = rng.uniform(e.minx, e.maxx), py = rng.uniform(e.miny, e.maxy);
        if (inside_rings(rings, px, py)) {
          x = px, y = py;
          break;
        }
      }
      spots[a].push_back({synthetic_postcode(next_synthetic++), x, y, true});
    }
    summary.synthetic_postcodes += n;
  }

  // Centres: areas drawn without replacement, more deprived areas more likely (weight 11 -
  // decile, Efraimidis-Spirakis keys), each centre at one of its area's postcodes.
  const std::size_t want = o.centres ? o.centres : std::max<std::size_t>(1, n_areas / 8);
  std::vector<std::pair<double, std::size_t>> keys;
  {
    Rng rng(o.seed, 1);
    for (std::size_t a = 0; a < n_areas; ++a)
      if (!spots[a].empty())
        keys.push_back({std::log(rng.uniform() + 1e-300) / (11 - decile[a]), a});
    std::sort(keys.begin(), keys.end(), std::greater<>());
  }
  std::vector<Centre> centres;
  for (std::size_t i = 0; i < keys.size() && centres.size() < want; ++i) {
    const std::size_t a = keys[i].second;
    Rng rng(o.seed, 2'000'000'000ULL + a);
    const PostcodeSpot& s = spots[a][rng.below(spots[a].size())];
    centres.push_back(
        {padded('S', centres.size() + 1, 4),
         "Centre " + std::to_string(centres.size() + 1) + " (" + layer.areas[a].label + ")", s.code,
         s.x, s.y, "", false});
  }
  if (centres.empty())
    throw Error(ErrorCode::kNothingUsable, "no area has a postcode or a polygon for a centre",
                {o.boundaries}, "check --id and --where");
  summary.centres = centres.size();
  // With --settings: the next areas in the same draw get the health clinics (one per three
  // centres) and the libraries (one per four).
  std::vector<Site> clinics, libraries;
  if (o.settings) {
    assign_centre_kinds(centres, o.seed);
    std::size_t i = centres.size();
    for (auto [sites, n, prefix, kind] :
         {std::tuple{&clinics, std::max<std::size_t>(1, want / 3), 'H', "health clinic"},
          {&libraries, std::max<std::size_t>(1, want / 4), 'L', "library"}})
      for (; i < keys.size() && sites->size() < n; ++i) {
        const std::size_t a = keys[i].second;
        Rng rng(o.seed, 2'000'000'000ULL + a);
        const PostcodeSpot& s = spots[a][rng.below(spots[a].size())];
        Site site{padded(prefix, sites->size() + 1, 3),
                  std::string(prefix == 'H' ? "Health clinic " : "Library ") +
                      std::to_string(sites->size() + 1) + " (" + layer.areas[a].label + ")",
                  s.code,
                  s.x,
                  s.y,
                  kind,
                  false};
        sites->push_back(std::move(site));
      }
    summary.other_sites = clinics.size() + libraries.size();
  }

  // The two nearest centres of each area, from its anchor point.
  std::vector<std::array<std::size_t, 2>> nearest(n_areas);
  for (std::size_t a = 0; a < n_areas; ++a) {
    double d0 = 1e300, d1 = 1e300;
    std::size_t c0 = 0, c1 = 0;
    for (std::size_t c = 0; c < centres.size(); ++c) {
      const double d = std::hypot(centres[c].x - layer.areas[a].anchor_x,
                                  centres[c].y - layer.areas[a].anchor_y);
      if (d < d0) {
        d1 = d0, c1 = c0, d0 = d, c0 = c;
      } else if (d < d1) {
        d1 = d, c1 = c;
      }
    }
    nearest[a] = {c0, centres.size() > 1 ? c1 : c0};
  }

  // Planted clusters: a seed area with children and its four nearest neighbours (by anchor).
  std::vector<std::string> cluster_of(n_areas);
  auto out_clusters = open_out(o.out_dir + "/planted_clusters.csv");
  out_clusters << "cluster,area_id,area_name,registration_factor,contact_factor\n";
  {
    Rng rng(o.seed, 4);
    std::vector<std::size_t> candidates;
    for (std::size_t a = 0; a < n_areas; ++a)
      if (under5[a] >= 20 && !spots[a].empty()) candidates.push_back(a);
    for (std::size_t k = 0; k < o.clusters && !candidates.empty(); ++k) {
      const std::size_t seed_area = candidates[rng.below(candidates.size())];
      if (!cluster_of[seed_area].empty()) continue;
      std::vector<std::pair<double, std::size_t>> by_distance;
      for (std::size_t a = 0; a < n_areas; ++a)
        if (cluster_of[a].empty())
          by_distance.push_back(
              {std::hypot(layer.areas[a].anchor_x - layer.areas[seed_area].anchor_x,
                          layer.areas[a].anchor_y - layer.areas[seed_area].anchor_y),
               a});
      std::sort(by_distance.begin(), by_distance.end());
      for (const std::size_t c : nearest[seed_area]) centres[c].welsh_medium = false;
      const std::string name = std::string("Planted cluster ") + static_cast<char>('A' + k % 26) +
                               (k >= 26 ? std::to_string(k / 26) : "");
      for (std::size_t i = 0; i < by_distance.size() && i < 5; ++i) {
        const std::size_t a = by_distance[i].second;
        cluster_of[a] = name;
        write_csv_row(out_clusters,
                      {name, layer.areas[a].id, layer.areas[a].label,
                       format_number(kPlantedRegistration), format_number(kPlantedContacts)});
      }
      ++summary.clusters;
    }
  }

  // With --welsh: every centre runs Welsh-medium sessions but two, and a language gap is
  // planted where both are the nearest: up to five neighbouring areas (not underserved) whose
  // two nearest centres are those two, where half the families speak Welsh. (With a quarter of
  // the centres left out at random, 18 more areas of Cardiff were gaps as real as the planted
  // one; with the nearest of five areas by distance alone, ten centres.)
  std::vector<char> language_gap(n_areas, 0);
  if (o.welsh) {
    Rng rng(o.seed, 9);
    for (Site& c : centres) c.welsh_medium = true;
    std::vector<std::size_t> candidates;
    for (std::size_t a = 0; a < n_areas; ++a)
      if (under5[a] >= 20 && !spots[a].empty() && cluster_of[a].empty()) candidates.push_back(a);
    auto out_gap = open_out(o.out_dir + "/planted_language_gap.csv");
    out_gap << "area_id,area_name,welsh_speaking_share\n";
    // The areas whose two nearest centres are the seed's, nearest the seed first.
    const auto sharing = [&](std::size_t seed) {
      const auto& s = nearest[seed];
      std::vector<std::pair<double, std::size_t>> out;
      for (std::size_t a = 0; a < n_areas; ++a)
        if (cluster_of[a].empty() && !spots[a].empty() &&
            (nearest[a][0] == s[0] || nearest[a][0] == s[1]) &&
            (nearest[a][1] == s[0] || nearest[a][1] == s[1]))
          out.push_back({std::hypot(layer.areas[a].anchor_x - layer.areas[seed].anchor_x,
                                    layer.areas[a].anchor_y - layer.areas[seed].anchor_y),
                         a});
      std::sort(out.begin(), out.end());
      if (out.size() > 5) out.resize(5);
      return out;
    };
    // From a random start, the first seed with five such areas (else the one with most).
    std::vector<std::pair<double, std::size_t>> gap;
    std::size_t gap_seed = 0;
    const std::size_t start = candidates.empty() ? 0 : rng.below(candidates.size());
    for (std::size_t i = 0; i < candidates.size() && gap.size() < 5; ++i) {
      const std::size_t seed = candidates[(start + i) % candidates.size()];
      if (auto areas = sharing(seed); areas.size() > gap.size())
        gap = std::move(areas), gap_seed = seed;
    }
    if (!gap.empty())
      for (const std::size_t c : nearest[gap_seed]) centres[c].welsh_medium = false;
    for (const auto& [distance, a] : gap) {
      language_gap[a] = 1;
      write_csv_row(out_gap, {layer.areas[a].id, layer.areas[a].label,
                              format_number(welsh_share(decile[a], true))});
      ++summary.language_gap_areas;
    }
  }

  // Children, area by area, straight to disk.
  auto out_reg = open_out(o.out_dir + "/registrations.csv");
  auto out_att = open_out(o.out_dir + "/attendance.csv");
  auto out_truth = open_out(o.out_dir + "/ground_truth.csv");
  out_reg << "child_id,family_id,postcode,birth_date,registered_on,lone_parent,teen_parent"
          << (o.welsh ? ",welsh_speaking\n" : "\n");
  out_att << "child_id,date,centre_id,service,carer\n";
  out_truth << "area_id,under5_estimate,children,registered,seen,contacts,mean_km_to_centre,"
               "decile,planted_cluster\n";
  constexpr double kTeenChance = 0.02;
  std::vector<std::uint32_t> lone_parent(n_areas, 0), teen_parent(n_areas, 0),
      welsh_speaking(n_areas, 0);
  const long from = o.from.days(), to = o.to.days();
  const long born_from = Date{o.to.year - 5, o.to.month, o.to.day}.days() + 1;
  std::size_t child_no = 0, family_no = 0;
  std::string reg, att;
  for (std::size_t a = 0; a < n_areas; ++a) {
    Rng rng(o.seed, 1'000'000'000ULL + a);
    std::size_t children = static_cast<std::size_t>(under5[a]);
    if (rng.chance(under5[a] - std::floor(under5[a]))) ++children;
    if (spots[a].empty()) children = 0;
    const bool planted = !cluster_of[a].empty();
    const double deprivation_factor = 1.1 - 0.03 * decile[a];  // outreach aims at need
    std::size_t registered = 0, seen = 0, contacts = 0;
    double km_sum = 0;
    const PostcodeSpot* home = nullptr;
    std::string family;
    reg.clear(), att.clear();
    // The target groups' under-5s, registered or not (group_population.csv): the unregistered
    // children's families are drawn from a stream of their own, so the registrations and the
    // contacts are those of a set made without them.
    Rng family_of_unregistered(o.seed, 3'000'000'000ULL + a);
    const double lone_chance = 0.1 + 0.02 * (10 - decile[a]);
    // --welsh and --settings: a stream of their own (kinds.hpp).
    Rng other(o.seed, 5'000'000'000ULL + a);
    bool welsh_family = false;
    const Site* clinic =
        clinics.empty()
            ? nullptr
            : &clinics[nearest_site(clinics, layer.areas[a].anchor_x, layer.areas[a].anchor_y)];
    const Site* library =
        libraries.empty()
            ? nullptr
            : &libraries[nearest_site(libraries, layer.areas[a].anchor_x, layer.areas[a].anchor_y)];
    for (std::size_t i = 0; i < children; ++i) {
      // Brothers and sisters share a family id and a postcode.
      if (!home || rng.chance(0.65)) {
        home = &spots[a][rng.below(spots[a].size())];
        family = padded('F', ++family_no, 7);
        welsh_family = o.welsh && other.chance(welsh_share(decile[a], language_gap[a]));
      }
      welsh_speaking[a] += welsh_family;
      const std::string child = padded('C', ++child_no, 8);
      const Centre& c0 = centres[nearest[a][0]];
      const Centre& c1 = centres[nearest[a][1]];
      const double d0 = std::hypot(c0.x - home->x, c0.y - home->y) / 1000,
                   d1 = std::hypot(c1.x - home->x, c1.y - home->y) / 1000;
      const double km = std::min(d0, d1);
      const Centre& near = d0 <= d1 ? c0 : c1;
      const Centre& far = d0 <= d1 ? c1 : c0;
      km_sum += km;
      const Date birth = random_date(rng, born_from, to);
      const double p_register = std::min(0.97, 0.9 * std::exp(-km / 4) * deprivation_factor *
                                                   (planted ? kPlantedRegistration : 1.0));
      if (!rng.chance(p_register)) {
        lone_parent[a] += family_of_unregistered.chance(lone_chance);
        teen_parent[a] += family_of_unregistered.chance(kTeenChance);
        continue;
      }
      const long reg_day = birth.days() + static_cast<long>(rng.below(300));
      const bool late = reg_day > to;  // registered after the period: not counted, still a child
      const bool lone = late ? family_of_unregistered.chance(lone_chance) : rng.chance(lone_chance);
      const bool teen = late ? family_of_unregistered.chance(kTeenChance) : rng.chance(kTeenChance);
      lone_parent[a] += lone, teen_parent[a] += teen;
      if (late) continue;
      ++registered;
      reg += child + ',' + family + ',' + home->code + ',' + birth.to_string() + ',' +
             date_from_days(reg_day).to_string() + ',' + (lone ? '1' : '0') + ',' +
             (teen ? '1' : '0') + (o.welsh ? (welsh_family ? ",1" : ",0") : "") + '\n';
      const long first = std::max(from, reg_day);
      if (first > to) continue;
      const int n = poisson(rng, 21 * std::exp(-km / 6) * (planted ? kPlantedContacts : 1.0) *
                                     static_cast<double>(to - first + 1) /
                                     static_cast<double>(to - from + 1));
      seen += n > 0;
      contacts += static_cast<std::size_t>(n);
      for (int k = 0; k < n; ++k) {
        // Drawn carer, service, date: the order GCC evaluated them in when they were parts of
        // one expression (an order the language leaves open), so the families stay the same.
        const Centre& centre = rng.chance(0.8) ? near : far;
        const char* carer = kCarers[rng.below(5)];
        const char* service = kServices[rng.below(6)];
        const std::string date = random_date(rng, first, to).to_string();
        // With --settings the health visitors' clinics are at the clinic.
        const bool at_clinic = clinic && std::strcmp(service, "health visitor clinic") == 0;
        att += child + ',' + date + ',' + (at_clinic ? clinic->id : centre.id) + ',' +
               (o.welsh && !at_clinic ? service_at(centre, service, welsh_family, other)
                                      : std::string(service)) +
               ',' + carer + '\n';
      }
      // With --settings some children, seen or not, come to the library's rhyme time.
      if (library && other.chance(n > 0 ? 0.25 : 0.12)) {
        const int times = 1 + poisson(other, 2);
        for (int k = 0; k < times; ++k)
          att += child + ',' + random_date(other, first, to).to_string() + ',' + library->id +
                 ",rhyme time," + kCarers[other.below(5)] + '\n';
      }
    }
    out_reg << reg;
    out_att << att;
    out_truth << layer.areas[a].id << ',' << fixed(under5[a], 2) << ',' << children << ','
              << registered << ',' << seen << ',' << contacts << ','
              << (children ? fixed(km_sum / static_cast<double>(children), 3) : "") << ','
              << format_number(decile[a]) << ',' << cluster_of[a] << '\n';
    summary.children += children, summary.registered += registered, summary.seen += seen;
    summary.contacts += contacts;
    if (a % 256 == 255) report(o.progress, "synthesise", a + 1, n_areas);
  }
  report(o.progress, "synthesise", n_areas, n_areas, true);

  {
    auto out_groups = open_out(o.out_dir + "/group_population.csv");
    out_groups << "area_id,lone_parent,teen_parent" << (o.welsh ? ",welsh_speaking\n" : "\n");
    for (std::size_t a = 0; a < n_areas; ++a) {
      out_groups << layer.areas[a].id << ',' << lone_parent[a] << ',' << teen_parent[a];
      if (o.welsh) out_groups << ',' << welsh_speaking[a];
      out_groups << '\n';
      summary.welsh_speaking += welsh_speaking[a];
    }
  }
  if (o.settings || o.welsh) {
    auto out_services = open_out(o.out_dir + "/services.csv");
    out_services << services_csv();
  }

  // The directory the families live in and the centres, in British National Grid.
  auto out_pc = open_out(o.out_dir + "/postcodes.csv");
  out_pc << "pcds,x,y,area_id,synthetic\n";
  for (std::size_t a = 0; a < n_areas; ++a)
    for (const auto& s : spots[a])
      out_pc << s.code << ',' << format_number(s.x) << ',' << format_number(s.y) << ','
             << layer.areas[a].id << ',' << (s.synthetic ? 1 : 0) << '\n';
  // Each centre's reach area: the areas it is the nearest centre of.
  std::vector<std::string> reach(centres.size());
  for (std::size_t a = 0; a < n_areas; ++a) {
    std::string& r = reach[nearest[a][0]];
    r += (r.empty() ? "" : ";") + layer.areas[a].id;
  }
  auto out_centres = open_out(o.out_dir + "/centres.csv");
  out_centres << "centre_id,name,postcode,x,y,reach_areas"
              << (o.settings ? ",setting_type\n" : "\n");
  const auto centre_row = [&](const Site& c, const std::string& reach_areas) {
    std::vector<std::string> row{c.id,          c.name,        c.postcode,
                                 fixed(c.x, 1), fixed(c.y, 1), reach_areas};
    if (o.settings) row.push_back(c.kind);
    write_csv_row(out_centres, row);
  };
  for (std::size_t c = 0; c < centres.size(); ++c) centre_row(centres[c], reach[c]);
  for (const auto* sites : {&clinics, &libraries})  // no reach area of their own
    for (const Site& site : *sites) centre_row(site, "");
  if (o.localities_by_name) {
    auto out_localities = open_out(o.out_dir + "/localities.csv");
    out_localities << o.id_field << ",locality_cd,locality_nm\n";
    for (const auto& area : layer.areas) {
      std::string locality = area.label;
      if (locality.size() > 1 && std::isalpha(static_cast<unsigned char>(locality.back())))
        locality.pop_back();
      write_csv_row(out_localities, {area.id, locality, locality});
    }
  }
  write_config(o);
  for (auto* f : {&out_reg, &out_att, &out_truth, &out_pc, &out_centres, &out_clusters}) {
    f->close();
    if (!*f) throw Error(ErrorCode::kOutput, "could not finish writing", {o.out_dir}, "disk full?");
  }
  return summary;
}

}  // namespace reachmap::synth
