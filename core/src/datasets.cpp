#include "apl/datasets.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "apl/detail/portable_math.hpp"
#include "apl/detail/validate.hpp"
#include "apl/error.hpp"
#include "apl/random.hpp"

namespace apl {
namespace {

constexpr double kDomain = 5.0;  // box targets live on [0, 5)^d, as d2l's x ~ 5·U[0, 1)
constexpr double kTwoPi = 6.283185307179586476925286766559;

struct Defaults {
  Index nTrain, nTest, dim;
  double noise;
  Index minDim, maxDim;
};

Defaults defaultsOf(Target target) {
  switch (target) {
    case Target::Classic:
      return {50, 50, 1, 0.5, 1, 1};
    case Target::V1:
      return {40, 50, 1, 1.0, 1, 1};
    case Target::Surface:
      return {200, 400, 2, 0.5, 1, 3};
    case Target::Sphere:
      return {40, 100, 2, 0.2, 2, 3};
    case Target::TwoClass:
      return {100, 100, 1, 0.6, 1, 2};
  }
  return {};
}

// Class-conditional Gaussians of the two-class target: class −1 around 1.6, class +1 around 3.3
// (in every coordinate), the second 1.4 times wider so the Bayes boundary is curved.
constexpr double kMeanMinus = 1.6, kMeanPlus = 3.3, kSpreadPlus = 1.4;

double logGaussianDensity(const double* x, Index dim, double mean, double sd) {
  double q = 0.0;
  for (Index m = 0; m < dim; ++m) q += (x[m] - mean) * (x[m] - mean);
  return -0.5 * q / (sd * sd) - double(dim) * detail::log(sd);  // common (2π)^(−d/2) dropped
}

double posteriorPlus(const double* x, Index dim, double sd) {
  const double a = logGaussianDensity(x, dim, kMeanPlus, kSpreadPlus * sd);
  const double b = logGaussianDensity(x, dim, kMeanMinus, sd);
  return 1.0 / (1.0 + detail::exp(std::max(-700.0, std::min(700.0, b - a))));
}

// An order of points on the circle without atan2 (whose last bit differs between libms): a
// pseudo-angle that is strictly increasing in the angle of (x₁, x₂).
double pseudoAngle(const double* x) {
  const double t = x[1] / (std::abs(x[0]) + std::abs(x[1]));
  return x[0] >= 0 ? t : 2.0 - t;
}

// Largest s with s^dim ≤ n, by integer arithmetic.
Index gridSide(Index n, Index dim) {
  Index s = 1;
  auto fits = [&](Index side) {
    double total = 1.0;
    for (Index m = 0; m < dim; ++m) total *= double(side);
    return total <= double(n);
  };
  while (fits(s + 1)) ++s;
  return s;
}

Matrix regularGrid(Index side, Index dim) {
  Index total = 1;
  for (Index m = 0; m < dim; ++m) total *= side;
  Matrix grid(total, dim);
  for (Index i = 0; i < total; ++i) {
    Index rest = i;
    for (Index m = dim - 1; m >= 0; --m) {
      grid(i, m) = double(rest % side) * kDomain / double(side);
      rest /= side;
    }
  }
  return grid;
}

void sortRows(Matrix& x, Vector* y, const std::vector<double>& key) {
  std::vector<Index> order(x.rows());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return key[a] < key[b]; });
  Matrix xs(x.rows(), x.cols());
  Vector ys(y ? y->size() : 0);
  for (Index i = 0; i < x.rows(); ++i) {
    xs.row(i) = x.row(order[i]);
    if (y) ys[i] = (*y)[order[i]];
  }
  x = std::move(xs);
  if (y) *y = std::move(ys);
}

void pointOnSphere(Rng& rng, double* out, Index dim) {
  double norm2 = 0.0;
  do {
    norm2 = 0.0;
    for (Index m = 0; m < dim; ++m) {
      out[m] = rng.normal();
      norm2 += out[m] * out[m];
    }
  } while (norm2 < 1e-12);
  const double norm = std::sqrt(norm2);
  for (Index m = 0; m < dim; ++m) out[m] /= norm;
}

// Radii for radiusSpread, from their own stream (a fixed odd constant mixed into the seed), after
// everything else is drawn: the data's own stream, and so the directions, values and noise, are
// those of the unit sphere. s = 0 multiplies by exactly 1.
void moveOffSphere(Dataset& data, std::uint64_t seed, double spread) {
  Rng rng(seed ^ 0x9E3779B97F4A7C15ull);
  auto move = [&](Matrix& x, Vector& radius) {
    radius.resize(x.rows());
    for (Index i = 0; i < x.rows(); ++i) {
      radius[i] = 1.0 + spread * (2.0 * rng.uniform() - 1.0);
      x.row(i) *= radius[i];
    }
  };
  move(data.xTrain, data.radiusTrain);
  move(data.xTest, data.radiusTest);
}

}  // namespace

Target parseTarget(const std::string& name) {
  if (name == "classic") return Target::Classic;
  if (name == "v1") return Target::V1;
  if (name == "surface") return Target::Surface;
  if (name == "sphere") return Target::Sphere;
  if (name == "two-class") return Target::TwoClass;
  throw Error("target",
              "unknown target '" + name + "'; accepted: classic, v1, surface, sphere, two-class");
}

const char* targetName(Target target) {
  switch (target) {
    case Target::Classic:
      return "classic";
    case Target::V1:
      return "v1";
    case Target::Surface:
      return "surface";
    case Target::Sphere:
      return "sphere";
    case Target::TwoClass:
      return "two-class";
  }
  return "?";
}

double truth(Target target, const double* x, Index dim) {
  switch (target) {
    case Target::Classic:
      return 2.0 * detail::sin(x[0]) + (x[0] > 0.0 ? detail::pow(x[0], 0.8) : 0.0);
    case Target::V1:
      return 2.0 * detail::sin(x[0]) + x[0];
    case Target::Surface: {
      double y = 2.0 * detail::sin(x[0]);
      for (Index m = 1; m < dim; ++m) y += detail::cos(1.5 * x[m]);
      return y;
    }
    case Target::Sphere:
      return 2.0 * x[0] * x[1] + x[0];
    case Target::TwoClass:
      return 0.0;  // not a regression target; see posteriorPlus
  }
  return 0.0;
}

Dataset makeDataset(const DatasetOptions& options) {
  const Target target = options.target;
  const Defaults def = defaultsOf(target);
  const Index dim = options.dim < 0 ? def.dim : options.dim;
  const Index nTrain = options.nTrain < 0 ? def.nTrain : options.nTrain;
  const Index nTestAsked = options.nTest < 0 ? def.nTest : options.nTest;
  const double noise = options.noise < 0 ? def.noise : options.noise;
  const std::string tname = targetName(target);
  if (dim < def.minDim || dim > def.maxDim)
    throw Error("dim", "got " + std::to_string(dim) + " for target '" + tname + "'; accepted: " +
                           std::to_string(def.minDim) + " to " + std::to_string(def.maxDim));
  if (nTrain < 1 || nTrain > kMaxPoints)
    throw Error("nTrain",
                "got " + std::to_string(nTrain) + "; accepted: 1 to " + std::to_string(kMaxPoints));
  if (nTestAsked < 1 || nTestAsked > kMaxPoints)
    throw Error("nTest", "got " + std::to_string(nTestAsked) + "; accepted: 1 to " +
                             std::to_string(kMaxPoints));
  if (!(noise >= 0.0 && noise <= 100.0))
    throw Error("noise", "got " + detail::formatNumber(noise) + "; accepted: 0 to 100");
  if (!(options.radiusSpread >= 0.0 && options.radiusSpread < 1.0))
    throw Error("radiusSpread",
                "got " + detail::formatNumber(options.radiusSpread) + "; accepted: 0 ≤ s < 1");
  if (target != Target::Sphere && options.radiusSpread != 0.0)
    throw Error("radiusSpread", "applies to target 'sphere' only; accepted: 0 for '" + tname + "'");
  if (target == Target::TwoClass && noise == 0.0)
    throw Error("noise", "is the class spread of 'two-class' and must be > 0; accepted: (0, 100]");

  Rng rng(options.seed);
  Dataset data;
  data.xTrain.resize(nTrain, dim);
  data.yTrain.resize(nTrain);
  std::vector<double> key(nTrain);

  if (target == Target::TwoClass) {
    for (Index i = 0; i < nTrain; ++i) {
      const bool plus = rng.uniform() < 0.5;
      const double mean = plus ? kMeanPlus : kMeanMinus;
      const double sd = plus ? kSpreadPlus * noise : noise;
      for (Index m = 0; m < dim; ++m) data.xTrain(i, m) = mean + sd * rng.normal();
      data.yTrain[i] = plus ? 1.0 : -1.0;
      key[i] = data.xTrain(i, 0);
    }
    sortRows(data.xTrain, &data.yTrain, key);
  } else {
    for (Index i = 0; i < nTrain; ++i) {
      if (target == Target::Sphere) {
        pointOnSphere(rng, data.xTrain.row(i).data(), dim);
        key[i] = pseudoAngle(data.xTrain.row(i).data());
      } else {
        for (Index m = 0; m < dim; ++m) data.xTrain(i, m) = kDomain * rng.uniform();
        key[i] = data.xTrain(i, 0);
      }
    }
    sortRows(data.xTrain, nullptr, key);
    for (Index i = 0; i < nTrain; ++i)
      data.yTrain[i] = truth(target, data.xTrain.row(i).data(), dim) + noise * rng.normal();
  }

  if (target == Target::Sphere) {
    data.xTest.resize(nTestAsked, dim);
    if (dim == 2) {  // evenly spaced angles 2πi/n
      for (Index i = 0; i < nTestAsked; ++i) {
        const double theta = kTwoPi * double(i) / double(nTestAsked);
        data.xTest(i, 0) = detail::cos(theta);
        data.xTest(i, 1) = detail::sin(theta);
      }
    } else {
      std::vector<double> testKey(nTestAsked);
      for (Index i = 0; i < nTestAsked; ++i) {
        pointOnSphere(rng, data.xTest.row(i).data(), dim);
        testKey[i] = pseudoAngle(data.xTest.row(i).data());
      }
      sortRows(data.xTest, nullptr, testKey);
    }
  } else {
    data.xTest = regularGrid(gridSide(nTestAsked, dim), dim);
  }
  data.yTest.resize(data.xTest.rows());
  for (Index i = 0; i < data.xTest.rows(); ++i)
    data.yTest[i] = target == Target::TwoClass ? posteriorPlus(data.xTest.row(i).data(), dim, noise)
                                               : truth(target, data.xTest.row(i).data(), dim);
  if (target == Target::Sphere) moveOffSphere(data, options.seed, options.radiusSpread);
  return data;
}

}  // namespace apl
