#include "apl/bandwidth.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "apl/attention.hpp"
#include "apl/detail/loo_1d.hpp"
#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Grid points of the global stage: 16 per decade over the typical 3–4 decades between the
// nearest-neighbour spacing and the range, fine enough that a basin narrower than one grid step
// is an artefact rather than a width worth selecting.
constexpr int kGridPoints = 64;
constexpr int kLocalIterations = 100;

void validateData(const Matrix& x, const Vector& y) {
  detail::checkPoints(x, "x");
  detail::checkValues(y, x.rows(), "y");
  if (x.rows() < 2)
    throw Error("x", "has 1 point; leave-one-out needs at least 2; accepted: n >= 2");
}

void validateP(double p, Index dim) { validateMetric(Metric{Vector::Ones(1), p}, dim); }

// `width` holds one width, or one per coordinate.
LooPoint looAt(const Matrix& x, const Vector& y, Kernel kernel, double p, const Vector& width,
               Algorithm algorithm = Algorithm::Auto) {
  AttentionOptions options;
  options.algorithm = algorithm;
  options.kernel = kernel;
  options.metric = Metric{width, p};
  options.leaveOneOut = true;
  options.returnWeights = false;
  const Attention a = attend(x, x, y, options);
  LooPoint point{kNaN, static_cast<Index>(a.undefinedQueries.size())};
  if (point.undefined == 0) point.mse = (a.predictions - y).squaredNorm() / double(x.rows());
  return point;
}

LooPoint looAt(const Matrix& x, const Vector& y, Kernel kernel, double p, double width,
               Algorithm algorithm = Algorithm::Auto) {
  return looAt(x, y, kernel, p, Vector::Constant(1, width), algorithm);
}

// One sort serves every width: 1-D data, a kernel with a fast method, and no brute-force request.
bool fastLooApplies(const Matrix& x, Kernel kernel, Algorithm algorithm) {
  return x.cols() == 1 && algorithm == Algorithm::Auto && detail::Loo1d::supports(kernel);
}

// NaN (some point without a neighbour) ranks after every defined value.
double rank(double mse) { return std::isnan(mse) ? kInf : mse; }

struct Spacing {
  double minPositive;    // smallest non-zero pairwise distance (+∞ if all points coincide)
  double maxNearest;     // largest nearest-neighbour distance: compact kernels need h above it
  double diameterBound;  // ‖range per coordinate‖_p ≥ every pairwise distance
};

// One-dimensional data: the same three numbers from the sorted values in O(n log n). Rounding is
// monotone, so the smallest non-zero |x_i − x_j| is a gap between sorted neighbours.
Spacing spacingOf1d(const Matrix& x) {
  const Index n = x.rows();
  std::vector<double> v(x.data(), x.data() + n);
  std::sort(v.begin(), v.end());
  double minPositive = kInf, maxNearest = 0.0;
  for (Index s = 0; s < n; ++s) {
    double nearest = kInf;
    if (s > 0) nearest = std::min(nearest, v[s] - v[s - 1]);
    if (s + 1 < n) nearest = std::min(nearest, v[s + 1] - v[s]);
    maxNearest = std::max(maxNearest, nearest);
    if (s > 0 && v[s] > v[s - 1]) minPositive = std::min(minPositive, v[s] - v[s - 1]);
  }
  return {minPositive, maxNearest, v.back() - v.front()};
}

// O(n²·d) pass over all pairs in the unit-width metric.
Spacing spacingOf(const Matrix& x, double p) {
  const Index n = x.rows(), dim = x.cols();
  if (dim == 1) return spacingOf1d(x);
  const Metric unit{Vector::Ones(1), p};
  Vector nearest = Vector::Constant(n, kInf);
  double minPositive = kInf;
  for (Index i = 0; i < n; ++i)
    for (Index j = i + 1; j < n; ++j) {
      const double r = scaledDistance(x.row(i).data(), x.row(j).data(), dim, unit);
      nearest[i] = std::min(nearest[i], r);
      nearest[j] = std::min(nearest[j], r);
      if (r > 0.0) minPositive = std::min(minPositive, r);
    }
  const Vector range = (x.colwise().maxCoeff() - x.colwise().minCoeff()).transpose();
  const Vector zero = Vector::Zero(dim);
  return {minPositive, nearest.maxCoeff(), scaledDistance(range.data(), zero.data(), dim, unit)};
}

// The boxcar's LOO fit changes only where h passes a pairwise distance (j is a neighbour of i iff
// r_ij < h), so its LOO curve is a step function, which a grid can step over. Sweeping the pairs in
// order of distance visits every step once, in O(n² log n): the exact global minimum over
// [lo, hi]. Each step's MSE is tracked incrementally; the winner's is recomputed by attend() so
// the reported value is what looCurve gives. Memory is n²/2 pairs, hence the size limit.
constexpr Index kMaxSweepPoints = 2000;

struct Pair {
  double distance;
  int i, j;
};

WidthSelection boxcarSweep(const Matrix& x, const Vector& y, double p, double lo, double hi) {
  const Index n = x.rows(), dim = x.cols();
  const Metric unit{Vector::Ones(1), p};
  std::vector<Pair> pairs;
  pairs.reserve(std::size_t(n * (n - 1) / 2));
  for (Index i = 0; i < n; ++i)
    for (Index j = i + 1; j < n; ++j)
      pairs.push_back(
          {scaledDistance(x.row(i).data(), x.row(j).data(), dim, unit), int(i), int(j)});
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair& a, const Pair& b) { return a.distance < b.distance; });

  std::vector<double> count(n, 0.0), sum(n, 0.0);
  Index withoutNeighbour = n;
  double total = 0.0;  // Σ over points with a neighbour of (fit − y)²
  auto add = [&](int i, int j) {
    if (count[i] > 0) {
      const double e = sum[i] / count[i] - y[i];
      total -= e * e;
    } else {
      --withoutNeighbour;
    }
    count[i] += 1.0;
    sum[i] += y[j];
    const double e = sum[i] / count[i] - y[i];
    total += e * e;
  };

  double bestMse = kInf, bestWidth = kNaN;
  bool bestAtBoundary = false;
  for (std::size_t k = 0; k < pairs.size();) {
    const double d = pairs[k].distance;
    for (; k < pairs.size() && pairs[k].distance == d; ++k) {
      add(pairs[k].i, pairs[k].j);
      add(pairs[k].j, pairs[k].i);
    }
    // This state holds for h in (d, next]; next = ∞ after the last pair.
    const double next = k < pairs.size() ? pairs[k].distance : kInf;
    const double a = std::max(d, lo), b = std::min(next, hi);
    if (withoutNeighbour > 0 || !(a < b)) continue;
    const double mse = total / double(n);
    if (mse < bestMse) {
      bestMse = mse;
      bestWidth = std::sqrt(a * b);  // strictly inside the step, away from rounding at its ends
      bestAtBoundary = a == lo || b == hi;
    }
  }
  if (std::isnan(bestWidth))
    throw Error("x", "no width in [" + detail::formatNumber(lo) + ", " + detail::formatNumber(hi) +
                         "] gives every point a neighbour with the boxcar kernel; accepted: data "
                         "where each point has a neighbour within reach");
  const double mse = looAt(x, y, Kernel::Boxcar, p, bestWidth).mse;
  return {bestWidth, mse, lo, hi, bestAtBoundary};
}

}  // namespace

std::vector<LooPoint> looCurve(const Matrix& x, const Vector& y, Kernel kernel, double p,
                               const Vector& widths, Algorithm algorithm) {
  return looCurvePerCoordinate(x, y, kernel, p,
                               Matrix(Eigen::Map<const Matrix>(widths.data(), widths.size(), 1)),
                               algorithm);
}

std::vector<LooPoint> looCurvePerCoordinate(const Matrix& x, const Vector& y, Kernel kernel,
                                            double p, const Matrix& widths, Algorithm algorithm) {
  validateData(x, y);
  validateP(p, x.cols());
  if (widths.rows() == 0) throw Error("widths", "is empty; accepted: at least one width");
  if (widths.cols() != 1 && widths.cols() != x.cols())
    throw Error("widths", "has rows of " + std::to_string(widths.cols()) + " widths for " +
                              std::to_string(x.cols()) +
                              "-dimensional points; accepted: one width, or one per coordinate");
  for (Index k = 0; k < widths.size(); ++k)
    detail::checkRange(widths.data()[k], kMinWidth, kMaxWidth, "widths",
                       "finite numbers in [1e-9, 1e9]");
  std::vector<LooPoint> curve;
  curve.reserve(std::size_t(widths.rows()));
  if (fastLooApplies(x, kernel, algorithm)) {
    detail::Loo1d loo(x.data(), y.data(), x.rows());
    for (Index k = 0; k < widths.rows(); ++k) curve.push_back(loo.at(kernel, widths(k, 0)));
    return curve;
  }
  for (Index k = 0; k < widths.rows(); ++k)
    curve.push_back(looAt(x, y, kernel, p, widths.row(k).transpose(), algorithm));
  return curve;
}

WidthSelection selectWidth(const Matrix& x, const Vector& y, Kernel kernel, double p,
                           Algorithm algorithm) {
  validateData(x, y);
  validateP(p, x.cols());
  const Spacing s = spacingOf(x, p);
  if (std::isinf(s.minPositive))
    throw Error("x",
                "all points coincide, so the leave-one-out error does not depend on the "
                "width; accepted: at least two distinct points");
  // Below ¼ of the closest spacing every Gaussian fit is the nearest neighbour, and above 4× the
  // range it is the global mean: the curve is flat outside [lo, hi].
  double lo = 0.25 * s.minPositive;
  const double hi = std::min(kMaxWidth, 4.0 * s.diameterBound);
  // A compact kernel leaves point i without a neighbour unless h exceeds its nearest-neighbour
  // distance; starting just above the largest one makes every grid width qualify, and qualifying
  // is monotone in h, so the refinement stays inside the qualifying range too.
  if (hasCompactSupport(kernel)) lo = std::max(lo, s.maxNearest * (1.0 + 1e-9));
  lo = std::max(lo, kMinWidth);
  if (!(lo < hi))
    throw Error("x",
                "no width in [1e-9, 1e9] gives every point a neighbour (the nearest-neighbour "
                "distance is " +
                    detail::formatNumber(s.maxNearest) +
                    "); accepted: data whose spacing fits the width range");

  if (kernel == Kernel::Boxcar && x.rows() <= kMaxSweepPoints) return boxcarSweep(x, y, p, lo, hi);

  std::unique_ptr<detail::Loo1d> loo;
  if (fastLooApplies(x, kernel, algorithm))
    loo = std::make_unique<detail::Loo1d>(x.data(), y.data(), x.rows());
  const auto looMse = [&](double h) {
    return rank(loo ? loo->at(kernel, h).mse : looAt(x, y, kernel, p, h, algorithm).mse);
  };

  // Global stage: log grid, every point evaluated, best kept.
  const double logLo = std::log(lo), logHi = std::log(hi);
  std::vector<double> grid(kGridPoints), mse(kGridPoints);
  int best = 0;
  for (int k = 0; k < kGridPoints; ++k) {
    grid[k] = k == 0                 ? lo
              : k == kGridPoints - 1 ? hi
                                     : std::exp(logLo + (logHi - logLo) * k / (kGridPoints - 1));
    mse[k] = looMse(grid[k]);
    if (mse[k] < mse[best]) best = k;  // strict: the smallest width wins ties
  }
  if (std::isinf(mse[best]))
    throw Error("x", "no width in [" + detail::formatNumber(lo) + ", " + detail::formatNumber(hi) +
                         "] gives every point a neighbour with the " + kernelName(kernel) +
                         " kernel; accepted: data where each point has a neighbour within reach");

  // Local stage: Brent's minimisation in log h (parabolic steps through the three best points,
  // golden-section steps whenever a parabola is not trusted) over the neighbours of the best grid
  // point, started from it. The bracket holds a minimum of the sampled curve and the search never
  // leaves it, so the result is at least as good as the grid and stays in [lo, hi]. It stops when
  // the bracket is 1e-10 wide in log h, as golden section alone did, in about a third of the
  // evaluations on a smooth minimum (issue 16: each evaluation is a pass over the data).
  double a = std::log(grid[std::max(best - 1, 0)]);
  double b = std::log(grid[std::min(best + 1, kGridPoints - 1)]);
  constexpr double kGolden = 0.3819660112501051;  // (3 − √5)/2
  constexpr double kTol = 2.5e-11;                // stop when b − a ≤ 4·kTol = 1e-10
  double t = std::log(grid[best]), w = t, v = t;
  double fx = mse[best], fw = fx, fv = fx;
  double step = 0.0, previous = 0.0;  // the last step and the one before it
  for (int it = 0; it < kLocalIterations; ++it) {
    const double mid = 0.5 * (a + b);
    if (std::abs(t - mid) <= 2.0 * kTol - 0.5 * (b - a)) break;
    bool parabolic = false;
    if (std::abs(previous) > kTol && std::isfinite(fx) && std::isfinite(fw) && std::isfinite(fv)) {
      const double r = (t - w) * (fx - fv);
      double q = (t - v) * (fx - fw);
      double pp = (t - v) * q - (t - w) * r;
      q = 2.0 * (q - r);
      if (q > 0.0) pp = -pp;
      q = std::abs(q);
      // Accept the parabola's minimum only inside the bracket and for a step shorter than half
      // the one before last (else it may crawl).
      if (std::abs(pp) < std::abs(0.5 * q * previous) && pp > q * (a - t) && pp < q * (b - t)) {
        previous = step;
        step = pp / q;
        const double u = t + step;
        if (u - a < 2.0 * kTol || b - u < 2.0 * kTol) step = mid > t ? kTol : -kTol;
        parabolic = true;
      }
    }
    if (!parabolic) {
      previous = t >= mid ? a - t : b - t;
      step = kGolden * previous;
    }
    const double u = std::abs(step) >= kTol ? t + step : t + (step > 0.0 ? kTol : -kTol);
    const double fu = looMse(std::exp(u));
    if (fu <= fx) {
      (u >= t ? a : b) = t;
      v = w, fv = fw, w = t, fw = fx, t = u, fx = fu;
    } else {
      (u < t ? a : b) = u;
      if (fu <= fw || w == t) {
        v = w, fv = fw, w = u, fw = fu;
      } else if (fu <= fv || v == t || v == w) {
        v = u, fv = fu;
      }
    }
  }
  WidthSelection out{grid[best], mse[best], lo, hi, false};
  if (fx < out.mse) {
    out.width = std::min(hi, std::max(lo, std::exp(t)));
    out.mse = fx;
  }
  // The search on a curve still falling at an end converges onto that end (to ~1e-10 in log h), so
  // "within 1e-6 in log h of lo or hi" means the interval, not the data, stopped it.
  const double at = std::log(out.width);
  out.atBoundary = at - logLo < 1e-6 || logHi - at < 1e-6;
  return out;
}

double ruleOfThumbWidth(const Matrix& x) {
  detail::checkPoints(x, "x");
  const Index n = x.rows(), dim = x.cols();
  if (n < 2) throw Error("x", "has 1 point; a spread needs at least 2; accepted: n >= 2");
  double sd = 0.0;
  for (Index m = 0; m < dim; ++m) {
    const double mean = x.col(m).mean();
    sd += std::sqrt((x.col(m).array() - mean).square().sum() / double(n - 1));
  }
  sd /= double(dim);
  if (!(sd > 0.0))
    throw Error("x", "has zero spread in every coordinate; accepted: at least two distinct points");
  const double h = 1.06 * sd * std::pow(double(n), -1.0 / (4.0 + double(dim)));
  // Clamped so that the result is always a width attend() accepts.
  return std::min(kMaxWidth, std::max(kMinWidth, h));
}

}  // namespace apl
