// [run] periods at the door: every period's layers and centres protected under the run's rule,
// together with the tables whose counts say something of theirs, then analysed in public from
// what protection leaves, as the run's own are. What ties two periods' counts, so that an
// intruder could take one from another:
// - the same days: every count is the same;
// - the same last day (the last quarter and the year): the same children count in both, so
//   their registered counts are equal and the shorter one's seen counts at most the longer's.
// Seen counts of periods ending on different days count different children (some turn 5, some
// are born or registered between): no sum holds, and an intruder's guess of one is no closer
// than the ranges the audit leaves. The birth cohorts (turned_5_children, never_seen_by_5, ...)
// are the staff's only by period: a child turns 5 in one quarter only, so four quarters' counts
// add up to the year's but for the few registered late, a near-sum an intruder would take as a
// sum, and the audit could not protect it on the demo (82 counts left unsafe).
// Periods tied to the run's own are protected with its tables in one pass; the others set by
// set, tied periods together. A period of the same days as the run's (or an earlier period's)
// publishes its tables: the same counts, and the same cells hidden and bands withheld.
#pragma once

#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/privacy/period_relations.hpp"

namespace reachmap {

struct PublicTables;

// How a count of children of two periods ending on the same day compares, the second holding
// the first (the children counted in both are the same): equal (who is registered depends on
// the last day alone), at most the second's (anyone seen in the first is seen in the second),
// or nothing (seen only elsewhere in the first may be seen here earlier in the second).
enum class SameEnd { kEqual, kAtMost, kNothing };
SameEnd same_end(const std::string& column);

// The public tables of every period, as CSV text led by the period (as the staff's).
struct PublicPeriods {
  std::vector<std::string> layers;            // by layer: indicators_<layer>_by_period.csv
  std::string centres;                        // centres_by_period.csv
  std::vector<DisclosureSummary> disclosure;  // by period: its layers' and centres' summed
};

class PeriodDoor {
 public:
  explicit PeriodDoor(const Analysis& a);

  // Adds the periods tied to the run's own, with every relation within them and across to the
  // run's tables (`own`: its layers and centres, at `own_at`), to what is protected together.
  // Call once, after every table of the run's own is in `tables`.
  void join_the_run(const std::vector<const Table*>& own_layers, const Table& own_centres,
                    const PeriodTablesAt& own_at, std::vector<TableToProtect>& tables,
                    std::vector<Relation>& relations);

  // After the run's pass: the summaries of the tables join_the_run added (`all` from `first`).
  void take_summaries(const std::vector<DisclosureSummary>& all, std::size_t first);

  // Protects the periods not tied to the run's own, set by set (`audit` gets their work), and
  // analyses every period in public; `own`: the run's public tables, analysed.
  PublicPeriods finish(const PublicTables& own, AuditSummary& audit, int threads);

 private:
  struct Node;
  Node node(std::size_t n);  // 0: the run's own (join_the_run's), 1 + i: period i
  void add_period(std::size_t i, std::vector<TableToProtect>& tables,
                  std::vector<Relation>& relations);
  void add_ties(const std::vector<std::size_t>& set, std::vector<Relation>& relations);

  const Analysis& a_;
  std::vector<Period> periods_;   // by node
  std::vector<std::size_t> set_;  // by node: the first node of its set (kCopy: none)
  // By period: the node whose tables it publishes (0: the run's own), or kCopy: its own.
  std::vector<std::size_t> copy_of_;
  static constexpr std::size_t kCopy = std::size_t(-1);
  DisclosureSummary own_disclosure_;             // the run's layers' and centres' summed
  std::vector<RunPeriods::Measures> tables_;     // by period: protected in place
  std::vector<PeriodTablesAt> at_;               // by period, once added
  std::vector<std::vector<std::size_t>> added_;  // by period: its summaries' indices
  std::vector<DisclosureSummary> disclosure_;    // by period
  std::vector<const Table*> own_layers_;
  const Table* own_centres_ = nullptr;
  PeriodTablesAt own_at_;
};

}  // namespace reachmap
