// The scaled Minkowski distance used by every kernel: r(q, k) = ‖(q − k) ∘ (1/h)‖_p.
#pragma once

#include "apl/types.hpp"

namespace apl {

struct Metric {
  Vector widths;   // one width, or one per coordinate; every entry in [kMinWidth, kMaxWidth]
  double p = 2.0;  // p ≥ 1; +∞ is the max norm
};

// Throws apl::Error("width" | "p", …) unless widths has 1 or `dim` entries in range and p ≥ 1.
void validateMetric(const Metric& metric, Index dim);

// r for two points of dimension d = q.size(). Computed as m·(Σ(|u_i|/m)^p)^(1/p) with m = max|u_i|,
// so it neither overflows nor underflows for large p.
double scaledDistance(const double* q, const double* k, Index dim, const Metric& metric);

}  // namespace apl
