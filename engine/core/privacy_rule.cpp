#include "engine/core/privacy_rule.hpp"

#include "engine/core/perturbation_table.hpp"

namespace reachmap {

std::int64_t round_to_base(std::int64_t n, std::int64_t base) {
  return (n + base / 2) / base * base;
}

const char* rule_name(DisclosureRule rule) {
  switch (rule) {
    case DisclosureRule::kRound:
      return "round";
    case DisclosureRule::kPerturb:
      return "perturb";
    default:
      return "suppress";
  }
}

std::string perturbation_text(const PrivacyRule& rule) {
  std::string s = "Each count of children has had a small random amount, at most " +
                  std::to_string(rule.max_perturbation) +
                  ", added or taken away, the same way in every table; zeros stay zero";
  if (rule.small_counts == 1)
    s += "; counts of 1 are never shown as such";
  else if (rule.small_counts == 2)
    s += "; counts of 1 and 2 are never shown as such";
  else if (rule.small_counts > 2)
    s += "; counts from 1 to " + std::to_string(rule.small_counts) + " are never shown as such";
  return s + ".";
}

std::variant<std::int64_t, std::string> published_count(std::int64_t n, const PrivacyRule& rule,
                                                        std::uint8_t cell_key) {
  if (!rule.active()) return n;
  if (rule.rule == DisclosureRule::kPerturb) return PerturbationTable(rule).perturbed(n, cell_key);
  if (rule.rule == DisclosureRule::kRound) return round_to_base(n, rule.base);
  if (n >= 1 && n < rule.min_count)
    return "0-" + std::to_string(rule.min_count - 1);  // its range holds 0 as well
  return n;
}

std::string published_count_text(std::int64_t n, const PrivacyRule& rule, std::uint8_t cell_key) {
  const auto v = published_count(n, rule, cell_key);
  if (std::holds_alternative<std::string>(v)) return "fewer than " + std::to_string(rule.min_count);
  return std::to_string(std::get<std::int64_t>(v));
}

}  // namespace reachmap
