// parametricWeights: the attention matrix of the parametric model, for the forum's exercise on
// putting w after the square (negative w attends to far keys).
#include <doctest/doctest.h>

#include <cmath>

#include "apl/error.hpp"
#include "apl/parametric.hpp"

using apl::Index;
using apl::Matrix;
using apl::Placement;
using apl::Vector;

namespace {

Matrix column(std::initializer_list<double> v) {
  Matrix m(Index(v.size()), 1);
  Index i = 0;
  for (double x : v) m(i++, 0) = x;
  return m;
}

}  // namespace

TEST_CASE("parametricWeights: rows sum to 1 and match the closed form") {
  const Matrix keys = column({0.0, 0.5, 1.5, 3.0});
  const Matrix queries = column({0.2, 2.0});
  apl::ParametricModel model;
  model.leaveOneOut = false;
  for (Placement placement : {Placement::BeforeSquare, Placement::AfterSquare}) {
    model.placement = placement;
    for (double w : {-2.0, -0.3, 0.0, 0.7, 3.0}) {
      if (placement == Placement::BeforeSquare && w < 0) continue;
      const Matrix a = apl::parametricWeights(queries, keys, Vector::Constant(1, w), model);
      REQUIRE(a.rows() == 2);
      REQUIRE(a.cols() == 4);
      for (Index i = 0; i < 2; ++i) {
        // exp(score) / Σ exp(score), computed directly (small scores: no overflow here).
        double s[4], sum = 0.0;
        for (Index j = 0; j < 4; ++j) {
          const double d = queries(i, 0) - keys(j, 0);
          const double score =
              placement == Placement::AfterSquare ? -w * d * d : -0.5 * (d * w) * (d * w);
          s[j] = std::exp(score);
          sum += s[j];
        }
        CHECK(a.row(i).sum() == doctest::Approx(1.0).epsilon(1e-14));
        for (Index j = 0; j < 4; ++j) CHECK(a(i, j) == doctest::Approx(s[j] / sum).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("parametricWeights: after the square w_after = w_before^2/2 gives the same weights") {
  const Matrix keys = column({0.1, 0.4, 1.0, 2.2, 2.5});
  apl::ParametricModel before, after;
  after.placement = Placement::AfterSquare;
  const double wb = 1.7;
  const Matrix a = apl::parametricWeights(keys, keys, Vector::Constant(1, wb), before);
  const Matrix b = apl::parametricWeights(keys, keys, Vector::Constant(1, wb * wb / 2), after);
  CHECK((a - b).cwiseAbs().maxCoeff() < 1e-14);
  for (Index i = 0; i < keys.rows(); ++i) CHECK(a(i, i) == 0.0);  // leave-one-out
}

TEST_CASE(
    "parametricWeights: negative w after the square puts the largest weight on the farthest key") {
  const Matrix keys = column({0.0, 1.0, 2.0, 3.0, 4.0});
  apl::ParametricModel model;
  model.placement = Placement::AfterSquare;
  model.leaveOneOut = false;
  const Matrix a =
      apl::parametricWeights(column({0.5, 3.9}), keys, Vector::Constant(1, -1.0), model);
  Index best;
  a.row(0).maxCoeff(&best);
  CHECK(best == 4);
  a.row(1).maxCoeff(&best);
  CHECK(best == 0);
  // Far scores of +w·d² = 1e3·16 would overflow exp without the max shift: still finite rows.
  const Matrix big =
      apl::parametricWeights(column({0.0}), keys, Vector::Constant(1, -1000.0), model);
  CHECK(big(0, 4) == doctest::Approx(1.0));
  CHECK(big.row(0).sum() == doctest::Approx(1.0));
}

TEST_CASE("parametricWeights: undefined rows are NaN, bad input names the option") {
  const Matrix keys = column({0.0, 1.0});
  apl::ParametricModel model;
  model.kernel = apl::Kernel::Triangular;
  model.leaveOneOut = false;
  const Matrix a = apl::parametricWeights(column({10.0}), keys, Vector::Constant(1, 1.0), model);
  CHECK(std::isnan(a(0, 0)));
  CHECK(std::isnan(a(0, 1)));
  auto parameterOf = [&](auto&& f) {
    try {
      f();
    } catch (const apl::Error& e) {
      return std::string(e.parameter());
    }
    return std::string("none");
  };
  model.kernel = apl::Kernel::Gaussian;
  CHECK(parameterOf([&] {
          apl::parametricWeights(column({0.0}), keys, Vector::Constant(1, NAN), model);
        }) == "w");
  model.leaveOneOut = true;
  CHECK(parameterOf([&] {
          apl::parametricWeights(column({0.0}), keys, Vector::Constant(1, 1.0), model);
        }) == "leaveOneOut");
}
