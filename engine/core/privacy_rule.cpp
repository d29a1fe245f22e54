#include "engine/core/privacy_rule.hpp"

namespace reachmap {

std::int64_t round_to_base(std::int64_t n, std::int64_t base) {
  return (n + base / 2) / base * base;
}

std::variant<std::int64_t, std::string> published_count(std::int64_t n, const PrivacyRule& rule) {
  if (!rule.active()) return n;
  if (rule.rule == DisclosureRule::kRound) return round_to_base(n, rule.base);
  if (n >= 1 && n < rule.min_count)
    return rule.min_count > 2 ? "1-" + std::to_string(rule.min_count - 1) : "suppressed";
  return n;
}

std::string published_count_text(std::int64_t n, const PrivacyRule& rule) {
  const auto v = published_count(n, rule);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return std::to_string(std::get<std::int64_t>(v));
}

}  // namespace reachmap
