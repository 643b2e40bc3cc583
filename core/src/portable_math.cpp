// Deterministic elementary functions (see detail/portable_math.hpp for why they exist).
// Each one reduces its argument exactly (frexp/ldexp scale by powers of two; Cody–Waite splits of
// ln 2 and π/2 whose high parts have trailing zero bits, so k·hi is exact for the k that occur),
// then evaluates a fixed polynomial in a fixed order: the same IEEE operations on every platform.
#include "apl/detail/portable_math.hpp"

#include <cmath>

namespace apl::detail {
namespace {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 33 significant bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

// π/2 in three parts of 33 bits each (fdlibm's pio2_1, pio2_2, pio2_3).
constexpr double kPio2_1 = 1.57079632673412561417e+00;
constexpr double kPio2_2 = 6.07710050630396597660e-11;
constexpr double kPio2_3 = 2.02226624871116645580e-21;
constexpr double kTwoOverPi = 6.36619772367581382433e-01;

// Round half away from zero, without relying on the current rounding mode.
double roundToInt(double x) { return x >= 0 ? std::floor(x + 0.5) : -std::floor(-x + 0.5); }

// sin and cos on [−π/4, π/4] by their Taylor series to degree 21/22: the truncation error is below
// (π/4)^23/23! ≈ 1.5e-24, far under half an ulp.
double sinKernel(double r) {
  const double r2 = r * r;
  double term = r, sum = r;
  for (int k = 1; k <= 10; ++k) {
    term *= -r2 / double((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sum;
}

double cosKernel(double r) {
  const double r2 = r * r;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k <= 11; ++k) {
    term *= -r2 / double((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

// x − k·π/2 for k = round(x·2/π); exact enough for |x| < 1e5 (k < 2^17, k·kPio2_1 exact).
double reducePio2(double x, long& k) {
  const double kd = roundToInt(x * kTwoOverPi);
  k = static_cast<long>(kd);
  return ((x - kd * kPio2_1) - kd * kPio2_2) - kd * kPio2_3;
}

}  // namespace

double log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // x = m·2^e, m ∈ [0.5, 1): exact
  if (m < kSqrtHalf) {
    m *= 2.0;
    --e;
  }
  // log m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: the series to s^41 is exact to < 1e-32.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double term = s, sum = 0.0;
  for (int k = 0; k <= 20; ++k) {
    sum += term / double(2 * k + 1);
    term *= s2;
  }
  return (e * kLn2Hi + 2.0 * sum) + e * kLn2Lo;
}

double exp(double x) {
  // x = k ln2 + r, |r| ≤ ln2/2; e^r by its Taylor series to degree 24 (error < 1e-30).
  const double kd = roundToInt(x * kInvLn2);
  const double r = (x - kd * kLn2Hi) - kd * kLn2Lo;
  double sum = 1.0;  // Horner form of Σ rⁿ/n!, innermost term first for accuracy
  for (int n = 24; n >= 1; --n) sum = 1.0 + sum * r / double(n);
  return std::ldexp(sum, static_cast<int>(kd));
}

double sin(double x) {
  long k = 0;
  const double r = reducePio2(x, k);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return sinKernel(r);
    case 1:
      return cosKernel(r);
    case 2:
      return -sinKernel(r);
    default:
      return -cosKernel(r);
  }
}

double cos(double x) {
  long k = 0;
  const double r = reducePio2(x, k);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return cosKernel(r);
    case 1:
      return -sinKernel(r);
    case 2:
      return -cosKernel(r);
    default:
      return sinKernel(r);
  }
}

double pow(double x, double y) { return exp(y * log(x)); }

}  // namespace apl::detail
