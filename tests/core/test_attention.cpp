#include <doctest/doctest.h>

#include <cmath>

#include "apl/attention.hpp"
#include "apl/error.hpp"

using apl::AttentionOptions;
using apl::Kernel;
using apl::Matrix;
using apl::Normalization;
using apl::Vector;

namespace {

Matrix column(std::initializer_list<double> v) {
  Matrix m(v.size(), 1);
  int i = 0;
  for (double x : v) m(i++, 0) = x;
  return m;
}

Vector vec(std::initializer_list<double> v) {
  Vector out(v.size());
  int i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

AttentionOptions with(Kernel kernel, double width) {
  AttentionOptions o;
  o.kernel = kernel;
  o.metric.widths = Vector::Constant(1, width);
  return o;
}

}  // namespace

TEST_CASE("hand-computed 3-point Gaussian case") {
  // keys 0, 1, 3 with values 1, 2, 4; query 1; h = 1: scores −½, 0, −2.
  const auto a =
      apl::attend(column({1.0}), column({0, 1, 3}), vec({1, 2, 4}), with(Kernel::Gaussian, 1.0));
  CHECK(a.weights(0, 0) == doctest::Approx(0.3482074278837349).epsilon(1e-14));
  CHECK(a.weights(0, 1) == doctest::Approx(0.5740969929676946).epsilon(1e-14));
  CHECK(a.weights(0, 2) == doctest::Approx(0.0776955791485706).epsilon(1e-14));
  CHECK(a.predictions[0] == doctest::Approx(1.8071837304134064).epsilon(1e-14));
  CHECK(a.undefinedQueries.empty());
}

TEST_CASE("rows sum to 1 for every kernel where defined") {
  const Matrix keys = column({0.1, 0.5, 0.9, 2.0, 2.2, 4.0});
  const Vector values = vec({1, 2, 3, 4, 5, 6});
  const Matrix queries = column({0.0, 0.3, 1.0, 2.1, 3.0, 4.9});
  for (Kernel k : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Constant, Kernel::Triangular,
                   Kernel::Epanechnikov, Kernel::Lenrek})
    for (double h : {0.05, 0.3, 1.0, 10.0}) {
      const auto a = apl::attend(queries, keys, values, with(k, h));
      for (int i = 0; i < queries.rows(); ++i) {
        if (std::isnan(a.predictions[i])) continue;
        CHECK(a.weights.row(i).sum() == doctest::Approx(1.0).epsilon(1e-14));
        CHECK(a.weights.row(i).minCoeff() >= 0.0);
      }
    }
}

TEST_CASE("compact kernels far from the data are undefined, never 0 or the mean") {
  const auto a =
      apl::attend(column({0.0, 10.0}), column({0, 1}), vec({3, 5}), with(Kernel::Boxcar, 0.5));
  CHECK(a.predictions[0] == 3.0);
  CHECK(std::isnan(a.predictions[1]));
  CHECK(std::isnan(a.weights(1, 0)));
  REQUIRE(a.undefinedQueries.size() == 1);
  CHECK(a.undefinedQueries[0] == 1);
}

TEST_CASE("the Gaussian at a tiny width tends to the nearest key, never 0/0") {
  const auto a = apl::attend(column({0.4, 2.9}), column({0, 1, 3}), vec({1, 2, 4}),
                             with(Kernel::Gaussian, 1e-6));
  CHECK(a.predictions[0] == 1.0);
  CHECK(a.predictions[1] == 4.0);
  CHECK(a.undefinedQueries.empty());
}

TEST_CASE("constant kernel is average pooling") {
  const auto a = apl::attend(column({-100, 0, 7}), column({0, 1, 3}), vec({1, 2, 6}),
                             with(Kernel::Constant, 1.0));
  for (int i = 0; i < 3; ++i) CHECK(a.predictions[i] == doctest::Approx(3.0));
}

TEST_CASE("leave-one-out: query i never sees key i, and n = 1 is undefined") {
  const Matrix x = column({0, 1, 3});
  auto o = with(Kernel::Gaussian, 1.0);
  o.leaveOneOut = true;
  const auto a = apl::attend(x, x, vec({1, 2, 4}), o);
  for (int i = 0; i < 3; ++i) CHECK(a.weights(i, i) == 0.0);
  // Query 1 sees keys 0 and 3 only: weights ∝ e^{-1/2}, e^{-2}.
  const double w0 = std::exp(-0.5), w2 = std::exp(-2.0);
  CHECK(a.predictions[1] == doctest::Approx((w0 * 1 + w2 * 4) / (w0 + w2)));
  const auto single = apl::attend(column({2}), column({2}), vec({5}), o);
  CHECK(std::isnan(single.predictions[0]));
  CHECK(single.undefinedQueries.size() == 1);
  CHECK_THROWS_WITH_AS(apl::attend(column({0, 1}), x, vec({1, 2, 4}), o),
                       doctest::Contains("leaveOneOut"), apl::Error);
}

TEST_CASE("Lenrek attends away from the nearest key, and all distances 0 is undefined") {
  const auto a =
      apl::attend(column({0.0}), column({0, 1, 3}), vec({1, 2, 4}), with(Kernel::Lenrek, 1.0));
  CHECK(a.weights(0, 0) == 0.0);
  CHECK(a.weights(0, 2) == doctest::Approx(0.75));
  const auto same =
      apl::attend(column({2.0}), column({2, 2}), vec({1, 2}), with(Kernel::Lenrek, 1.0));
  CHECK(std::isnan(same.predictions[0]));
}

TEST_CASE("normalising over queries: columns sum to 1 and a prediction depends on other queries") {
  auto o = with(Kernel::Lenrek, 1.0);
  o.normalization = Normalization::Queries;
  const Matrix keys = column({0, 1, 3});
  const Vector values = vec({1, 2, 4});
  const auto a = apl::attend(column({0.5, 2.0}), keys, values, o);
  for (int j = 0; j < 3; ++j) CHECK(a.weights.col(j).sum() == doctest::Approx(1.0));
  const auto b = apl::attend(column({0.5, 2.0, 4.0}), keys, values, o);
  CHECK(a.predictions[0] != doctest::Approx(b.predictions[0]));
  // Over keys the prediction of query 0.5 does not depend on the others.
  o.normalization = Normalization::Keys;
  const auto c = apl::attend(column({0.5, 2.0}), keys, values, o);
  const auto d = apl::attend(column({0.5, 2.0, 4.0}), keys, values, o);
  CHECK(c.predictions[0] == d.predictions[0]);
}

TEST_CASE("Minkowski distances with per-coordinate widths") {
  Matrix q(1, 2), k(2, 2);
  q << 0, 0;
  k << 3, 4, 1, 1;
  AttentionOptions o;
  o.metric.widths = Vector::Ones(2);
  o.kernel = Kernel::Lenrek;  // weights ∝ distance, so the distances can be read off
  for (double p : {1.0, 2.0, 3.0, double(INFINITY)}) {
    o.metric.p = p;
    const double d0 = std::isinf(p) ? 4.0 : std::pow(std::pow(3.0, p) + std::pow(4.0, p), 1 / p);
    const double d1 = std::isinf(p) ? 1.0 : std::pow(2.0, 1 / p);
    const auto a = apl::attend(q, k, vec({0, 1}), o);
    CHECK(a.weights(0, 0) == doctest::Approx(d0 / (d0 + d1)).epsilon(1e-14));
  }
  o.metric.p = 2.0;
  o.metric.widths = vec({3.0, 4.0});  // scaled differences (1, 1) and (1/3, 1/4)
  const auto a = apl::attend(q, k, vec({0, 1}), o);
  const double d0 = std::sqrt(2.0), d1 = std::sqrt(1.0 / 9 + 1.0 / 16);
  CHECK(a.weights(0, 0) == doctest::Approx(d0 / (d0 + d1)).epsilon(1e-14));
}

TEST_CASE("predictions without the weight matrix equal those with it") {
  const Matrix keys = column({0.1, 0.5, 0.9, 2.0, 2.2, 4.0});
  const Matrix queries = column({0.0, 0.3, 1.0, 2.1, 3.0, 4.9});
  const Vector values = vec({1, 2, 3, 4, 5, 6});
  for (Kernel k : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Triangular}) {
    auto o = with(k, 0.4);
    const auto full = apl::attend(queries, keys, values, o);
    o.returnWeights = false;
    const auto lean = apl::attend(queries, keys, values, o);
    CHECK(lean.weights.size() == 0);
    CHECK(lean.undefinedQueries == full.undefinedQueries);
    for (int i = 0; i < 6; ++i)
      if (!std::isnan(full.predictions[i]))
        CHECK(lean.predictions[i] == doctest::Approx(full.predictions[i]).epsilon(1e-14));
  }
}

TEST_CASE("bad arguments name the parameter and the accepted range") {
  const Matrix x = column({0, 1, 3});
  const Vector y = vec({1, 2, 4});
  CHECK_THROWS_WITH_AS(apl::attend(x, x, y, with(Kernel::Gaussian, -1.0)),
                       doctest::Contains("width"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::attend(x, x, y, with(Kernel::Gaussian, NAN)),
                       doctest::Contains("width"), apl::Error);
  auto o = with(Kernel::Gaussian, 1.0);
  o.metric.p = 0.5;
  CHECK_THROWS_WITH_AS(apl::attend(x, x, y, o), doctest::Contains("p: got 0.5"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::attend(x, column({0, NAN, 1}), y, with(Kernel::Gaussian, 1)),
                       doctest::Contains("keys"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::attend(x, x, vec({1, 2}), with(Kernel::Gaussian, 1)),
                       doctest::Contains("values"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::attend(Matrix(0, 1), x, y, with(Kernel::Gaussian, 1)),
                       doctest::Contains("queries"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parseKernel("gauss"), doctest::Contains("kernel"), apl::Error);
  CHECK(apl::parseKernel("epanechikov") == Kernel::Triangular);
  CHECK(apl::parseKernel("epanechnikov") == Kernel::Epanechnikov);
}
