#include "engine/core/privacy_rule.hpp"

namespace reachmap {

std::int64_t round_to_base(std::int64_t n, std::int64_t base) {
  return (n + base / 2) / base * base;
}

std::variant<std::int64_t, std::string> published_count(std::int64_t n, const PrivacyRule& rule) {
  if (!rule.active()) return n;
  if (rule.rule == DisclosureRule::kRound) return round_to_base(n, rule.base);
  if (n >= 1 && n < rule.min_count)
    return "0-" + std::to_string(rule.min_count - 1);  // its range holds 0 as well
  return n;
}

std::string published_count_text(std::int64_t n, const PrivacyRule& rule) {
  const auto v = published_count(n, rule);
  if (std::holds_alternative<std::string>(v)) return "fewer than " + std::to_string(rule.min_count);
  return std::to_string(std::get<std::int64_t>(v));
}

}  // namespace reachmap
