// Power-law fits on log–log axes and the minimax rate exponent; the kernel's unit ball.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "apl/distance.hpp"
#include "apl/error.hpp"
#include "apl/rates.hpp"
#include "apl/unit_ball.hpp"

using apl::Index;
using apl::Matrix;
using apl::Vector;

namespace {
const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Vector vec(std::initializer_list<double> v) {
  Vector out(Index(v.size()));
  Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

template <class F>
std::string parameterOf(F&& f) {
  try {
    f();
  } catch (const apl::Error& e) {
    return e.parameter();
  }
  return "";
}
}  // namespace

TEST_CASE("an exact power law is recovered exactly") {
  const Vector x = vec({10, 20, 50, 100, 1000});
  Vector y(x.size());
  for (Index i = 0; i < x.size(); ++i) y[i] = 3.5 * std::pow(x[i], -0.8);
  const auto fit = apl::fitPowerLaw(x, y);
  CHECK(fit.exponent == doctest::Approx(-0.8).epsilon(1e-13));
  CHECK(fit.coefficient == doctest::Approx(3.5).epsilon(1e-12));
  CHECK(fit.used == 5);
  for (Index i = 0; i < x.size(); ++i) CHECK(fit.fitted[i] == doctest::Approx(y[i]).epsilon(1e-12));
}

TEST_CASE("the slope is the least-squares slope of log y on log x") {
  // Three points: log x = 0, 1, 2 (x = 1, e, e²), log y = 0, 2, 1 → slope 0.5, intercept 0.5.
  const double e = std::exp(1.0);
  const auto fit = apl::fitPowerLaw(vec({1, e, e * e}), vec({1, std::exp(2.0), e}));
  CHECK(fit.exponent == doctest::Approx(0.5).epsilon(1e-14));
  CHECK(fit.coefficient == doctest::Approx(std::exp(0.5)).epsilon(1e-14));
}

TEST_CASE("undefined and non-positive pairs are skipped, not read as 0") {
  const Vector x = vec({1, 2, 4, 8, 16});
  const Vector y = vec({1, kNaN, 0.25, 0.0, 1.0 / 16});
  const auto fit = apl::fitPowerLaw(x, y);
  CHECK(fit.used == 3);
  CHECK(fit.exponent == doctest::Approx(-1.0).epsilon(1e-14));
  // Fitted values exist wherever x is usable, also where y was not.
  CHECK(fit.fitted[1] == doctest::Approx(0.5).epsilon(1e-14));
  const auto bad = apl::fitPowerLaw(vec({-1, 1, 2}), vec({1, 1, 0.5}));
  CHECK(std::isnan(bad.fitted[0]));
}

TEST_CASE("a fixed exponent fits only the coefficient, through the data's log-means") {
  const auto fit = apl::fitPowerLaw(vec({1, 100}), vec({2, 0.02 * 4}), -1.0);
  CHECK(fit.exponent == -1.0);
  // log a = mean(log y + log x) = mean(log 2, log 8) = log 4.
  CHECK(fit.coefficient == doctest::Approx(4.0).epsilon(1e-14));
  CHECK(apl::fitPowerLaw(vec({5}), vec({2}), 0.5).coefficient ==
        doctest::Approx(2.0 / std::sqrt(5.0)).epsilon(1e-14));
}

TEST_CASE("power-law fits reject what they cannot fit, naming the option") {
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({1, 2}), vec({1})); }) == "y");
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({1, 2}), vec({1, kNaN})); }) == "x");
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({3, 3, 3}), vec({1, 2, 3})); }) == "x");
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({1, 2}), vec({1, 2}), kInf); }) == "exponent");
  CHECK(parameterOf([] { apl::fitPowerLaw(Vector(), Vector(), 1.0); }) == "x");
}

TEST_CASE("the minimax exponent is -4/(4 + d) for twice-differentiable functions") {
  CHECK(apl::minimaxRateExponent(1) == doctest::Approx(-0.8).epsilon(1e-15));
  CHECK(apl::minimaxRateExponent(2) == doctest::Approx(-2.0 / 3.0).epsilon(1e-15));
  CHECK(apl::minimaxRateExponent(3) == doctest::Approx(-4.0 / 7.0).epsilon(1e-15));
  CHECK(apl::minimaxRateExponent(1, 1.0) == doctest::Approx(-2.0 / 3.0).epsilon(1e-15));
  CHECK(parameterOf([] { apl::minimaxRateExponent(0); }) == "dim");
  CHECK(parameterOf([] { apl::minimaxRateExponent(17); }) == "dim");
  CHECK(parameterOf([] { apl::minimaxRateExponent(2, 0.0); }) == "smoothness");
  // 2s overflowed to infinity and the exponent was NaN (issue 17).
  CHECK(parameterOf([] { apl::minimaxRateExponent(2, 1e308); }) == "smoothness");
  CHECK(apl::minimaxRateExponent(2, apl::kMaxSmoothness) == doctest::Approx(-1.0).epsilon(1e-8));
}

TEST_CASE("a power law that leaves double precision is refused, not returned as 0 or NaN") {
  // exponent 1e9 through x = 2, 3: the coefficient underflows to 0 and the fit was NaN (issue 17).
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({2, 3}), vec({1, 1}), 1e9); }) == "exponent");
  CHECK(parameterOf([] { apl::fitPowerLaw(vec({2, 3}), vec({1, 1}), -1e9); }) == "exponent");
  // A steep but representable guide is still fitted.
  const auto fit = apl::fitPowerLaw(vec({2, 3}), vec({1, 1}), 100.0);
  CHECK(std::isfinite(fit.coefficient));
  CHECK(fit.coefficient > 0.0);
}

TEST_CASE("every unit-ball point is at scaled distance 1, for p = 1, 2, 3.5, infinity") {
  const double origin[2] = {0, 0};
  for (double p : {1.0, 2.0, 3.5, kInf}) {
    for (const Vector& h : {vec({1.0}), vec({0.5, 2.0})}) {
      const Matrix u = apl::unitBall(p, 64, h);
      REQUIRE(u.rows() == 64);
      REQUIRE(u.cols() == 2);
      const apl::Metric metric{h, p};
      for (Index k = 0; k < u.rows(); ++k) {
        const double q[2] = {u(k, 0), u(k, 1)};
        CHECK(apl::scaledDistance(q, origin, 2, metric) == doctest::Approx(1.0).epsilon(1e-14));
      }
    }
  }
}

TEST_CASE("unit balls have their textbook shapes") {
  const double eps = 1e-15;
  // Points on the axes sit at the widths, whatever p is.
  for (double p : {1.0, 2.0, kInf}) {
    const Matrix u = apl::unitBall(p, 8, vec({0.5, 2.0}));
    CHECK(u(0, 0) == doctest::Approx(0.5).epsilon(eps));
    CHECK(std::abs(u(0, 1)) < 1e-15);
    CHECK(u(2, 1) == doctest::Approx(2.0).epsilon(eps));
    CHECK(u(4, 0) == doctest::Approx(-0.5).epsilon(eps));
  }
  // On the diagonal (k = 1 of 8, at 45°): the diamond at (½, ½), the circle at (1/√2, 1/√2), the
  // square's corner at (1, 1).
  CHECK(apl::unitBall(1.0, 8, vec({1.0}))(1, 0) == doctest::Approx(0.5).epsilon(eps));
  CHECK(apl::unitBall(2.0, 8, vec({1.0}))(1, 1) == doctest::Approx(std::sqrt(0.5)).epsilon(eps));
  CHECK(apl::unitBall(kInf, 8, vec({1.0}))(1, 0) == doctest::Approx(1.0).epsilon(eps));
  CHECK(apl::unitBall(kInf, 8, vec({1.0}))(1, 1) == doctest::Approx(1.0).epsilon(eps));
  // Larger p: a larger ball (the norms decrease in p), nested between diamond and square.
  const Matrix b1 = apl::unitBall(1.0, 8, vec({1.0}));
  const Matrix b3 = apl::unitBall(3.0, 8, vec({1.0}));
  CHECK(b1(1, 0) < b3(1, 0));
  CHECK(b3(1, 0) < 1.0);
}

TEST_CASE("unit balls reject bad options, naming them") {
  CHECK(parameterOf([] { apl::unitBall(2.0, 3, vec({1.0})); }) == "points");
  CHECK(parameterOf([] { apl::unitBall(2.0, 100001, vec({1.0})); }) == "points");
  CHECK(parameterOf([] { apl::unitBall(0.5, 16, vec({1.0})); }) == "p");
  CHECK(parameterOf([] { apl::unitBall(kNaN, 16, vec({1.0})); }) == "p");
  CHECK(parameterOf([] { apl::unitBall(2.0, 16, vec({1.0, 2.0, 3.0})); }) == "width");
  CHECK(parameterOf([] { apl::unitBall(2.0, 16, vec({0.0})); }) == "width");
}
