// Classification of an indicator into classes for a choropleth: quantile, equal interval,
// Fisher-Jenks (exact optimal breaks) or fixed breaks. Classes are half-open [lo, hi) except the
// last, which is closed [lo, hi], so every value falls in exactly one class.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

struct Classes {
  std::vector<double> edges;  // k+1 ascending edges: edges[0] = min, edges[k] = max
  int count() const { return static_cast<int>(edges.size()) - 1; }
  // Index of the class holding v (values outside [min, max] go to the nearest end class).
  int class_of(double v) const;
};

// `values` need not be sorted; empty input gives no classes. Ties and few distinct values never
// give empty or duplicated classes: the result may have fewer classes than asked.
Classes classify_quantile(std::vector<double> values, int k);  // empty classes merged
// Merges each class that holds none of `values` into the class before it (quantiles of tied
// values can leave a class empty; equal intervals keep theirs, by definition).
Classes drop_empty_classes(Classes c, std::vector<double> values);
Classes classify_equal(const std::vector<double>& values, int k);
Classes classify_jenks(std::vector<double> values, int k);
// Fixed inner breaks b1 < b2 < ...: classes [min, b1), [b1, b2), ..., [bn, max].
Classes classify_fixed(const std::vector<double>& values, const std::vector<double>& breaks);

// Legend label for class i: "20% to <40%" (percent) or "5 to <10"; the last is "60% to 100%".
std::string class_label(const Classes& c, int i, bool percent);
// A value as the legend writes it: "12.5%" or "1,234", with `decimals` after the point.
std::string legend_number(double v, bool percent, int decimals);
// The fewest decimals that write every edge exactly, or at least tell adjacent edges apart.
int legend_decimals(const Classes& c, bool percent);

}  // namespace reachmap
