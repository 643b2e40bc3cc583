// looCurve with one width per coordinate: the yardstick for per-coordinate widths learned by
// gradient descent (old exercise 3 / v1.0 exercise 2).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "apl/bandwidth.hpp"
#include "apl/error.hpp"
#include "apl/parametric.hpp"

using apl::Index;
using apl::Matrix;
using apl::Vector;

namespace {

Matrix plane(int n) {
  Matrix x(n, 2);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = std::fmod(0.73 * i + 0.1, 5.0);
    x(i, 1) = std::fmod(1.37 * i * i * 0.01 + 0.29 * i, 5.0);
  }
  return x;
}

Vector surface(const Matrix& x) {
  Vector y(x.rows());
  for (Index i = 0; i < x.rows(); ++i)
    y[i] = 2 * std::sin(x(i, 0)) + 0.1 * std::cos(x(i, 1)) + 0.05 * (i % 4);
  return y;
}

}  // namespace

TEST_CASE("looCurvePerCoordinate: equal widths are the isotropic curve") {
  const Matrix x = plane(40);
  const Vector y = surface(x);
  Vector iso(3);
  iso << 0.2, 0.7, 2.5;
  Matrix per(3, 2);
  per << 0.2, 0.2, 0.7, 0.7, 2.5, 2.5;
  for (auto kernel : {apl::Kernel::Gaussian, apl::Kernel::Boxcar}) {
    const auto a = apl::looCurve(x, y, kernel, 2.0, iso);
    const auto b = apl::looCurvePerCoordinate(x, y, kernel, 2.0, per);
    REQUIRE(a.size() == 3);
    REQUIRE(b.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(a[k].undefined == b[k].undefined);
      if (std::isnan(a[k].mse))
        CHECK(std::isnan(b[k].mse));
      else
        CHECK(b[k].mse == doctest::Approx(a[k].mse).epsilon(1e-12));
    }
  }
}

TEST_CASE("looCurvePerCoordinate equals the parametric leave-one-out loss at w = 1/h") {
  // Two independent code paths: attention with a scaled metric, and the trainable model's loss
  // (mean reduction, leave-one-out, Gaussian before the square with one w per coordinate).
  const Matrix x = plane(50);
  const Vector y = surface(x);
  apl::ParametricModel model;
  model.reduction = apl::Reduction::Mean;
  Matrix widths(3, 2);
  widths << 0.3, 3.0, 1.0, 0.4, 0.15, 8.0;
  const auto curve = apl::looCurvePerCoordinate(x, y, apl::Kernel::Gaussian, 2.0, widths);
  for (Index k = 0; k < 3; ++k) {
    const Vector w = widths.row(k).transpose().cwiseInverse();
    CHECK(curve[std::size_t(k)].mse ==
          doctest::Approx(apl::parametricLoss(x, y, w, model).loss).epsilon(1e-12));
  }
  // An irrelevant-looking second coordinate: a huge width there is better than a narrow one.
  CHECK(curve[2].mse < curve[1].mse);
}

TEST_CASE("looCurvePerCoordinate rejects a wrong number of widths per row") {
  const Matrix x = plane(10);
  const Vector y = surface(x);
  const Matrix three = Matrix::Ones(2, 3);
  std::string parameter;
  try {
    apl::looCurvePerCoordinate(x, y, apl::Kernel::Gaussian, 2.0, three);
  } catch (const apl::Error& e) {
    parameter = e.parameter();
  }
  CHECK(parameter == "widths");
  Matrix bad = Matrix::Ones(1, 2);
  bad(0, 1) = 0.0;
  parameter.clear();
  try {
    apl::looCurvePerCoordinate(x, y, apl::Kernel::Gaussian, 2.0, bad);
  } catch (const apl::Error& e) {
    parameter = e.parameter();
  }
  CHECK(parameter == "widths");
}
