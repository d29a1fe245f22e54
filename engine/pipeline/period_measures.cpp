#include "engine/pipeline/period_measures.hpp"

#include <utility>

#include "engine/measure/cohorts.hpp"
#include "engine/measure/reach_areas.hpp"
#include "engine/periods/by_period.hpp"
#include "engine/pipeline/measure_tables.hpp"

namespace reachmap {

namespace {

// The registrations' counted children made one period's while it lives (Child::counted is the
// rule every measure reads), and the run's own again after.
class CountedIn {
 public:
  CountedIn(Registrations& r, const std::vector<std::uint64_t>& counted_in, std::size_t period)
      : r_(r), counted_(r.counted) {
    saved_.reserve(r.children.size());
    r.counted = 0;
    for (std::size_t c = 0; c < r.children.size(); ++c) {
      saved_.push_back(r.children[c].counted);
      r.children[c].counted = (counted_in[c] >> period & 1) != 0;
      r.counted += r.children[c].counted;
    }
  }
  ~CountedIn() {
    for (std::size_t c = 0; c < r_.children.size(); ++c) r_.children[c].counted = saved_[c];
    r_.counted = counted_;
  }
  CountedIn(const CountedIn&) = delete;
  CountedIn& operator=(const CountedIn&) = delete;

 private:
  Registrations& r_;
  std::size_t counted_;
  std::vector<char> saved_;
};

// `all` (by child) with -1 for every child not counted in period `period`.
std::vector<long> counted_only(const std::vector<long>& all,
                               const std::vector<std::uint64_t>& counted_in, std::size_t period) {
  std::vector<long> out(all.size(), -1);
  for (std::size_t c = 0; c < all.size(); ++c)
    if (counted_in[c] >> period & 1) out[c] = all[c];
  return out;
}

std::vector<long> of_children(const std::vector<long>& all, const std::vector<std::size_t>& kids) {
  std::vector<long> out;
  out.reserve(kids.size());
  for (const std::size_t c : kids) out.push_back(all[c]);
  return out;
}

}  // namespace

std::optional<RunPeriods> periods_of(const Config& config, const Registrations& registrations) {
  if (!config.run.periods.any()) return std::nullopt;
  RunPeriods out;
  out.periods = run_periods(config.run.periods, {config.run.from, config.run.to});
  out.counted_in.assign(registrations.children.size(), 0);
  for (std::size_t c = 0; c < registrations.children.size(); ++c)
    for (std::size_t i = 0; i < out.periods.size(); ++i)
      if (counts_on(registrations.children[c], out.periods[i].period.to))
        out.counted_in[c] |= std::uint64_t(1) << i;
  return out;
}

void place_every_child(const Config& config, Analysis& a, int threads) {
  std::vector<const DirectoryEntry*> homes;
  homes.reserve(a.registrations.children.size());
  for (const Child& c : a.registrations.children) homes.push_back(c.home);
  RunPeriods& p = *a.periods;
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    p.area_of_child.push_back(
        place_homes(a.layers[i].boundary, config.layers[i], a.directory, homes, threads).area);
  if (a.reach && a.reach->polygons)
    p.reach_area_of_child = place_homes(*a.reach->polygons, *config.centres->reach_boundaries,
                                        a.directory, homes, threads)
                                .area;
}

void measure_periods(const Config& config, Analysis& a, int threads) {
  RunPeriods& p = *a.periods;
  for (std::size_t i = 0; i < p.periods.size(); ++i) {
    const Period& period = p.periods[i].period;
    const CountedIn counted(a.registrations, p.counted_in, i);
    std::vector<std::vector<long>> area_of_child, area_of_turned_5;
    std::vector<std::size_t> turned_5;
    if (config.run.cohorts.never_seen_by_5) turned_5 = turned_5_children(a.registrations, period);
    for (const std::vector<long>& all : p.area_of_child) {
      area_of_child.push_back(counted_only(all, p.counted_in, i));
      area_of_turned_5.push_back(of_children(all, turned_5));
    }
    std::vector<long> reach_of_child, reach_of_turned_5;
    std::vector<std::optional<ReachArea>> reach;
    if (a.reach && a.reach->polygons) {
      reach_of_child = counted_only(p.reach_area_of_child, p.counted_in, i);
      reach_of_turned_5 = of_children(p.reach_area_of_child, turned_5);
      reach = reach_areas_from_polygons(a.centres, *a.reach->polygons, reach_of_child,
                                        a.reach->population ? &*a.reach->population : nullptr,
                                        a.reach->group_populations);
    } else if (a.reach) {
      const LayerResult& layer = a.layers[std::size_t(a.reach->layer)];
      std::size_t unknown_ids = 0;  // the run's own reach areas reported them
      reach = reach_areas_from_ids(
          a.centres, layer.boundary, area_of_child[std::size_t(a.reach->layer)],
          layer.population ? &*layer.population : nullptr, unknown_ids, layer.group_populations);
    }
    MeasureView view{period, a.attendance.by_period[i], {}, turned_5, {}, reach};
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
      view.area_of_child.push_back(&area_of_child[l]);
      view.area_of_turned_5.push_back(&area_of_turned_5[l]);
    }
    if (a.reach && a.reach->polygons) {
      view.reach_area_of_child = &reach_of_child;
      view.reach_area_of_turned_5 = &reach_of_turned_5;
    }
    p.layers.resize(a.layers.size());
    RunPeriods::Measures& measures = p.measures.emplace_back();
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
      LayerResult& layer = a.layers[l];
      Table t = measures.layers.emplace_back(measure_layer(config, a, l, view));
      analyse_layer(t, layer.boundary, layer.covariates, config.analysis, config.run.seed,
                    layer.population.has_value(), threads, config.file,
                    a.contiguity.valid() ? &a.contiguity.get()[l] : nullptr);
      append_period_rows(p.layers[l], t, p.periods[i]);
    }
    measures.centres = measure_centres(config, a, view);
    append_period_rows(p.centres, measures.centres, p.periods[i]);
  }
  // Their last use: 120 MB nationally for four quarters, which writing need not carry.
  (void)std::exchange(a.attendance.by_period, {});
  (void)std::exchange(p.area_of_child, {});
  (void)std::exchange(p.reach_area_of_child, {});
}

}  // namespace reachmap
