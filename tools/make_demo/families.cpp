// Families and services for the demo town: postcodes, population, deprivation, centres,
// registrations and attendance, with the dirt real files have (malformed, unknown and
// missing postcodes, bad dates, duplicates, contacts for unknown children).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "engine/core/date.hpp"
#include "engine/geo/crs.hpp"
#include "tools/make_demo/demo.hpp"

namespace demo {

using namespace reachmap;

namespace {

const Date kFrom{2025, 4, 1}, kTo{2026, 3, 31};
constexpr const char* kLetters = "ABDEFGHJLNPQRSTUWXYZ";  // inward-code letters in use

Date random_date(Rng& rng, long from, long to) {
  return date_from_days(from +
                        static_cast<long>(rng.below(static_cast<std::uint64_t>(to - from + 1))));
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Spells a postcode the way a receptionist might type it.
std::string messy(const std::string& pc, Rng& rng) {
  const double u = rng.uniform();
  std::string s = pc;
  if (u < 0.08) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  } else if (u < 0.14) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else if (u < 0.17) {
    s = " " + s + "  ";
  }
  return s;
}

struct Child {
  std::string id;
  std::string nhs;  // the health service's number for the child (fictional)
  std::size_t postcode;
  Date birth, registered;
  bool lone_parent, teen_parent;
};

}  // namespace

void write_families(const Town& town, std::uint64_t seed, const std::string& dir) {
  const auto& cells = town.neighbourhoods;
  Rng rng(seed, 2);

  // Postcodes: about 2.5 children's worth each, districts QX1-QX8 by ward.
  std::vector<Postcode> postcodes;
  std::map<int, int> next_in_district;
  std::vector<std::vector<std::size_t>> postcodes_of(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const int n = std::max(4, static_cast<int>(std::lround(cells[i].under5 / 2.5)));
    for (int k = 0; k < n; ++k) {
      const Place p = random_point_in(cells[i], rng);
      const int ward = std::max(0, cell_containing(town.wards, p)) + 1;
      const int seq = next_in_district[ward]++;
      const std::string code = "QX" + std::to_string(ward) + " " +
                               std::to_string(1 + seq / 400 % 9) + kLetters[seq / 20 % 20] +
                               kLetters[seq % 20];
      Postcode pc{code, p.x, p.y, i, "", true};
      if (rng.chance(0.03))
        pc.terminated = "2024" + fixed(1 + static_cast<double>(rng.below(12)), 0);
      postcodes_of[i].push_back(postcodes.size());
      postcodes.push_back(pc);
    }
  }
  for (auto& t : postcodes)
    if (t.terminated.size() == 5) t.terminated.insert(4, "0");  // YYYYMM
  for (int k = 0; k < 4; ++k) postcodes[rng.below(postcodes.size())].located = false;
  std::vector<std::size_t> order(postcodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return postcodes[a].code < postcodes[b].code; });
  {
    Transformer to_wgs84("EPSG:27700", "EPSG:4326", "demo");
    std::ofstream f(dir + "/postcodes.csv", std::ios::binary);
    f << "pcds,lat,long,doterm,nbhd_cd,ward_cd\n";
    for (std::size_t i : order) {
      const Postcode& p = postcodes[i];
      double lon = p.x, lat = p.y;
      to_wgs84.transform(lon, lat);
      const int ward = cell_containing(town.wards, {p.x, p.y});
      f << p.code << ',' << (p.located ? fixed(lat, 5) : "") << ','
        << (p.located ? fixed(lon, 5) : "") << ',' << p.terminated << ','
        << (p.located ? cells[p.nbhd].id : "") << ','
        << (p.located && ward >= 0 ? town.wards[ward].id : "") << '\n';
    }
  }
  {
    std::ofstream pop(dir + "/under5.csv", std::ios::binary);
    std::ofstream dep(dir + "/deprivation.csv", std::ios::binary);
    std::ofstream truth(dir + "/planted_cluster.csv", std::ios::binary);
    pop << "nbhd_cd,nbhd_nm,age_0_4\n";
    dep << "nbhd_cd,imd_score,imd_decile\n";
    truth << "nbhd_cd,nbhd_nm,imd_decile\n";
    for (const auto& c : cells) {
      pop << c.id << ',' << c.name << ',' << c.under5 << '\n';
      dep << c.id << ',' << fixed(c.score, 3) << ',' << c.decile << '\n';
      if (c.planted) truth << c.id << ',' << c.name << ',' << c.decile << '\n';
    }
  }

  // Centres at four corners of the town, located by postcode.
  const Place sites[4] = {{kCentreX - 1300, kCentreY + 1100},
                          {kCentreX + 1500, kCentreY + 700},
                          {kCentreX - 1100, kCentreY - 1300},
                          {kCentreX + 1200, kCentreY - 1200}};
  const char* names[4] = {"Castle Hill Family Hub", "Harbour Children's Centre",
                          "Millbank Children's Centre", "Eastfield Family Hub"};
  std::vector<Centre> centres;
  for (int k = 0; k < 4; ++k) {
    std::size_t best = 0;
    double best_d = 1e18;
    for (std::size_t i = 0; i < postcodes.size(); ++i) {
      const double d = std::hypot(postcodes[i].x - sites[k].x, postcodes[i].y - sites[k].y);
      if (postcodes[i].located && postcodes[i].terminated.empty() && d < best_d)
        best = i, best_d = d;
    }
    centres.push_back({"CC" + std::to_string(k + 1), names[k], postcodes[best].code,
                       postcodes[best].x, postcodes[best].y});
  }
  // The health centre in the middle of town, where the health visitors' clinics are: a setting
  // of another kind, with no reach area (the headline's seen counts the centres and hubs).
  Centre clinic{"HC1", "Northby Health Centre", "", 0, 0};
  {
    double best_d = 1e18;
    for (const auto& p : postcodes) {
      const double d = std::hypot(p.x - kCentreX, p.y - kCentreY);
      if (p.located && p.terminated.empty() && d < best_d)
        best_d = d, clinic.postcode = p.code, clinic.x = p.x, clinic.y = p.y;
    }
  }
  const char* kinds[4] = {"family hub", "children's centre", "children's centre", "family hub"};
  {
    // Each centre's reach area: the neighbourhoods nearer to it than to any other centre.
    std::vector<std::string> reach(centres.size());
    for (const auto& cell : cells) {
      std::size_t nearest = 0;
      for (std::size_t k = 1; k < centres.size(); ++k)
        if (std::hypot(cell.cx - centres[k].x, cell.cy - centres[k].y) <
            std::hypot(cell.cx - centres[nearest].x, cell.cy - centres[nearest].y))
          nearest = k;
      reach[nearest] += (reach[nearest].empty() ? "" : ";") + cell.id;
    }
    std::ofstream f(dir + "/centres.csv", std::ios::binary);
    f << "centre_id,name,postcode,reach_nbhds,setting_type\n";
    for (std::size_t k = 0; k < centres.size(); ++k)
      f << centres[k].id << ',' << centres[k].name << ',' << centres[k].postcode << ',' << reach[k]
        << ',' << kinds[k] << '\n';
    f << clinic.id << ',' << clinic.name << ',' << clinic.postcode << ",,health clinic\n";
  }

  // Children: the true under-5 population, each registered with a chance that is lower in the
  // planted cluster; plus older children and a few registered early or late.
  const long from = kFrom.days(), to = kTo.days();
  const long born_from = Date{2021, 4, 1}.days();
  std::vector<Child> registered;
  std::size_t next_id = 1;
  const auto new_id = [&] {
    char buf[32];
    std::snprintf(buf, sizeof buf, "NB%05zu", next_id++);
    return std::string(buf);
  };
  // Health visitors know nearly every child: the known list (known_children.csv) comes from its
  // own random stream, so the registrations and contacts stay as they were without it.
  Rng health(seed, 3);
  std::vector<std::string> known_rows;
  std::size_t next_nhs = 1;
  const auto known = [&](const std::string& nhs, std::size_t postcode, Date birth) {
    if (!health.chance(0.96)) return;  // not on the caseload (moved in, not yet visited)
    // A few families moved since they registered: the caseload has the new postcode.
    if (health.chance(0.04)) postcode = health.below(postcodes.size());
    if (!postcodes[postcode].located) return;
    known_rows.push_back((health.chance(0.85) ? nhs : "") + ',' + postcodes[postcode].code + ',' +
                         birth.to_string());
  };
  const auto nhs_number = [&] { return std::to_string(9400000000ULL + 37 * next_nhs++); };
  // Each neighbourhood's under-5s of the target groups, registered or not: what a Census-style
  // table of the group gives (group_population.csv). The unregistered children's families are
  // drawn from their own stream, so the registrations stay as they were.
  Rng family(seed, 4);
  const auto lone_parent_chance = [&](std::size_t i) {
    return 0.12 + 0.025 * (10 - cells[i].decile);
  };
  constexpr double kTeenParentChance = 0.04;
  std::vector<int> lone_parent_under5(cells.size(), 0), teen_parent_under5(cells.size(), 0);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const double p_reg = 0.52 * (cells[i].planted ? 0.6 : 1.0);
    const int older = static_cast<int>(std::lround(cells[i].under5 * 0.08));
    for (int k = 0; k < cells[i].under5 + older; ++k) {
      const bool is_older = k >= cells[i].under5;
      if (!rng.chance(is_older ? 0.5 : p_reg)) {
        if (!is_older) {
          known(nhs_number(), postcodes_of[i][health.below(postcodes_of[i].size())],
                random_date(health, born_from, to));
          lone_parent_under5[i] += family.chance(lone_parent_chance(i));
          teen_parent_under5[i] += family.chance(kTeenParentChance);
        }
        continue;
      }
      Child c;
      c.id = new_id();
      c.nhs = nhs_number();
      c.postcode = postcodes_of[i][rng.below(postcodes_of[i].size())];
      c.birth = is_older ? random_date(rng, Date{2020, 1, 1}.days(), born_from - 1)
                         : random_date(rng, born_from, to);
      c.registered = random_date(rng, std::max(c.birth.days(), born_from), to);
      c.lone_parent = rng.chance(lone_parent_chance(i));
      c.teen_parent = rng.chance(kTeenParentChance);
      if (!is_older) {
        known(c.nhs, c.postcode, c.birth);
        lone_parent_under5[i] += c.lone_parent;
        teen_parent_under5[i] += c.teen_parent;
      }
      registered.push_back(c);
    }
  }
  {
    std::ofstream f(dir + "/group_population.csv", std::ios::binary);
    f << "nbhd_cd,lone_parent_0_4,teen_parent_0_4\n";
    for (std::size_t i = 0; i < cells.size(); ++i)
      f << cells[i].id << ',' << lone_parent_under5[i] << ',' << teen_parent_under5[i] << '\n';
  }
  {
    // Three locality partnerships (the wards west to east, three groups), and a best-fit lookup
    // of each neighbourhood to the one holding its seed: the locality layer is dissolved from
    // the neighbourhoods by it ([[layers]] from).
    std::vector<std::size_t> west_to_east(town.wards.size());
    for (std::size_t i = 0; i < west_to_east.size(); ++i) west_to_east[i] = i;
    std::sort(west_to_east.begin(), west_to_east.end(),
              [&](std::size_t a, std::size_t b) { return town.wards[a].cx < town.wards[b].cx; });
    std::vector<std::size_t> part(town.wards.size());
    for (std::size_t k = 0; k < west_to_east.size(); ++k)
      part[west_to_east[k]] = k * 3 / west_to_east.size();
    const char* names[] = {"West Northby", "Central Northby", "East Northby"};
    std::ofstream f(dir + "/localities.csv", std::ios::binary);
    f << "nbhd_cd,locality_cd,locality_nm\n";
    for (const Cell& cell : cells) {
      const int w = std::max(0, cell_containing(town.wards, {cell.cx, cell.cy}));
      f << cell.id << ",NBYL" << part[std::size_t(w)] + 1 << ',' << names[part[std::size_t(w)]]
        << '\n';
    }
  }
  {
    // What each service is ([services]): a type each, run in English; the two health sessions
    // are one type.
    std::ofstream f(dir + "/services.csv", std::ios::binary);
    f << "service_id,name,type,language\n"
         "stay and play,Stay and Play,stay and play,en\n"
         "baby massage,Baby Massage,baby and toddler,en\n"
         "health visitor clinic,Health Visitor Clinic,health,en\n"
         "speech and language,Speech and Language drop-in,health,en\n"
         "parenting course,Parenting Course,parenting,en\n"
         "ti a fi,Ti a Fi (Welsh-medium stay and play),stay and play,cy\n";
  }
  for (int k = 0; k < 3; ++k) {  // antenatal registrations: born after the period end
    Child c = registered[rng.below(registered.size())];
    c.id = new_id();
    c.birth = random_date(rng, to + 1, to + 90);
    c.registered = random_date(rng, to - 60, to);
    registered.push_back(c);
  }
  for (int k = 0; k < 4; ++k) {  // registered after the period end
    Child c = registered[rng.below(registered.size())];
    c.id = new_id();
    c.registered = random_date(rng, to + 1, to + 60);
    registered.push_back(c);
  }

  // Contacts: a chance of being seen that falls with distance to the nearest centre and with
  // deprivation, and is much lower in the planted cluster.
  // The health visitor clinic is held at the health centre; Ti a Fi, a Welsh-medium group for
  // the town's Welsh families, at the centres.
  const char* services[] = {"stay and play",       "baby massage",     "health visitor clinic",
                            "speech and language", "parenting course", "ti a fi"};
  // Who brings the child: fathers come with some children often and with most never (fewer in
  // the most deprived areas: a pattern the fathers' map shows), written as systems write them.
  // One draw a contact, as when every contact drew from one list: the rest of the town is the
  // same.
  const auto carer_of = [](const std::string& id, int decile, std::size_t draw) -> std::string {
    std::uint32_t h = 2166136261u;
    for (const char ch : id) h = (h ^ std::uint8_t(ch)) * 16777619u;
    const bool father_comes = h % 100 < (decile <= 3 ? 15u : 35u);
    if (father_comes && draw < 4) return draw == 0 ? "Dad" : draw == 1 ? "male carer" : "father";
    if (draw == 9) return "grandparent";
    if (draw == 10) return h % 7 == 0 ? "childminder" : "other";  // no kind lists childminder
    return draw == 8 ? "mum" : "mother";
  };
  std::ofstream reg(dir + "/registrations.csv", std::ios::binary);
  std::ofstream att(dir + "/attendance.csv", std::ios::binary);
  reg << "child_id,family_id,postcode,birth_date,registered_on,lone_parent,teen_parent,nhs_no\n";
  att << "child_id,date,centre_id,service,carer\n";
  std::vector<std::string> attendance_rows;
  for (const auto& c : registered) {
    const Postcode& home = postcodes[c.postcode];
    const Cell& cell = cells[home.nbhd];
    reg << c.id << ",F" << c.id.substr(2) << ',' << messy(home.code, rng) << ','
        << c.birth.to_string() << ',' << c.registered.to_string() << ',' << c.lone_parent << ','
        << c.teen_parent << ',' << (health.chance(0.7) ? c.nhs : "") << '\n';
    std::vector<std::pair<double, std::size_t>> by_distance;
    for (std::size_t k = 0; k < centres.size(); ++k)
      by_distance.emplace_back(std::hypot(home.x - centres[k].x, home.y - centres[k].y), k);
    std::sort(by_distance.begin(), by_distance.end());
    const double p_seen = 0.95 * std::exp(-by_distance[0].first / 2600) *
                          (0.62 + 0.04 * cell.decile) * (cell.planted ? 0.45 : 1.0) *
                          (c.lone_parent ? 0.8 : 1.0);  // lone parents come less: a gap to find
    if (!rng.chance(p_seen)) continue;
    const int contacts = 1 + static_cast<int>(-std::log(1 - rng.uniform()) * 28);
    for (int k = 0; k < contacts; ++k) {
      const std::size_t centre = by_distance[rng.chance(0.8) ? 0 : 1 + rng.below(3)].second;
      const Date d = rng.chance(0.05)
                         ? random_date(rng, from - 200, from - 1)
                         : random_date(rng, std::max(from, c.registered.days() - 120), to);
      const std::size_t service = rng.below(6);
      attendance_rows.push_back(
          c.id + ',' + d.to_string() + ',' + (service == 2 ? clinic.id : centres[centre].id) + ',' +
          services[service] + ',' + carer_of(c.id, cell.decile, rng.below(11)));
    }
  }
  // Dirt: rows a real extract would have. Each kind is documented in data/demo/README.md.
  const std::string bad_postcodes[] = {"QX1 2A",  "12345",    "QX12 3AB C", "Q1X 2AB", "QX1-2AB",
                                       "unknown", "QX99 9AA", "QX9 9ZZ",    "QX8 9ZZ", "QX7 9YY",
                                       "",        "",         "  "};
  for (const auto& pc : bad_postcodes) {
    const std::string id = new_id();
    reg << id << ",F" << id.substr(2) << ",\"" << pc << "\",2023-05-17,2023-06-01,0,0,\n";
    attendance_rows.push_back(id + ",2025-06-02,CC1,stay and play,mother");
  }
  for (const char* bad : {"31/02/2023", "2023-02-30", "2023", "last May"}) {
    const std::string id = new_id();
    reg << id << ",F" << id.substr(2) << ',' << postcodes[order[7]].code << ',' << bad
        << ",2023-06-01,0,0,\n";
  }
  for (int k = 0; k < 4; ++k) {  // the same child registered twice
    const Child& c = registered[rng.below(registered.size())];
    reg << c.id << ",F" << c.id.substr(2) << ',' << postcodes[c.postcode].code << ','
        << c.birth.to_string() << ',' << c.registered.to_string() << ",0,0,\n";
  }
  for (std::size_t i = 0; i < postcodes.size(); ++i) {  // children at postcodes with no location
    if (postcodes[i].located) continue;
    const std::string id = new_id();
    reg << id << ",F" << id.substr(2) << ',' << postcodes[i].code
        << ",2024-01-09,2024-02-01,0,0,\n";
  }
  reg << "NB99998,F99998,QX1 1AA\n";  // a truncated row
  for (int k = 0; k < 25; ++k)
    attendance_rows.push_back("ZZ" + std::to_string(100 + k) + ",2025-07-0" +
                              std::to_string(1 + k % 9) + ",CC2,stay and play,mother");
  for (int k = 0; k < 5; ++k)
    attendance_rows.push_back(registered[rng.below(registered.size())].id + ",2025-13-0" +
                              std::to_string(1 + k) + ",CC3,baby massage,mother");
  const std::size_t n = attendance_rows.size();
  for (int k = 0; k < 220; ++k) attendance_rows.push_back(attendance_rows[rng.below(n)]);
  // Extracts come sorted by date, not by child.
  std::stable_sort(attendance_rows.begin(), attendance_rows.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.substr(a.find(',') + 1, 10) < b.substr(b.find(',') + 1, 10);
                   });
  for (const auto& row : attendance_rows) att << row << '\n';

  // The caseload as an extract would come: in postcode order, with older children still on
  // it, a few bad rows and one child listed twice.
  for (int k = 0; k < 30; ++k)
    known_rows.push_back(nhs_number() + ',' + postcodes[order[health.below(order.size())]].code +
                         ',' +
                         random_date(health, Date{2020, 1, 1}.days(), born_from - 1).to_string());
  for (const std::string& bad :
       {std::string(",QX1 2A,2023-03-04"), std::string(",QX99 9AA,2022-11-30"),
        std::string(",,2023-01-01"), "," + postcodes[order[5]].code + ",30/02/2024"})
    known_rows.push_back(bad);
  known_rows.push_back(known_rows[health.below(known_rows.size())]);
  std::sort(known_rows.begin(), known_rows.end(), [](const std::string& a, const std::string& b) {
    return a.substr(a.find(',')) < b.substr(b.find(','));
  });
  std::ofstream kn(dir + "/known_children.csv", std::ios::binary);
  kn << "nhs_no,postcode,birth_date\n";
  for (const auto& row : known_rows) kn << row << '\n';
}

}  // namespace demo
