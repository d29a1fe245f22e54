#include "engine/outreach/outreach_pack.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

#include "engine/core/number_format.hpp"
#include "engine/core/parallel.hpp"
#include "engine/core/text.hpp"
#include "engine/geo/street_finder.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/outreach/families.hpp"
#include "engine/outreach/never_seen_list.hpp"
#include "engine/render/outreach_sheet.hpp"
#include "engine/stats/priority.hpp"

namespace reachmap {

namespace {

std::string percent(double v) {
  return format_number(std::round(v * 100)) + "%";
}

struct Sheet {
  OutreachSheet page;
  std::vector<const PostcodeChildren*> postcodes;
  std::string base;  // path without extension, relative to the private folder
};

const std::vector<std::string> kNotes = {
    "Made with reachmap from the staff's unsuppressed data. Counts are children under 5 at "
    "the period end, by home postcode. 'Not seen': registered, no contact in the period.",
    "The child ids behind the 'not seen' counts are in the CSV of the same name, for the "
    "centre's own records; every postcode is in its _postcodes.csv. Destroy printed copies "
    "when the visits are done."};

// Makes the pack's sheets from one analysis: what every sheet shares (the children by
// postcode, the streets, the centres) is made once.
class PackBuilder {
 public:
  PackBuilder(const Analysis& a, const std::vector<PostcodeChildren>* families)
      : a_(a),
        own_(families ? std::vector<PostcodeChildren>{} : children_by_postcode(a)),
        postcodes_(families ? *families : own_),
        streets_(a.basemap.get()),
        period_(a.settings.period.to_string()),
        envelopes_(a.layers.size()) {
    for (const auto& c : a.centres) centres_.push_back({c.x, c.y, c.name});
  }

  // A sheet for each of the first areas of each layer's outreach list.
  void add_outreach_areas(std::vector<Sheet>& sheets) {
    for (std::size_t li = 0; li < a_.layers.size(); ++li) {
      const LayerResult& layer = a_.layers[li];
      if (!layer.statistics.computed) continue;
      for (const auto& [rank, r] :
           first_by_priority(layer.indicators, a_.settings.numbered_areas)) {
        const Area& area = layer.boundary.areas[r];
        if (area.wkb.empty()) continue;
        Sheet s;
        s.base = "outreach/" + layer.boundary.name + "_" + (rank < 10 ? "0" : "") +
                 std::to_string(rank) + "_" + file_name_part(area.id);
        s.page.title =
            "Outreach " + std::to_string(rank) + ": " + area.label + " (" + area.id + ")";
        s.page.subtitle = "Layer " + layer.boundary.name + ", number " + std::to_string(rank) +
                          " on the outreach list; " + period_ + ".";
        add_reach_fact(s.page, layer.indicators, r);
        s.page.focus.push_back(wkb_rings(area.wkb));
        add_nearby(s.page, li, {r});
        s.page.nearest_centres = nearest(area.anchor_x, area.anchor_y);
        fill(s, [&](const PostcodeChildren& p) { return p.area[li] == long(r); });
        sheets.push_back(std::move(s));
      }
    }
  }

  // A sheet for each centre's reach area.
  void add_reach_areas(std::vector<Sheet>& sheets, int threads) {
    std::vector<long> polygon_of;  // by postcode, for reach areas drawn as polygons
    if (a_.reach->polygons) {
      std::vector<const DirectoryEntry*> homes;
      for (const auto& p : postcodes_) homes.push_back(a_.directory.find(p.postcode));
      polygon_of =
          place_homes(*a_.reach->polygons, *a_.reach->polygons_source, a_.directory, homes, threads)
              .area;
    }
    for (std::size_t k = 0; k < a_.centres.size(); ++k) {
      if (!a_.reach->by_centre[k]) continue;
      const Centre& centre = a_.centres[k];
      Sheet s;
      // Unique: load_centres refuses ids that make the same file name.
      s.base = "outreach/centre_" + file_name_part(centre.id);
      s.page.title = "Reach area: " + centre.name + " (" + centre.id + ")";
      s.page.subtitle = "The centre's reach area; " + period_ + ".";
      std::vector<bool> in_area;
      long polygon = -1;
      if (a_.reach->polygons) {
        polygon = a_.reach->polygons->find(centre.id);
        s.page.focus.push_back(wkb_rings(a_.reach->polygons->areas[std::size_t(polygon)].wkb));
      } else {
        const BoundaryLayer& b = a_.layers[std::size_t(a_.reach->layer)].boundary;
        in_area.assign(b.areas.size(), false);
        for (std::size_t i : a_.reach->by_centre[k]->areas) {
          in_area[i] = true;
          s.page.focus.push_back(wkb_rings(b.areas[i].wkb));
        }
        add_nearby(s.page, std::size_t(a_.reach->layer), a_.reach->by_centre[k]->areas);
      }
      s.page.nearest_centres = nearest(centre.x, centre.y, centre.id);
      fill(s, [&](const PostcodeChildren& p) {
        if (polygon >= 0) return polygon_of[std::size_t(&p - postcodes_.data())] == polygon;
        const long ai = p.area[std::size_t(a_.reach->layer)];
        return ai >= 0 && in_area[std::size_t(ai)];
      });
      sheets.push_back(std::move(s));
    }
  }

  // The sheet's two CSVs now, its PDF as a job for the threads.
  void write(Sheet& s, const std::string& private_dir, std::vector<std::string>& files,
             std::vector<std::function<void()>>& jobs) const {
    AtomicTextFile csv(private_dir + "/" + s.base + ".csv");
    write_csv_row(csv.out(), {"child_id", "postcode", "street"});
    for (const auto* p : s.postcodes)
      for (const auto& id : p->not_seen_ids)
        write_csv_row(csv.out(), {neutralise_formula(id), std::string(p->postcode),
                                  neutralise_formula(streets_.near(p->x, p->y))});
    csv.commit();
    AtomicTextFile table(private_dir + "/" + s.base + "_postcodes.csv");
    write_csv_row(table.out(),
                  {"postcode", "street", "registered_not_seen", "known_not_registered", "seen"});
    for (const auto& p : s.page.postcodes)
      write_csv_row(table.out(),
                    {p.postcode, neutralise_formula(p.street), std::to_string(p.not_seen),
                     a_.known ? std::to_string(p.not_registered) : "", std::to_string(p.seen)});
    table.commit();
    files.push_back(s.base + ".csv");
    files.push_back(s.base + "_postcodes.csv");
    files.push_back(s.base + ".pdf");
    auto page = std::make_shared<OutreachSheet>(std::move(s.page));
    const std::string path = private_dir + "/" + s.base + ".pdf";
    jobs.push_back([page, path] { render_outreach_sheet(*page, path); });
  }

 private:
  // The three nearest centres (but `except`), with their distance.
  std::vector<std::string> nearest(double x, double y, const std::string& except = {}) const {
    std::vector<std::pair<double, std::string>> by;
    for (const auto& c : a_.centres)
      if (c.id != except) by.emplace_back(std::hypot(c.x - x, c.y - y), c.name);
    std::sort(by.begin(), by.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < by.size() && i < 3; ++i)
      out.push_back(by[i].second + ": " + format_number(std::round(by[i].first / 100) / 10) +
                    " km");
    return out;
  }

  // "About 120 children under 5 live here; 40 were seen (reach 33%, ...)."
  static void add_reach_fact(OutreachSheet& page, const Table& t, std::size_t r) {
    const auto cell = [&](Col col) { return cell_number(t.rows[r][std::size_t(t.column(col))]); };
    const auto pop = cell(Col::kUnder5Population);
    if (!pop) return;
    std::string line = "About " + format_number(std::round(*pop)) +
                       " children under 5 live here; " +
                       format_number(cell(Col::kSeenChildren).value_or(0)) + " were seen";
    if (const auto reach = cell(Col::kSeenReach))
      line += " (reach " + percent(*reach) + ", 95% interval " +
              percent(cell(Col::kSeenReachLow).value_or(0)) + " to " +
              percent(cell(Col::kSeenReachHigh).value_or(0)) + ")";
    page.facts.push_back(line + ".");
  }

  // The layer's other areas around a sheet's, as context (envelopes made once per layer: a
  // national layer has tens of thousands of areas).
  void add_nearby(OutreachSheet& page, std::size_t li, const std::vector<std::size_t>& own) {
    const auto& areas = a_.layers[li].boundary.areas;
    if (envelopes_[li].empty())
      for (const auto& area : areas) envelopes_[li].push_back(envelope_of(wkb_rings(area.wkb)));
    Envelope e;
    for (const auto& rings : page.focus) e.add(envelope_of(rings));
    const double grow = std::max({600.0, e.maxx - e.minx, e.maxy - e.miny});
    for (std::size_t o = 0; o < areas.size(); ++o) {
      const Envelope& oe = envelopes_[li][o];
      if (oe.empty() || std::find(own.begin(), own.end(), o) != own.end() ||
          oe.maxx < e.minx - grow || oe.minx > e.maxx + grow || oe.maxy < e.miny - grow ||
          oe.miny > e.maxy + grow)
        continue;
      page.nearby.push_back(wkb_rings(areas[o].wkb));
    }
  }

  // The sheet's postcodes (those `inside` with children), most children to find first.
  void fill(Sheet& s, const std::function<bool(const PostcodeChildren&)>& inside) const {
    for (const auto& p : postcodes_)
      if (inside(p) && (p.not_seen + p.not_registered + p.seen) > 0) s.postcodes.push_back(&p);
    // Most children to find first, then by postcode.
    std::stable_sort(s.postcodes.begin(), s.postcodes.end(), [](const auto* x, const auto* y) {
      return x->not_seen + x->not_registered > y->not_seen + y->not_registered;
    });
    int not_seen = 0, not_registered = 0;
    for (const auto* p : s.postcodes) {
      if (p->not_seen + p->not_registered == 0) continue;
      s.page.postcodes.push_back({std::string(p->postcode), streets_.near(p->x, p->y), p->x, p->y,
                                  p->seen, p->not_seen, p->not_registered});
      not_seen += p->not_seen;
      not_registered += p->not_registered;
    }
    for (const auto* p : s.postcodes)  // seen only: drawn for context, not tabled
      if (p->not_seen + p->not_registered == 0)
        s.page.postcodes.push_back({std::string(p->postcode), "", p->x, p->y, p->seen, 0, 0});
    std::string line = std::to_string(not_seen) + " children registered but not seen";
    if (a_.known)
      line += "; " + std::to_string(not_registered) + " known to health, not registered";
    s.page.facts.push_back(line + ", at " + std::to_string(s.page.postcodes.size()) +
                           " postcodes (table below, most first).");
    s.page.basemap = a_.basemap;
    s.page.centres = centres_;
    s.page.with_known = a_.known.has_value();
    s.page.notes = kNotes;
  }

  const Analysis& a_;
  const std::vector<PostcodeChildren> own_;  // when the caller gives none
  const std::vector<PostcodeChildren>& postcodes_;
  const StreetFinder streets_;
  const std::string period_;
  std::vector<MapPoint> centres_;
  std::vector<std::vector<Envelope>> envelopes_;  // by layer, made when first needed
};

}  // namespace

OutreachPack write_outreach_pack(const Analysis& a, const std::string& private_dir, int threads,
                                 const std::vector<PostcodeChildren>* families) {
  OutreachPack pack;
  // Its first names: the known children no setting has seen yet, soonest to turn 5 first.
  if (std::string list = write_never_seen_list(a, private_dir); !list.empty())
    pack.files.push_back(std::move(list));
  PackBuilder builder(a, families);
  std::vector<Sheet> sheets;
  builder.add_outreach_areas(sheets);
  // Each centre's reach area, unless there are very many.
  std::size_t with_reach = 0;
  if (a.reach)
    for (const auto& r : a.reach->by_centre) with_reach += r.has_value();
  if (with_reach > kMaxReachAreaSheets) pack.reach_areas_left_out = with_reach;
  if (a.reach && with_reach <= kMaxReachAreaSheets) builder.add_reach_areas(sheets, threads);
  pack.sheets = sheets.size();
  if (sheets.empty()) return pack;
  ensure_folder(private_dir + "/outreach");
  std::vector<std::function<void()>> jobs;
  for (Sheet& s : sheets) builder.write(s, private_dir, pack.files, jobs);
  run_jobs(jobs, threads);
  return pack;
}

}  // namespace reachmap
