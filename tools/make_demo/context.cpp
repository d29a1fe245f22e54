// The demo town's context for maps: streets (a grid per ward at its own angle, with radial main
// roads and a ring road, every street named), a river across the town and two parks. Made from
// their own random stream, so the families stay as they were.
#include <cmath>
#include <cstdio>
#include <set>

#include "engine/geo/detail/geos.hpp"
#include "tools/make_demo/demo.hpp"

namespace demo {

using namespace reachmap;
using namespace reachmap::detail;

namespace {

GeosContext& ctx() {
  static GeosContext c;
  return c;
}

GeomPtr line(const std::vector<Place>& points) {
  const auto h = ctx().get();
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(points.size()), 2);
  for (unsigned i = 0; i < points.size(); ++i)
    GEOSCoordSeq_setXY_r(h, seq, i, std::round(points[i].x), std::round(points[i].y));
  return own(ctx(), GEOSGeom_createLineString_r(h, seq));
}

GeomPtr ellipse(double cx, double cy, double rx, double ry, double wobble, Rng& rng) {
  std::vector<Place> pts;
  const double phase = rng.uniform(0, 6.28);
  for (int i = 0; i <= 48; ++i) {
    const double t = 2 * M_PI * (i % 48) / 48;
    const double k = 1 + wobble * std::sin(3 * t + phase);
    pts.push_back({cx + rx * k * std::cos(t), cy + ry * k * std::sin(t)});
  }
  const auto h = ctx().get();
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(pts.size()), 2);
  for (unsigned i = 0; i < pts.size(); ++i)
    GEOSCoordSeq_setXY_r(h, seq, i, std::round(pts[i % 48].x), std::round(pts[i % 48].y));
  return own(ctx(), GEOSGeom_createPolygon_r(h, GEOSGeom_createLinearRing_r(h, seq), nullptr, 0));
}

std::string tidy_wkb(const GEOSGeometry* g) {
  GeomPtr tidy = own(ctx(), GEOSGeom_setPrecision_r(ctx().get(), g, 0.01, 0));
  return to_wkb(ctx(), tidy.get());
}

bool empty(const GeomPtr& g) {
  return !g || GEOSisEmpty_r(ctx().get(), g.get()) == 1;
}

const char* const kTrees[] = {"Acorn",  "Alder",   "Ash",    "Aspen",   "Beech",    "Birch",
                              "Cedar",  "Cherry",  "Elder",  "Elm",     "Hawthorn", "Hazel",
                              "Holly",  "Juniper", "Larch",  "Laurel",  "Lime",     "Maple",
                              "Oak",    "Pine",    "Poplar", "Rowan",   "Spruce",   "Sycamore",
                              "Walnut", "Willow",  "Yew",    "Heather", "Bramble",  "Clover"};
const char* const kKinds[] = {"Road", "Street", "Avenue", "Grove",    "Close",
                              "Way",  "Drive",  "Lane",   "Crescent", "Gardens"};

}  // namespace

Context build_context(const Town& town, std::uint64_t seed) {
  Rng rng(seed, 4);
  const auto h = ctx().get();
  Context out;
  GeomPtr outline = from_wkb(ctx(), town.outline_wkb);

  // Two parks, kept clear of streets.
  GeomPtr park1 = ellipse(kCentreX + 450, kCentreY + 1350, 380, 230, 0.08, rng);
  GeomPtr park2 = ellipse(kCentreX - 1650, kCentreY - 450, 260, 200, 0.1, rng);
  out.parks.push_back({"Northby Park", tidy_wkb(park1.get())});
  out.parks.push_back({"Millbank Recreation Ground", tidy_wkb(park2.get())});
  GeomPtr parks = own(ctx(), GEOSUnion_r(h, park1.get(), park2.get()));

  // The river: a meander across the town from west to east, 40 m wide.
  std::vector<Place> course;
  for (double x = kCentreX - 4200; x <= kCentreX + 4200; x += 100)
    course.push_back({x, kCentreY - 350 + 260 * std::sin((x - kCentreX) / 950) +
                             90 * std::sin((x - kCentreX) / 310)});
  GeomPtr river = own(ctx(), GEOSBuffer_r(h, line(course).get(), 20, 8));
  out.water.push_back({"River Northe", tidy_wkb(river.get())});

  std::set<std::string> used;
  const auto street = [&](const std::string& name, const GeomPtr& g) {
    GeomPtr clear = own(ctx(), GEOSDifference_r(h, g.get(), parks.get()));
    if (empty(clear)) return;
    double length = 0;
    GEOSLength_r(h, clear.get(), &length);
    if (length < 60) return;
    out.streets.push_back({name, tidy_wkb(clear.get())});
  };
  // Main roads: from the centre outwards, and a ring road.
  const char* const kMain[] = {"London Road",  "Harbour Road", "Castle Street",
                               "Station Road", "Mill Lane",    "Church Road"};
  for (int k = 0; k < 6; ++k) {
    const double angle = 2 * M_PI * k / 6 + 0.35;
    std::vector<Place> pts;
    for (double r = 150; r <= 4200; r += 150) {
      const double a = angle + 0.05 * std::sin(r / 600 + k);
      pts.push_back({kCentreX + r * std::cos(a), kCentreY + 0.8 * r * std::sin(a)});
    }
    street(kMain[k], own(ctx(), GEOSIntersection_r(h, line(pts).get(), outline.get())));
  }
  {
    std::vector<Place> ring;
    for (int i = 0; i <= 60; ++i) {
      const double t = 2 * M_PI * (i % 60) / 60;
      ring.push_back({kCentreX + 1500 * std::cos(t), kCentreY + 1150 * std::sin(t)});
    }
    street("Ring Road", line(ring));
  }
  // Residential streets: a grid in each ward at the ward's own angle, every 190 m, named
  // after trees (each name once).
  std::size_t next_name = 0;
  for (const Cell& ward : town.wards) {
    GeomPtr area = from_wkb(ctx(), ward.wkb);
    GeomPtr inner = own(ctx(), GEOSBuffer_r(h, area.get(), -25, 4));
    const double angle = rng.uniform(0, M_PI / 2);
    const double c = std::cos(angle), s = std::sin(angle);
    for (int dir = 0; dir < 2; ++dir) {
      const double ux = dir ? -s : c, uy = dir ? c : s;  // along the street
      for (double off = -2400; off <= 2400; off += 190) {
        const double px = ward.cx - uy * off, py = ward.cy + ux * off;
        GeomPtr g = line({{px - 2600 * ux, py - 2600 * uy}, {px + 2600 * ux, py + 2600 * uy}});
        GeomPtr in = own(ctx(), GEOSIntersection_r(h, g.get(), inner.get()));
        if (empty(in)) continue;
        std::string name;
        do {
          name = std::string(kTrees[next_name % 30]) + " " + kKinds[next_name / 30 % 10];
          ++next_name;
        } while (!used.insert(name).second && next_name < 300);
        street(name, in);
      }
    }
  }
  return out;
}

}  // namespace demo
