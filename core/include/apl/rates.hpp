// Rates of convergence: a power law y ≈ a·x^b fitted on log–log axes (the slope of an error-vs-n
// curve), and the exponent of the minimax rate it is compared with.
#pragma once

#include <optional>

#include "apl/types.hpp"

namespace apl {

struct PowerLawFit {
  double exponent = 0.0;     // b: the slope on log–log axes
  double coefficient = 0.0;  // a
  Vector fitted;             // a·x^b at every x (NaN where x is not finite and > 0)
  Index used = 0;            // the pairs that entered the fit
};

// Least squares of log y on log x over the pairs with x and y finite and > 0; other pairs (an
// undefined error is NaN) are skipped, not treated as 0. With `exponent` given, only log a is
// fitted: log a = mean(log y − b·log x), the guide of slope b through the data. Preconditions
// checked (apl::Error): x and y the same length ("y"); at least 2 usable pairs with two distinct
// x (1 pair with a fixed exponent) ("x"); a given exponent finite ("exponent"); a and a·x^b at
// every used x finite and > 0 ("exponent" when given, else "x"): no fit is returned as 0 or NaN.
PowerLawFit fitPowerLaw(const Vector& x, const Vector& y, std::optional<double> exponent = {});

// The exponent −2s/(2s + d) of the minimax rate n^(−2s/(2s+d)) of the mean squared error for
// regression functions with s bounded derivatives in d dimensions (Stone 1982), which kernel
// regression with h ∝ n^(−1/(2s+d)) attains; s = 2 gives d2l's n^(−4/(4+d)). dim in [1, 16]
// ("dim"), smoothness in (0, kMaxSmoothness] ("smoothness").
inline constexpr double kMaxSmoothness = 1e9;
double minimaxRateExponent(Index dim, double smoothness = 2.0);

}  // namespace apl
