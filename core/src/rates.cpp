#include "apl/rates.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

PowerLawFit fitPowerLaw(const Vector& x, const Vector& y, std::optional<double> exponent) {
  if (x.size() != y.size())
    throw Error("y", "got " + std::to_string(y.size()) + " values for " + std::to_string(x.size()) +
                         " x; accepted: one y per x");
  if (exponent && !std::isfinite(*exponent))
    throw Error("exponent",
                "got " + detail::formatNumber(*exponent) + "; accepted: a finite number");
  const auto usable = [&](Index i) {
    return std::isfinite(x[i]) && std::isfinite(y[i]) && x[i] > 0.0 && y[i] > 0.0;
  };
  // Means first, then centred sums: the two-pass form keeps the slope accurate when log x is far
  // from 0 (e.g. n in the thousands), where Σu² − (Σu)²/m cancels.
  Index m = 0;
  double meanU = 0.0, meanV = 0.0;
  for (Index i = 0; i < x.size(); ++i) {
    if (!usable(i)) continue;
    ++m;
    meanU += std::log(x[i]);
    meanV += std::log(y[i]);
  }
  const Index needed = exponent ? 1 : 2;
  if (m < needed)
    throw Error("x", "got " + std::to_string(m) + " usable (x, y) pairs; accepted: at least " +
                         std::to_string(needed) + " with x and y finite and > 0");
  meanU /= double(m);
  meanV /= double(m);
  double b = 0.0;
  if (exponent) {
    b = *exponent;
  } else {
    double suu = 0.0, suv = 0.0;
    for (Index i = 0; i < x.size(); ++i) {
      if (!usable(i)) continue;
      const double du = std::log(x[i]) - meanU;
      suu += du * du;
      suv += du * (std::log(y[i]) - meanV);
    }
    if (!(suu > 0.0))
      throw Error("x", "all usable x are equal; accepted: at least two distinct x > 0");
    b = suv / suu;
  }
  PowerLawFit fit;
  fit.exponent = b;
  fit.coefficient = std::exp(meanV - b * meanU);
  fit.used = m;
  fit.fitted.resize(x.size());
  for (Index i = 0; i < x.size(); ++i)
    fit.fitted[i] = std::isfinite(x[i]) && x[i] > 0.0 ? fit.coefficient * std::pow(x[i], b)
                                                      : std::numeric_limits<double>::quiet_NaN();
  // A curve that leaves double precision at the data (a = 0 or ∞, a·x^b = 0 or ∞ at a used x) is
  // not a fit: refuse it rather than return zeros, infinities or NaN as numbers.
  const auto representable = [](double v) { return std::isfinite(v) && v > 0.0; };
  bool ok = representable(fit.coefficient);
  for (Index i = 0; ok && i < x.size(); ++i)
    if (usable(i)) ok = representable(fit.fitted[i]);
  if (!ok)
    throw Error(exponent ? "exponent" : "x",
                "the power law a·x^b through these points (b = " + detail::formatNumber(b) +
                    ") leaves double precision (a or a·x^b is 0 or infinite); accepted: " +
                    (exponent ? "an exponent closer to the slope of the data"
                              : "x and y spanning fewer orders of magnitude"));
  return fit;
}

double minimaxRateExponent(Index dim, double smoothness) {
  detail::checkCount(static_cast<long long>(dim), 1, kMaxDim, "dim");
  // Above 1e9 the exponent is −1 to double precision; at ~1e308, 2s overflows and it was NaN.
  if (!(smoothness > 0.0 && smoothness <= kMaxSmoothness))
    throw Error("smoothness",
                "got " + detail::formatNumber(smoothness) + "; accepted: a number in (0, 1e9]");
  return -2.0 * smoothness / (2.0 * smoothness + double(dim));
}

}  // namespace apl
