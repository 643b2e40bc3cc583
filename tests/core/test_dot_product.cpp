#include <doctest/doctest.h>

#include <cmath>

#include "apl/attention.hpp"
#include "apl/compare.hpp"
#include "apl/datasets.hpp"
#include "apl/dot_product.hpp"
#include "apl/error.hpp"

using apl::Matrix;
using apl::Vector;

namespace {

apl::Dataset circle(double spread, std::uint64_t seed = 3) {
  apl::DatasetOptions o;
  o.target = apl::Target::Sphere;
  o.dim = 2;
  o.seed = seed;
  o.radiusSpread = spread;
  return apl::makeDataset(o);
}

Matrix gaussianWeights(const apl::Dataset& d, double width) {
  apl::AttentionOptions a;
  a.metric = {Vector::Constant(1, width), 2.0};
  a.algorithm = apl::Algorithm::BruteForce;
  return apl::attend(d.xTest, d.xTrain, d.yTrain, a).weights;
}

Vector flat(const Matrix& m) { return Eigen::Map<const Vector>(m.data(), m.size()); }

}  // namespace

TEST_CASE("dot-product attention: rows sum to 1 and match a hand computation") {
  Matrix q(1, 2), k(3, 2);
  q << 1, 0;
  k << 1, 0, 0, 1, -1, 0;
  Vector v(3);
  v << 1, 2, 3;
  const auto r = apl::dotProductAttention(q, k, v, 0.5);
  const double e2 = std::exp(2.0), e0 = 1.0, em2 = std::exp(-2.0), t = e2 + e0 + em2;
  CHECK(r.weights(0, 0) == doctest::Approx(e2 / t).epsilon(1e-15));
  CHECK(r.weights(0, 2) == doctest::Approx(em2 / t).epsilon(1e-15));
  CHECK(r.weights.row(0).sum() == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(r.predictions[0] == doctest::Approx((e2 + 2 * e0 + 3 * em2) / t).epsilon(1e-15));
}

TEST_CASE("dot-product attention: huge scores do not overflow (max subtraction)") {
  Matrix q(1, 1), k(2, 1);
  q << 1e9;
  k << 1e9, -1e9;
  Vector v(2);
  v << 5, 7;
  const auto r = apl::dotProductAttention(q, k, v, 1e-18);
  CHECK(r.weights(0, 0) == 1.0);
  CHECK(r.weights(0, 1) == 0.0);
  CHECK(r.predictions[0] == 5.0);
}

TEST_CASE("on the unit circle Gaussian attention equals softmax of q dot k over sigma squared") {
  const auto d = circle(0.0);
  for (double width : {0.1, 0.3, 1.0, 3.0}) {
    const Matrix g = gaussianWeights(d, width);
    const auto p =
        apl::dotProductAttention(d.xTest, d.xTrain, d.yTrain, apl::dotProductScaleOfWidth(width));
    CHECK(apl::maxAbsDifference(flat(g), flat(p.weights)) < 1e-13);
  }
}

TEST_CASE("off the circle the two differ and the dot product prefers long keys") {
  const auto d = circle(0.5);
  const auto on = circle(0.0);
  CHECK(d.xTrain.rows() == on.xTrain.rows());
  CHECK(d.yTrain == on.yTrain);  // the same values and noise: only the norms moved
  for (apl::Index i = 0; i < d.xTrain.rows(); ++i) {
    CHECK(d.radiusTrain[i] >= 0.5);
    CHECK(d.radiusTrain[i] <= 1.5);
    CHECK(d.xTrain.row(i).norm() == doctest::Approx(d.radiusTrain[i]).epsilon(1e-14));
  }
  const Matrix g = gaussianWeights(d, 0.5);
  const auto p = apl::dotProductAttention(d.xTest, d.xTrain, d.yTrain, 0.25);
  CHECK(apl::maxAbsDifference(flat(g), flat(p.weights)) > 0.1);
  // The radius of the average attended key: above the mean radius for the dot product.
  const auto rp = apl::dotProductAttention(d.xTest, d.xTrain, d.radiusTrain, 0.25, false);
  CHECK(rp.predictions.mean() > d.radiusTrain.mean() + 0.1);
}

TEST_CASE("radius spread 0 gives the unit circle data bit for bit") {
  apl::DatasetOptions o;
  o.target = apl::Target::Sphere;
  o.dim = 2;
  o.seed = 3;
  const auto plain = apl::makeDataset(o);
  const auto zero = circle(0.0);
  CHECK(plain.xTrain == zero.xTrain);
  CHECK(plain.xTest == zero.xTest);
  CHECK(zero.radiusTrain == Vector::Ones(zero.xTrain.rows()));
}

TEST_CASE("bad arguments name the parameter") {
  Matrix q(1, 2), k(2, 2), k1(2, 1);
  q << 1, 0;
  k << 1, 0, 0, 1;
  k1 << 1, 2;
  Vector v(2);
  v << 1, 2;
  auto parameter = [](auto&& f) {
    try {
      f();
    } catch (const apl::Error& e) {
      return e.parameter();
    }
    return std::string("none");
  };
  CHECK(parameter([&] { apl::dotProductAttention(q, k, v, 0.0); }) == "scale");
  CHECK(parameter([&] { apl::dotProductAttention(q, k, v, NAN); }) == "scale");
  CHECK(parameter([&] { apl::dotProductAttention(q, k1, v, 1.0); }) == "queries");
  CHECK(parameter([&] { apl::dotProductAttention(q, k, Vector::Ones(3), 1.0); }) == "values");
  CHECK(parameter([&] { apl::dotProductScaleOfWidth(-1.0); }) == "width");
  CHECK(parameter([&] { apl::maxAbsDifference(Vector::Ones(2), Vector::Ones(3)); }) == "b");
  CHECK(parameter([&] { apl::maxAbsDifference(Vector(), Vector()); }) == "a");
  CHECK(parameter([&] { circle(1.0); }) == "radiusSpread");
  apl::DatasetOptions o;
  o.radiusSpread = 0.2;
  CHECK(parameter([&] { apl::makeDataset(o); }) == "radiusSpread");
}

TEST_CASE("max abs difference treats NaN in both as equal and NaN in one as undefined") {
  Vector a(3), b(3);
  a << 1, NAN, 3;
  b << 1.5, NAN, 2;
  CHECK(apl::maxAbsDifference(a, b) == 1.0);
  b[1] = 0;
  CHECK(std::isnan(apl::maxAbsDifference(a, b)));
}
