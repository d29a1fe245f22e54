#include "engine/outreach/never_seen_list.hpp"

#include <algorithm>

#include "engine/geo/street_finder.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"

namespace reachmap {

std::vector<NeverSeenChild> never_seen_yet(const KnownChildren& known,
                                           const std::vector<std::int32_t>& first_contact) {
  std::vector<NeverSeenChild> out;
  for (std::size_t k = 0; k < known.children.size(); ++k) {
    const KnownChild& c = known.children[k];
    const bool seen = c.registration >= 0 && std::size_t(c.registration) < first_contact.size() &&
                      first_contact[std::size_t(c.registration)] != kNoContact;
    if (!seen) out.push_back({k, birthday(c.birth, 5)});
  }
  std::stable_sort(out.begin(), out.end(), [](const NeverSeenChild& a, const NeverSeenChild& b) {
    return a.fifth_birthday < b.fifth_birthday;
  });
  return out;
}

std::string write_never_seen_list(const Analysis& a, const std::string& private_dir) {
  const auto& first_contact = a.attendance.first_contact;
  if (!a.known || first_contact.empty()) return {};
  const std::string name = "outreach/never_seen_yet.csv";
  ensure_folder(private_dir + "/outreach");
  const StreetFinder streets(a.basemap.get());
  AtomicTextFile csv(private_dir + "/" + name);
  std::vector<std::string> header = {"known_id",   "child_id",       "postcode",  "street",
                                     "birth_date", "fifth_birthday", "registered"};
  for (const LayerResult& layer : a.layers) header.push_back(layer.boundary.name);
  write_csv_row(csv.out(), header);
  for (const NeverSeenChild& n : never_seen_yet(*a.known, first_contact)) {
    const KnownChild& c = a.known->children[n.known];
    const bool registered = c.registration >= 0;
    std::vector<std::string> row = {
        neutralise_formula(c.id),
        registered ? neutralise_formula(a.registrations.children[std::size_t(c.registration)].id)
                   : std::string(),
        std::string(c.postcode),
        neutralise_formula(c.home ? streets.near(c.home->x, c.home->y) : std::string()),
        c.birth.to_string(),
        n.fifth_birthday.to_string(),
        registered ? "true" : "false"};
    for (const LayerResult& layer : a.layers) {
      const long area = n.known < layer.area_of_known.size() ? layer.area_of_known[n.known] : -1;
      row.push_back(area >= 0 ? neutralise_formula(layer.boundary.areas[std::size_t(area)].id)
                              : std::string());
    }
    write_csv_row(csv.out(), row);
  }
  csv.commit();
  return name;
}

}  // namespace reachmap
