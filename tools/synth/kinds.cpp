#include "tools/synth/kinds.hpp"

#include <cmath>
#include <cstring>

namespace reachmap::synth {

std::size_t nearest_site(const std::vector<Site>& sites, double x, double y) {
  std::size_t best = 0;
  double best_d = 1e300;
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (const double d = std::hypot(sites[i].x - x, sites[i].y - y); d < best_d)
      best = i, best_d = d;
  return best;
}

void assign_centre_kinds(std::vector<Site>& centres, std::uint64_t seed) {
  Rng rng(seed, 6);
  for (Site& c : centres) c.kind = rng.chance(0.4) ? "family hub" : "children's centre";
}

std::string service_at(const Site& centre, const char* drawn, bool welsh_family, Rng& rng) {
  if (!centre.welsh_medium) return drawn;
  if (rng.chance(welsh_family ? 0.6 : 0.04)) return "ti a fi";
  if (std::strcmp(drawn, "baby massage") == 0) return "tylino babi";
  return drawn;
}

std::string services_csv() {
  return "service_id,name,type,language\n"
         "stay and play,Stay and Play,stay and play,en\n"
         "baby massage,Baby Massage,baby and toddler,en\n"
         "health visitor clinic,Health Visitor Clinic,health,en\n"
         "family support,Family Support,family support,en\n"
         "speech and language,Speech and Language drop-in,health,en\n"
         "parenting course,Parenting Course,parenting,en\n"
         "rhyme time,Rhyme Time,library session,en\n"
         "ti a fi,Ti a Fi (Welsh-medium stay and play),stay and play,cy\n"
         "tylino babi,Tylino Babi / Baby Massage,baby and toddler,bilingual\n";
}

double welsh_share(double decile, bool gap) {
  return gap ? 0.5 : 0.05 + 0.012 * decile;
}

}  // namespace reachmap::synth
