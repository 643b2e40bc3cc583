// detail::powNonNegative (the vectorisable x^p of the general-p Minkowski distance) against long
// double powl over wide ranges, its exact cases, and the distance built on it: the exact p = 1,
// 2, ∞ branches, and a general p within a few ulp of a long double reference.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

#include "apl/detail/fast_pow.hpp"
#include "apl/distance.hpp"

using apl::detail::powNonNegative;

namespace {

// |got − exact| in units of the last place of the correctly rounded result.
double ulpError(double got, long double exact) {
  const double rounded = static_cast<double>(exact);
  const double ulp = std::nextafter(rounded, std::numeric_limits<double>::infinity()) - rounded;
  return double(std::abs(static_cast<long double>(got) - exact) / ulp);
}

}  // namespace

TEST_CASE("powNonNegative is within 1.5 ulp of the correctly rounded x^p over wide ranges") {
  std::mt19937_64 g(11);
  std::uniform_real_distribution<double> exponent(-1070.0, 8.0), fraction(0.0, 1.0);
  std::uniform_real_distribution<double> smallP(0.0, 4.0), largeP(1.0, 300.0);
  const apl::detail::PowConstants loop = apl::detail::loopPowConstants();
  double worst = 0.0;
  int checked = 0;
  for (int i = 0; i < 400000; ++i) {
    // Bases spread over every binade from subnormal to 2^8 (near 1 a third of the time, where
    // ln x cancels), exponents from 0 to 300.
    const double x = i % 3 == 0 ? 1.0 - std::ldexp(fraction(g), -int(fraction(g) * 50))
                                : std::ldexp(1.0 + fraction(g), int(exponent(g)));
    const double p = i % 2 == 0 ? smallP(g) : largeP(g);
    const long double exact = std::pow(static_cast<long double>(x), static_cast<long double>(p));
    // Only where the result is a normal double above the clamp (the documented range).
    if (!(exact >= std::exp(static_cast<long double>(apl::detail::kFastExpMin)) &&
          exact <= static_cast<long double>(std::numeric_limits<double>::max()) / 4))
      continue;
    REQUIRE(powNonNegative(x, p, loop) == powNonNegative(x, p));
    const double err = ulpError(powNonNegative(x, p), exact);
    INFO("x = " << x << ", p = " << p);
    CHECK(err <= 1.5);
    worst = std::max(worst, err);
    ++checked;
  }
  MESSAGE("worst error " << worst << " ulp over " << checked << " cases");
  CHECK(checked > 200000);
}

TEST_CASE("powNonNegative: roots of the distance's sums in [1, d] within 1.5 ulp") {
  std::mt19937_64 g(12);
  std::uniform_real_distribution<double> sum(1.0, 64.0), p(1.0, 50.0);
  for (int i = 0; i < 100000; ++i) {
    const double s = sum(g), inverse = 1.0 / p(g);
    const long double exact =
        std::pow(static_cast<long double>(s), static_cast<long double>(inverse));
    CHECK(ulpError(powNonNegative(s, inverse), exact) <= 1.5);
  }
}

TEST_CASE("powNonNegative: exact cases") {
  for (double p : {0.5, 1.0, 1.5, 2.0, 7.25, 1e6, 1e308}) {
    CHECK(powNonNegative(1.0, p) == 1.0);
    CHECK(powNonNegative(0.0, p) == 0.0);
  }
  for (double x : {0.0, 1e-310, 0.3, 1.0, 5.0}) CHECK(powNonNegative(x, 0.0) == 1.0);
  // Far below the smallest normal result: clamped to e^kFastExpMin (positive, normal), as the exp.
  CHECK(powNonNegative(0.5, 1e6) == apl::detail::expNonPositive(apl::detail::kFastExpMin));
  CHECK(std::isnormal(powNonNegative(1e-310, 3.0)));
}

TEST_CASE("scaledDistance: p = 1, 2, inf exactly as their formulas, a general p within 4 ulp") {
  std::mt19937_64 g(13);
  std::uniform_real_distribution<double> u(-5.0, 5.0), width(0.05, 3.0), pDist(1.0, 20.0);
  for (int i = 0; i < 20000; ++i) {
    const apl::Index dim = 2 + i % 3;
    double q[4], k[4];
    apl::Metric metric;
    metric.widths = apl::Vector(dim);
    for (apl::Index m = 0; m < dim; ++m) {
      q[m] = u(g);
      k[m] = u(g);
      metric.widths[m] = width(g);
    }
    double l1 = 0.0, l2 = 0.0, lInf = 0.0;
    long double largest = 0.0L;
    for (apl::Index m = 0; m < dim; ++m) {
      const double a = std::abs(q[m] - k[m]) / metric.widths[m];
      l1 += a;
      l2 += a * a;
      lInf = std::max(lInf, a);
      largest = std::max(largest, static_cast<long double>(a));
    }
    metric.p = 1.0;
    CHECK(apl::scaledDistance(q, k, dim, metric) == l1);
    metric.p = 2.0;
    CHECK(apl::scaledDistance(q, k, dim, metric) == std::sqrt(l2));
    metric.p = std::numeric_limits<double>::infinity();
    CHECK(apl::scaledDistance(q, k, dim, metric) == lInf);
    // A general p against long double, from the same scaled coordinates.
    metric.p = pDist(g);
    long double sum = 0.0L;
    for (apl::Index m = 0; m < dim; ++m)
      sum += std::pow(static_cast<long double>(std::abs(q[m] - k[m]) / metric.widths[m]) / largest,
                      static_cast<long double>(metric.p));
    const long double exact = largest * std::pow(sum, 1.0L / static_cast<long double>(metric.p));
    INFO("p = " << metric.p << ", dim = " << dim);
    CHECK(ulpError(apl::scaledDistance(q, k, dim, metric), exact) <= 4.0);
  }
}
