// Consistency experiment: bias², variance and mse of NW against the noise-free truth.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "apl/attention.hpp"
#include "apl/bandwidth.hpp"
#include "apl/error.hpp"
#include "apl/experiments.hpp"

using apl::Index;
using apl::Matrix;
using apl::Vector;

namespace {

// The split recomputed from the per-seed predictions, two-pass, straight from the definitions.
struct Split {
  double mse, bias2, variance, meanWidth;
};

Split independentSplit(const apl::ConsistencyOptions& o, Index n) {
  apl::DatasetOptions firstOptions = o.data;
  firstOptions.nTrain = o.nValues.front();
  const apl::Dataset first = apl::makeDataset(firstOptions);
  Vector truth = first.yTest;
  if (o.data.target == apl::Target::TwoClass) truth = (2.0 * truth.array() - 1.0).matrix();
  std::vector<Vector> f;
  double widths = 0.0;
  for (int s = 0; s < o.seeds; ++s) {
    apl::DatasetOptions d = o.data;
    d.nTrain = n;
    d.seed = o.data.seed + s;
    const apl::Dataset data = apl::makeDataset(d);
    const double dim = double(data.xTrain.cols());
    const double h = o.rule == apl::WidthRule::Fixed ? o.width
                     : o.rule == apl::WidthRule::Shrinking
                         ? o.c * std::pow(double(n), -1.0 / (4.0 + dim))
                         : apl::selectWidth(data.xTrain, data.yTrain, o.kernel, 2.0).width;
    widths += h;
    apl::AttentionOptions a;
    a.kernel = o.kernel;
    a.metric.widths = Vector::Constant(1, h);
    f.push_back(apl::attend(first.xTest, data.xTrain, data.yTrain, a).predictions);
  }
  Split out{0, 0, 0, widths / o.seeds};
  const Index t = truth.size();
  for (Index k = 0; k < t; ++k) {
    double mean = 0.0, err = 0.0, var = 0.0;
    for (const Vector& v : f)
      mean += v[k] / o.seeds, err += (v[k] - truth[k]) * (v[k] - truth[k]) / o.seeds;
    for (const Vector& v : f) var += (v[k] - mean) * (v[k] - mean) / o.seeds;
    out.mse += err / t;
    out.bias2 += (mean - truth[k]) * (mean - truth[k]) / t;
    out.variance += var / t;
  }
  return out;
}

void checkAgainstIndependent(const apl::ConsistencyOptions& o) {
  const auto curve = apl::consistencyCurve(o);
  REQUIRE(curve.size() == o.nValues.size());
  for (std::size_t k = 0; k < curve.size(); ++k) {
    const Split s = independentSplit(o, o.nValues[k]);
    INFO("target " << apl::targetName(o.data.target) << " n " << o.nValues[k]);
    CHECK(curve[k].n == o.nValues[k]);
    CHECK(curve[k].mse == curve[k].bias2 + curve[k].variance);     // exactly, by construction
    CHECK(curve[k].mse == doctest::Approx(s.mse).epsilon(1e-12));  // = direct mean squared error
    CHECK(curve[k].bias2 == doctest::Approx(s.bias2).epsilon(1e-12));
    CHECK(curve[k].variance == doctest::Approx(s.variance).epsilon(1e-12));
    CHECK(curve[k].meanWidth == doctest::Approx(s.meanWidth).epsilon(1e-15));
  }
}

}  // namespace

TEST_CASE("experiments: parseWidthRule") {
  CHECK(apl::parseWidthRule("fixed") == apl::WidthRule::Fixed);
  CHECK(apl::parseWidthRule("shrinking") == apl::WidthRule::Shrinking);
  CHECK(apl::parseWidthRule("loo") == apl::WidthRule::Loo);
  CHECK_THROWS_WITH_AS(apl::parseWidthRule("silverman"), doctest::Contains("rule:"), apl::Error);
}

TEST_CASE("experiments: consistencyCurve agrees with the definitions of bias² and variance") {
  apl::ConsistencyOptions o;
  o.nValues = {20, 80};
  o.seeds = 4;
  o.data.seed = 3;
  checkAgainstIndependent(o);  // classic, fixed width
  o.rule = apl::WidthRule::Shrinking;
  o.c = 1.5;
  o.data.target = apl::Target::Surface;
  o.data.dim = 2;
  o.data.nTest = 25;
  checkAgainstIndependent(o);
  o.data.target = apl::Target::Sphere;
  o.data.dim = 3;  // random test points: the first seed's are shared by all seeds
  checkAgainstIndependent(o);
  o.data = apl::DatasetOptions{};
  o.data.target = apl::Target::TwoClass;  // truth 2P − 1 = E[y | x] for labels ±1
  o.rule = apl::WidthRule::Loo;
  o.nValues = {30};
  o.seeds = 3;
  checkAgainstIndependent(o);
}

TEST_CASE("experiments: the error shrinks with n when the width shrinks (Mack & Silverman)") {
  apl::ConsistencyOptions o;
  o.nValues = {20, 100, 500};
  o.seeds = 8;
  o.rule = apl::WidthRule::Shrinking;
  o.c = 1.0;
  const auto curve = apl::consistencyCurve(o);
  CHECK(curve[1].mse < curve[0].mse);
  CHECK(curve[2].mse < curve[1].mse);
  CHECK(curve[2].variance < curve[0].variance);
  CHECK(curve[2].meanWidth == doctest::Approx(std::pow(500.0, -0.2)));
}

TEST_CASE("experiments: undefined predictions make the averages NaN") {
  apl::ConsistencyOptions o;
  o.nValues = {10};
  o.seeds = 2;
  o.kernel = apl::Kernel::Boxcar;
  o.width = 1e-3;  // most test points have no training point within 0.001
  const auto curve = apl::consistencyCurve(o);
  CHECK(std::isnan(curve[0].mse));
  CHECK(std::isnan(curve[0].bias2));
  CHECK(std::isnan(curve[0].variance));
  CHECK(curve[0].meanWidth == 1e-3);
}

TEST_CASE("experiments: invalid arguments name the parameter") {
  using doctest::Contains;
  apl::ConsistencyOptions o;
  o.nValues = {};
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("nValues:"), apl::Error);
  o.nValues = {0};
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("nValues:"), apl::Error);
  o.nValues = {10};
  o.seeds = 0;
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("seeds:"), apl::Error);
  o.seeds = 2;
  o.width = -1.0;
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("width:"), apl::Error);
  o.width = 0.5;
  o.rule = apl::WidthRule::Shrinking;
  o.c = 0.0;
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("c:"), apl::Error);
  o.rule = apl::WidthRule::Fixed;  // c is checked whatever the rule
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("c:"), apl::Error);
  o.c = 1.0;
  o.rule = apl::WidthRule::Loo;
  o.nValues = {1};
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("nValues:"), apl::Error);
  o.nValues = {10};
  o.data.dim = 7;
  CHECK_THROWS_WITH_AS(apl::consistencyCurve(o), Contains("dim:"), apl::Error);
}
