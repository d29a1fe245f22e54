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
};

struct PrivacyRule {
  DisclosureRule rule = DisclosureRule::kSuppress;
  int min_count = 5;  // suppress: 0 (or 1) turns disclosure control off
  int base = 5;       // round
  bool active() const { return rule == DisclosureRule::kRound ? base > 1 : min_count > 1; }
};

// The nearest multiple of `base` (halves round up: 1 and 2 give 0, 3 to 7 give 5).
std::int64_t round_to_base(std::int64_t n, std::int64_t base);

// A count of children as a public output may state it: the number, or its band ("0-4") when
// it is small, or the number rounded to the base.
std::variant<std::int64_t, std::string> published_count(std::int64_t n, const PrivacyRule& rule);
// The same in words: "fewer than 5" for a band.
std::string published_count_text(std::int64_t n, const PrivacyRule& rule);

}  // namespace reachmap
