// How counts of children are protected in public outputs ([privacy] in the config); applied by
// engine/privacy/disclosure.
#pragma once

namespace reachmap {

enum class DisclosureRule {
  kSuppress,  // counts from 1 to min_count-1 hidden, with secondary suppression
  kRound,     // every count rounded to a multiple of base
};

struct PrivacyRule {
  DisclosureRule rule = DisclosureRule::kSuppress;
  int min_count = 5;  // suppress: 0 (or 1) turns disclosure control off
  int base = 5;       // round
  bool active() const { return rule == DisclosureRule::kRound ? base > 1 : min_count > 1; }
};

}  // namespace reachmap
