// How counts of children are protected in public outputs ([privacy] in the config); applied by
// engine/privacy/disclosure.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace reachmap {

enum class DisclosureRule {
  kSuppress,  // counts from 1 to min_count-1 hidden, with secondary suppression
  kRound,     // every count rounded to a multiple of base
  kPerturb,   // cell key method: every count gets a small perturbation from its cell key
};

struct PrivacyRule {
  DisclosureRule rule = DisclosureRule::kSuppress;
  int min_count = 5;  // suppress: 0 (or 1) turns disclosure control off
  int base = 5;       // round
  // perturb (engine/core/perturbation_table.hpp): no count moves by more than
  // max_perturbation; counts from 1 to small_counts are never published as themselves; the
  // perturbation of a count past the small ones has this variance.
  int max_perturbation = 2;
  int small_counts = 2;
  double variance = 1.0;
  bool active() const {
    if (rule == DisclosureRule::kPerturb) return true;
    return rule == DisclosureRule::kRound ? base > 1 : min_count > 1;
  }
};

// The rule's name in the config and the manifest: "suppress", "round" or "perturb".
const char* rule_name(DisclosureRule rule);

// What the perturb rule did, in words a manager can pass to an information governance
// officer (maps, tables.xlsx, the report): "Each count of children has had a small random
// amount, at most 2, added or taken away, the same way in every table; zeros stay zero; counts
// of 1 and 2 are never shown as such."
std::string perturbation_text(const PrivacyRule& rule);

// The nearest multiple of `base` (halves round up: 1 and 2 give 0, 3 to 7 give 5).
std::int64_t round_to_base(std::int64_t n, std::int64_t base);

// A count of children as a public output may state it: the number, or its band ("0-4") when
// it is small, or the number rounded to the base, or (perturb) the number perturbed by its
// cell key, the sum of its children's record keys (engine/core/record_key.hpp).
std::variant<std::int64_t, std::string> published_count(std::int64_t n, const PrivacyRule& rule,
                                                        std::uint8_t cell_key = 0);
// The same in words: "fewer than 5" for a band.
std::string published_count_text(std::int64_t n, const PrivacyRule& rule,
                                 std::uint8_t cell_key = 0);

}  // namespace reachmap
