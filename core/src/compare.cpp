#include "apl/compare.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

double maxAbsDifference(const Vector& a, const Vector& b) {
  if (a.size() == 0) throw Error("a", "is empty; accepted: at least one value");
  if (b.size() != a.size())
    throw Error("b", "has " + std::to_string(b.size()) + " entries but a has " +
                         std::to_string(a.size()) + "; accepted: as many entries as a");
  double worst = 0.0;
  bool mismatch = false;
  for (Index i = 0; i < a.size(); ++i) {
    for (const auto& [v, name] : {std::pair{a[i], "a"}, std::pair{b[i], "b"}})
      if (std::isinf(v))
        throw Error(name, "entry " + std::to_string(i) + " is " + detail::formatNumber(v) +
                              "; accepted: finite numbers or NaN (undefined)");
    const bool na = std::isnan(a[i]), nb = std::isnan(b[i]);
    if (na || nb) {
      mismatch = mismatch || na != nb;
      continue;
    }
    const double d = std::abs(a[i] - b[i]);
    if (d > worst) worst = d;
  }
  return mismatch ? std::numeric_limits<double>::quiet_NaN() : worst;
}

}  // namespace apl
