#include "engine/periods/by_period.hpp"

#include "engine/core/columns.hpp"

namespace reachmap {

std::vector<std::string> period_header() {
  return {name_of(Col::kPeriod), name_of(Col::kPeriodName)};
}

std::vector<std::string> period_fields(const NamedPeriod& period) {
  return {period_label(period.period), period.name};
}

}  // namespace reachmap
