#include "apl/detail/one_plus_power.hpp"

#include <cmath>

#include "apl/detail/fast_pow.hpp"

namespace apl::detail {

// Out of line on purpose: see kLoopExpConstants in fast_exp.hpp.
const OnePlusPowerConstants kLoopOnePlusPowerConstants{};

OnePlusPower::OnePlusPower(double e, double tMax) : e_(e) {
  const OnePlusPowerConstants c;
  // Intervals [j·w, (j + 1)·w) covering [0, tMax]; at least one.
  const auto intervals = static_cast<std::size_t>(std::ceil(tMax * c.perUnit)) + 1;
  last_ = double(intervals - 1);
  coefficients_.assign(intervals * kStride, 0.0);
  for (std::size_t j = 0; j < intervals; ++j) {
    const double base = 1.0 + (double(j) + c.half) * c.unit;  // exact: 1 + (2j + 1)/512
    double* a = coefficients_.data() + j * kStride;
    // a_k = binom(e, k)·base^(e − k) = a_(k−1)·(e − k + 1)/(k·base).
    a[0] = powNonNegative(base, e);
    for (int k = 1; k <= kDegree; ++k) a[k] = a[k - 1] * (e - (k - 1)) / (k * base);
  }
}

}  // namespace apl::detail
