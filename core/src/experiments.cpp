#include "apl/experiments.hpp"

#include <cmath>
#include <string>

#include "apl/attention.hpp"
#include "apl/bandwidth.hpp"
#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {
namespace {

void validate(const ConsistencyOptions& options) {
  if (options.nValues.empty() || options.nValues.size() > std::size_t(kMaxNValues))
    throw Error("nValues", "has " + std::to_string(options.nValues.size()) +
                               " entries; accepted: 1 to 100 training sizes");
  for (const Index n : options.nValues)
    detail::checkCount(n, options.rule == WidthRule::Loo ? 2 : 1, kMaxPoints, "nValues");
  detail::checkCount(options.seeds, 1, kMaxSeeds, "seeds");
  // width and c are checked whatever the rule, so a mistake is reported even where it is unused.
  detail::checkRange(options.width, kMinWidth, kMaxWidth, "width",
                     "a finite number in [1e-9, 1e9]");
  detail::checkPositive(options.c, "c");
}

double widthFor(const ConsistencyOptions& options, const Dataset& data) {
  const double n = double(data.xTrain.rows()), d = double(data.xTrain.cols());
  switch (options.rule) {
    case WidthRule::Fixed:
      return options.width;
    // Mack & Silverman: h → 0 with n·h^d → ∞; n^(−1/(4+d)) balances bias² ~ h⁴ against
    // variance ~ 1/(n·h^d). Outside [kMinWidth, kMaxWidth] attend() reports "width".
    case WidthRule::Shrinking:
      return options.c * std::pow(n, -1.0 / (4.0 + d));
    case WidthRule::Loo:
      return selectWidth(data.xTrain, data.yTrain, options.kernel, 2.0).width;
  }
  return options.width;
}

}  // namespace

WidthRule parseWidthRule(const std::string& name) {
  if (name == "fixed") return WidthRule::Fixed;
  if (name == "shrinking") return WidthRule::Shrinking;
  if (name == "loo") return WidthRule::Loo;
  throw Error("rule", "unknown width rule '" + name + "'; accepted: fixed, shrinking, loo");
}

std::vector<ConsistencyPoint> consistencyCurve(const ConsistencyOptions& options) {
  validate(options);
  // The test points and the truth come from the first seed's data set and are shared by all
  // seeds: bias and variance are over data sets at fixed x (sphere d = 3 draws its test points
  // at random, so each seed's own grid would not line up).
  DatasetOptions first = options.data;
  first.nTrain = options.nValues.front();
  const Dataset reference = makeDataset(first);
  const Matrix& xTest = reference.xTest;
  // two-class: yTest is P(y = +1 | x) while the labels are ±1, so E[y | x] = 2P − 1 is what
  // Nadaraya–Watson on the labels estimates.
  const Vector truthAtTest = options.data.target == Target::TwoClass
                                 ? Vector((2.0 * reference.yTest.array() - 1.0).matrix())
                                 : reference.yTest;
  const Index nTest = xTest.rows();

  std::vector<ConsistencyPoint> curve;
  for (const Index n : options.nValues) {
    Matrix predictions(options.seeds, nTest);
    double widthSum = 0.0;
    for (int s = 0; s < options.seeds; ++s) {
      DatasetOptions d = options.data;
      d.nTrain = n;
      d.seed = options.data.seed + std::uint64_t(s);
      const Dataset data = makeDataset(d);
      AttentionOptions attention;
      attention.kernel = options.kernel;
      attention.metric = Metric{Vector::Constant(1, widthFor(options, data)), 2.0};
      attention.returnWeights = false;
      widthSum += attention.metric.widths[0];
      predictions.row(s) = attend(xTest, data.xTrain, data.yTrain, attention).predictions;
    }
    // Per test point: bias² = (mean − truth)², variance = population variance over seeds. An
    // undefined prediction (NaN) makes that point's terms, and so the averages, NaN.
    double bias2 = 0.0, variance = 0.0;
    for (Index t = 0; t < nTest; ++t) {
      const double mean = predictions.col(t).mean();
      bias2 += (mean - truthAtTest[t]) * (mean - truthAtTest[t]);
      variance += (predictions.col(t).array() - mean).square().mean();
    }
    bias2 /= double(nTest);
    variance /= double(nTest);
    curve.push_back({n, bias2 + variance, bias2, variance, widthSum / options.seeds});
  }
  return curve;
}

}  // namespace apl
