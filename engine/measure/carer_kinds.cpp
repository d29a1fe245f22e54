#include "engine/measure/carer_kinds.hpp"

#include <algorithm>
#include <cctype>

#include "engine/core/number_format.hpp"

namespace reachmap {

namespace {
std::string folded(std::string_view value) {
  std::string out;
  for (const char c : trim(value))
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr const char* kOther = "other";
constexpr const char* kFather = "father";
}  // namespace

std::optional<std::size_t> CarerKinds::kind_of(std::string_view value) const {
  const std::string v = folded(value);
  for (std::size_t k = 0; k < values.size(); ++k)
    if (std::find(values[k].begin(), values[k].end(), v) != values[k].end()) return k;
  return std::nullopt;
}

long CarerKinds::father() const {
  const auto it = std::find(kinds.begin(), kinds.end(), kFather);
  return it == kinds.end() ? -1 : long(it - kinds.begin());
}

CarerKinds carer_kinds(const std::vector<std::pair<std::string, std::vector<std::string>>>& lists) {
  CarerKinds out;
  std::vector<std::string> other;  // values listed as other: not named as unknown
  for (const auto& [kind, values] : lists) {
    std::vector<std::string>& to = kind == kOther ? other : out.values.emplace_back();
    if (kind != kOther) out.kinds.push_back(kind);
    for (const std::string& v : values) to.push_back(folded(v));
  }
  out.kinds.push_back(kOther);
  other.push_back(kOther);  // a system that writes "other" means it
  out.values.push_back(std::move(other));
  return out;
}

CarerKinds default_carer_kinds() {
  return carer_kinds(
      {{kFather, {"father", "dad", "daddy", "male carer", "stepfather", "step-father"}},
       {"mother", {"mother", "mum", "mummy", "mom", "female carer", "stepmother", "step-mother"}},
       {"grandparent",
        {"grandparent", "grandmother", "grandfather", "grandma", "grandad", "granddad", "nan",
         "nana", "gran", "grandpa"}}});
}

}  // namespace reachmap
