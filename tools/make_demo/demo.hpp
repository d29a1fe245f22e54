// The embedded demo: a fictional town ("Northby") with neighbourhoods, wards, postcodes,
// population, deprivation, centres, children and contacts, built deterministically from a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/rng.hpp"

namespace demo {

inline constexpr double kCentreX = 520000, kCentreY = 480000;  // EPSG:27700, at sea: made up

struct Cell {
  std::string id, name;
  std::string wkb;        // polygon, EPSG:27700
  double cx = 0, cy = 0;  // seed point (inside the cell)
  int under5 = 0;
  int decile = 0;        // IMD-style: 1 = most deprived
  double score = 0;      // deprivation score (higher = more deprived)
  bool planted = false;  // in the planted underserved cluster
};

struct Town {
  std::string outline_wkb;
  std::vector<Cell> neighbourhoods;  // sorted by id
  std::vector<Cell> wards;           // sorted by id
};

struct Place {
  double x, y;
};

// Geometry (town.cpp).
Town build_town(std::uint64_t seed);
// Uniform random point inside a cell.
Place random_point_in(const Cell& cell, reachmap::Rng& rng);
// Index of the cell containing a point, or -1.
int cell_containing(const std::vector<Cell>& cells, Place p);

struct Postcode {
  std::string code;
  double x, y;             // EPSG:27700
  std::size_t nbhd;        // index into neighbourhoods
  std::string terminated;  // YYYYMM or empty
  bool located = true;
};

struct Centre {
  std::string id, name, postcode;
  double x, y;
};

// Map context (context.cpp): named streets, the river and parks, EPSG:27700 WKB.
struct Feature {
  std::string name, wkb;
};
struct Context {
  std::vector<Feature> streets, water, parks;
};
Context build_context(const Town& town, std::uint64_t seed);

// People and services (families.cpp). Writes CSVs into `data_dir`.
void write_families(const Town& town, std::uint64_t seed, const std::string& data_dir);

}  // namespace demo
