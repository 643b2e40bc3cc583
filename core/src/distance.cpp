#include "apl/distance.hpp"

#include <cmath>
#include <string>

#include "apl/detail/fast_pow.hpp"
#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

void validateMetric(const Metric& metric, Index dim) {
  const Index n = metric.widths.size();
  if (n != 1 && n != dim)
    throw Error("width", "got " + std::to_string(n) + " widths for " + std::to_string(dim) +
                             "-dimensional points; accepted: one width, or one per coordinate");
  for (Index m = 0; m < n; ++m) {
    const double h = metric.widths[m];
    if (!(h >= kMinWidth && h <= kMaxWidth))
      throw Error("width",
                  "got " + detail::formatNumber(h) + "; accepted: a finite number in [1e-9, 1e9]");
  }
  if (!(metric.p >= 1.0))  // also rejects NaN
    throw Error("p",
                "got " + detail::formatNumber(metric.p) + "; accepted: p >= 1 (Infinity allowed)");
}

double scaledDistance(const double* q, const double* k, Index dim, const Metric& metric) {
  const bool perCoordinate = metric.widths.size() > 1;
  const double* h = metric.widths.data();
  if (dim == 1) return std::abs(q[0] - k[0]) / h[0];
  if (metric.p == 2.0) {
    // hypot-style scaling is unnecessary here: |u| ≤ 2e18 by the coordinate and width bounds, so
    // u² ≤ 4e36 cannot overflow.
    double sum = 0.0;
    for (Index m = 0; m < dim; ++m) {
      const double u = (q[m] - k[m]) / h[perCoordinate ? m : 0];
      sum += u * u;
    }
    return std::sqrt(sum);
  }
  double largest = 0.0;
  for (Index m = 0; m < dim; ++m)
    largest = std::max(largest, std::abs(q[m] - k[m]) / h[perCoordinate ? m : 0]);
  if (std::isinf(metric.p) || largest == 0.0) return largest;
  if (metric.p == 1.0) {
    double sum = 0.0;
    for (Index m = 0; m < dim; ++m) sum += std::abs(q[m] - k[m]) / h[perCoordinate ? m : 0];
    return sum;
  }
  // Divide by the largest term so that |u|^p neither overflows nor underflows for large p. The
  // powers are detail::powNonNegative's (≤ 2 ulp), not std::pow's: the attention fast path
  // vectorises the same operations over keys (attention.cpp, scoreByCoordinate) and gets the
  // same distance to the bit, and native and WASM builds agree (glibc's and musl's pow differ).
  const detail::PowConstants& c = detail::kLoopPowConstants;
  double sum = 0.0;
  for (Index m = 0; m < dim; ++m)
    sum += detail::powNonNegative(std::abs(q[m] - k[m]) / h[perCoordinate ? m : 0] / largest,
                                  metric.p, c);
  return largest * detail::powNonNegative(sum, 1.0 / metric.p, c);
}

}  // namespace apl
