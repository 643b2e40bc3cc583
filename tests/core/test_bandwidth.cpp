// Leave-one-out width selection: the LOO curve, the global search and the rule of thumb.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "apl/bandwidth.hpp"
#include "apl/error.hpp"
#include "mini_json.hpp"

using apl::Index;
using apl::Kernel;
using apl::Matrix;
using apl::Vector;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

// LOO MSE written out directly (no attend, no scaledDistance): the independent brute force. The
// Gaussian is shifted by the nearest key's r² (as a softmax) so narrow widths do not underflow.
double bruteForceLoo(const Matrix& x, const Vector& y, Kernel kernel, double p, double h) {
  const Index n = x.rows();
  double sum = 0.0;
  for (Index i = 0; i < n; ++i) {
    Vector r(n);
    for (Index j = 0; j < n; ++j) {
      double acc = 0.0;
      for (Index m = 0; m < x.cols(); ++m) {
        const double u = std::abs(x(i, m) - x(j, m)) / h;
        acc = std::isinf(p) ? std::max(acc, u) : acc + std::pow(u, p);
      }
      r[j] = std::isinf(p) ? acc : std::pow(acc, 1.0 / p);
    }
    r[i] = kInf;
    const double nearest = r.minCoeff();
    double num = 0.0, den = 0.0;
    for (Index j = 0; j < n; ++j) {
      if (j == i) continue;
      const double k =
          kernel == Kernel::Gaussian       ? std::exp(-0.5 * (r[j] * r[j] - nearest * nearest))
          : kernel == Kernel::Epanechnikov ? (r[j] < 1 ? 0.75 * (1 - r[j] * r[j]) : 0.0)
          : kernel == Kernel::Triangular   ? (r[j] < 1 ? 1 - r[j] : 0.0)
                                           : (r[j] < 1 ? 1.0 : 0.0);
      num += k * y[j];
      den += k;
    }
    if (den == 0.0) return std::numeric_limits<double>::quiet_NaN();
    sum += (num / den - y[i]) * (num / den - y[i]);
  }
  return sum / double(n);
}

// A sinusoid of period 0.79 on a slow quadratic trend, 120 points on [0, 10]: the LOO curve has a
// shallow basin near h ≈ 0.66 (the sinusoid averaged away, the trend kept) and the deep one near
// h ≈ 0.057 (the sinusoid resolved). The rule of thumb (h ≈ 1.19) sits above the shallow basin.
void twoBasins(Matrix& x, Vector& y) {
  const int n = 120;
  x.resize(n, 1);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = 10.0 * i / (n - 1) + 0.02 * std::sin(1.7 * i);
    y[i] = std::sin(8.0 * x(i, 0)) + 0.1 * (x(i, 0) - 5.0) * (x(i, 0) - 5.0) +
           0.05 * std::cos(2.3 * i);
  }
}

double looAt(const Matrix& x, const Vector& y, double h) {
  return apl::looCurve(x, y, Kernel::Gaussian, 2.0, Vector::Constant(1, h))[0].mse;
}

}  // namespace

TEST_CASE("bandwidth: looCurve matches statsmodels / NumPy (crosscheck_loo.json)") {
  const auto fx = testjson::load("crosscheck_loo.json");
  const double rtol = fx["tolerance"]["rtol"].num(), atol = fx["tolerance"]["atol"].num();
  const Vector widths = fx["widths"].vec();
  double worst = 0.0;
  int undefinedSeen = 0;
  for (const auto& c : fx["curves"].items) {
    const auto& d = fx["data"][c["data"].str()];
    const Matrix x = d["x"].mat();
    const Vector y = d["y"].vec();
    const double p = c["p"].type == testjson::Value::String ? kInf : c["p"].num();
    const auto curve = apl::looCurve(x, y, apl::parseKernel(c["kernel"].str()), p, widths);
    REQUIRE(curve.size() == std::size_t(widths.size()));
    for (Index k = 0; k < widths.size(); ++k) {
      INFO(c["data"].str() << " " << c["kernel"].str() << " p " << p << " h " << widths[k]);
      const double expected = c["mse"][std::size_t(k)].num();
      CHECK(testjson::close(curve[k].mse, expected, rtol, atol));
      CHECK(curve[k].undefined == Index(c["undefined"][std::size_t(k)].num()));
      if (std::isnan(expected))
        ++undefinedSeen;
      else
        worst = std::max(worst, std::abs(curve[k].mse - expected) / expected);
    }
  }
  CHECK(undefinedSeen > 0);  // the fixture does exercise widths where some point has no neighbour
  MESSAGE("max relative |looCurve − NumPy/statsmodels|: " << worst);
}

TEST_CASE("bandwidth: looCurve equals an independent brute force (2-D, p = 1, 3, inf)") {
  Matrix x(25, 2);
  Vector y(25);
  for (int i = 0; i < 25; ++i) {
    x(i, 0) = std::fmod(1.3 * i, 4.0);
    x(i, 1) = std::fmod(0.71 * i * i, 3.0);
    y[i] = std::sin(x(i, 0)) - 0.5 * x(i, 1);
  }
  for (double p : {1.0, 3.0, kInf})
    for (Kernel kernel :
         {Kernel::Gaussian, Kernel::Boxcar, Kernel::Triangular, Kernel::Epanechnikov})
      for (double h : {0.05, 0.4, 1.0, 3.0}) {
        const auto point = apl::looCurve(x, y, kernel, p, Vector::Constant(1, h))[0];
        const double expected = bruteForceLoo(x, y, kernel, p, h);
        INFO("p " << p << " kernel " << std::string(apl::kernelName(kernel)) << " h " << h);
        if (std::isnan(expected)) {
          CHECK(std::isnan(point.mse));
          CHECK(point.undefined > 0);
        } else {
          CHECK(point.mse == doctest::Approx(expected).epsilon(1e-12));
          CHECK(point.undefined == 0);
        }
      }
}

TEST_CASE("bandwidth: selectWidth finds the global minimum of the dense NumPy grid") {
  const auto fx = testjson::load("crosscheck_loo.json");
  for (const auto& m : fx["globalMinima"].items) {
    const auto& d = fx["data"][m["data"].str()];
    const Matrix x = d["x"].mat();
    const Vector y = d["y"].vec();
    const Kernel kernel = apl::parseKernel(m["kernel"].str());
    const auto s = apl::selectWidth(x, y, kernel, m["p"].num());
    const double expected = m["mse"].num();
    INFO(m["data"].str() << " " << m["kernel"].str() << " p " << m["p"].num() << ": width "
                         << s.width << " (NumPy " << m["width"].num() << "), mse " << s.mse
                         << " (NumPy " << expected << ")");
    CHECK(s.lo > 0.0);
    CHECK(s.lo <= s.width);
    CHECK(s.width <= s.hi);
    CHECK_FALSE(s.atBoundary);
    CHECK(s.mse ==
          doctest::Approx(
              apl::looCurve(x, y, kernel, m["p"].num(), Vector::Constant(1, s.width))[0].mse)
              .epsilon(1e-14));
    CHECK(s.mse <= expected * (1.0 + 1e-9));  // at least as good as 4001 grid points
    if (kernel == Kernel::Boxcar) {
      // A step function: the exact sweep lands on the same step as the grid's best point.
      CHECK(s.mse == doctest::Approx(expected).epsilon(1e-12));
    } else {
      CHECK(s.mse >= expected * (1.0 - 1e-3));
      CHECK(std::abs(std::log(s.width / m["width"].num())) < 0.05);
    }
  }
}

TEST_CASE("bandwidth: boxcar selection is exact: no width on a dense grid does better") {
  Matrix x(30, 2);
  Vector y(30);
  for (int i = 0; i < 30; ++i) {
    x(i, 0) = std::fmod(0.77 * i + 0.013 * i * i, 4.0);
    x(i, 1) = std::fmod(1.91 * i, 3.0);
    y[i] = std::cos(x(i, 0)) * x(i, 1) + 0.2 * std::sin(5.0 * i);
  }
  for (double p : {1.0, 2.0, kInf}) {
    const auto s = apl::selectWidth(x, y, Kernel::Boxcar, p);
    Vector widths(3000);
    for (int k = 0; k < 3000; ++k) widths[k] = s.lo * std::pow(s.hi / s.lo, k / 2999.0);
    double best = kInf;
    for (const auto& point : apl::looCurve(x, y, Kernel::Boxcar, p, widths))
      if (!std::isnan(point.mse)) best = std::min(best, point.mse);
    INFO("p " << p << ": selectWidth " << s.width << " mse " << s.mse << ", grid best " << best);
    CHECK(s.mse <= best * (1.0 + 1e-12));
    CHECK(apl::looCurve(x, y, Kernel::Boxcar, p, Vector::Constant(1, s.width))[0].mse == s.mse);
  }
}

TEST_CASE(
    "bandwidth: the global search escapes the basin a local search from the rule of thumb finds") {
  Matrix x;
  Vector y;
  twoBasins(x, y);
  const double h0 = apl::ruleOfThumbWidth(x);
  // Local search: multiplicative steps of 5 % downhill from the rule of thumb until neither
  // neighbour improves.
  double h = h0, v = looAt(x, y, h);
  for (int it = 0; it < 1000; ++it) {
    const double up = looAt(x, y, h * 1.05), down = looAt(x, y, h / 1.05);
    if (std::min(up, down) >= v) break;
    if (up < down)
      h *= 1.05, v = up;
    else
      h /= 1.05, v = down;
  }
  const auto s = apl::selectWidth(x, y, Kernel::Gaussian, 2.0);
  MESSAGE("rule of thumb " << h0 << "; local search: h " << h << ", mse " << v
                           << "; selectWidth: h " << s.width << ", mse " << s.mse);
  CHECK(h > 0.4);          // the local search stops in the shallow basin …
  CHECK(s.width < 0.1);    // … the global search finds the deep one,
  CHECK(s.mse < 0.2 * v);  // with a much smaller LOO error,
  CHECK_FALSE(s.atBoundary);
  // and its refinement sits at a local minimum of the curve.
  CHECK(s.mse <= looAt(x, y, s.width * 1.01));
  CHECK(s.mse <= looAt(x, y, s.width / 1.01));
}

TEST_CASE(
    "bandwidth: flat curves report atBoundary; compact kernels only pick widths with neighbours") {
  Matrix x(6, 1);
  x << 0.0, 0.1, 0.2, 0.35, 0.5, 20.0;  // 20 is isolated: compact kernels need h > 19.5
  Vector y(6);
  y << 1.0, 2.0, 0.5, 1.5, 1.0, 3.0;
  const auto constant = apl::selectWidth(x, y, Kernel::Constant, 2.0);
  CHECK(constant.atBoundary);
  CHECK(std::isfinite(constant.mse));
  const auto flat = apl::selectWidth(x, Vector::Constant(6, 2.0), Kernel::Gaussian, 2.0);
  CHECK(flat.mse == 0.0);
  CHECK(flat.atBoundary);
  for (Kernel kernel : {Kernel::Boxcar, Kernel::Triangular, Kernel::Epanechnikov}) {
    const auto s = apl::selectWidth(x, y, kernel, 2.0);
    CHECK(s.width > 19.5);
    CHECK(std::isfinite(s.mse));
    CHECK(apl::looCurve(x, y, kernel, 2.0, Vector::Constant(1, s.width))[0].undefined == 0);
  }
  // The Gaussian is defined at every width, so its search starts at ¼ of the closest spacing.
  CHECK(apl::selectWidth(x, y, Kernel::Gaussian, 2.0).lo == doctest::Approx(0.025));
  // No width within [1e-9, 1e9] reaches across 2e9.
  Matrix far(2, 1);
  far << -1e9, 1e9;
  CHECK_THROWS_WITH_AS(apl::selectWidth(far, Vector::Ones(2), Kernel::Boxcar, 2.0),
                       doctest::Contains("x:"), apl::Error);
}

TEST_CASE("bandwidth: ruleOfThumbWidth is 1.06·σ̂·n^(−1/(4+d))") {
  Matrix x(5, 1);
  x << 1.0, 2.0, 3.0, 4.0, 5.0;  // sample sd √2.5
  CHECK(apl::ruleOfThumbWidth(x) ==
        doctest::Approx(1.06 * std::sqrt(2.5) * std::pow(5.0, -0.2)).epsilon(1e-15));
  Matrix x2(4, 2);
  x2 << 0, 0, 1, 2, 2, 4, 3, 6;  // sds √(5/3) and 2√(5/3)
  CHECK(apl::ruleOfThumbWidth(x2) ==
        doctest::Approx(1.06 * 1.5 * std::sqrt(5.0 / 3.0) * std::pow(4.0, -1.0 / 6.0))
            .epsilon(1e-15));
}

TEST_CASE("bandwidth: invalid arguments name the parameter") {
  using doctest::Contains;
  Matrix x(4, 1);
  x << 0.0, 1.0, 2.0, 3.0;
  const Vector y = Vector::Ones(4);
  const Vector h = Vector::Constant(1, 0.5);
  CHECK_THROWS_WITH_AS(apl::looCurve(x, y, Kernel::Gaussian, 2.0, Vector::Constant(1, 0.0)),
                       Contains("widths:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::looCurve(x, y, Kernel::Gaussian, 2.0, Vector::Constant(1, NAN)),
                       Contains("widths:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::looCurve(x, y, Kernel::Gaussian, 0.9, h), Contains("p:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::looCurve(x, Vector::Ones(3), Kernel::Gaussian, 2.0, h), Contains("y:"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::looCurve(x.topRows(1), y.head(1), Kernel::Gaussian, 2.0, h),
                       Contains("x:"), apl::Error);
  Matrix bad = x;
  bad(1, 0) = NAN;
  CHECK_THROWS_WITH_AS(apl::selectWidth(bad, y, Kernel::Gaussian, 2.0), Contains("x:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::selectWidth(Matrix::Zero(4, 1), y, Kernel::Gaussian, 2.0),
                       Contains("x: all points coincide"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::selectWidth(x, y, Kernel::Gaussian, NAN), Contains("p:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::ruleOfThumbWidth(Matrix::Zero(4, 2)), Contains("x:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::ruleOfThumbWidth(x.topRows(1)), Contains("x:"), apl::Error);
  // Tiny widths are fine for the Gaussian (softmax → nearest neighbour), undefined for boxcar.
  CHECK(
      std::isfinite(apl::looCurve(x, y, Kernel::Gaussian, 2.0, Vector::Constant(1, 1e-9))[0].mse));
  const auto box = apl::looCurve(x, y, Kernel::Boxcar, 2.0, Vector::Constant(1, 1e-9))[0];
  CHECK(std::isnan(box.mse));
  CHECK(box.undefined == 4);
}
