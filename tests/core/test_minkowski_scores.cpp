// The general-p Minkowski scores from tables of shared query coordinates
// (detail::MinkowskiScores, detail::OnePlusPower) against long double references, and attend on
// query grids at p ∈ {1, 1.5, 2, 3, 7.5, ∞} against the straightforward pow formula.
//
// Tolerances, and why. The scores s = −½r² are within a few ulp of themselves (powers ≤ 1.5 ulp,
// the root's polynomial ≤ 2.5, a few roundings): checked at 8 ulp. A Gaussian weight is
// exp(s − max s)/Σ, so an error ε|s| in each score moves a weight by about ε(|s| + |max s|) of
// itself; with w·|s − max s| ≤ 1/e that is at most ε(1 + 2|max s|) absolute. With ε ≈ 8 ulp
// ≈ 2e−15 (the per-pair brute force has the same order, its own roundings) the weights are
// checked at 1e−14·(1 + r_min²) absolute, r_min the query's nearest scaled distance, and the
// predictions (a weighted mean, Σ w_j|s_j − max s| ≤ 57 + 1 by the Gaussian cut) at
// 1e−14·(60 + r_min²)·max|v|. These bounds are tight enough to fail on any real mistake (a
// wrong power or root is off by whole percents) and loose only by the data's own conditioning.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "apl/attention.hpp"
#include "apl/detail/minkowski_scores.hpp"
#include "apl/detail/one_plus_power.hpp"

using apl::Algorithm;
using apl::AttentionOptions;
using apl::Index;
using apl::Matrix;
using apl::Metric;
using apl::Vector;
using apl::detail::MinkowskiScores;
using apl::detail::OnePlusPower;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kUlp = 0x1p-53;  // half the gap above 1: errors below are in units of |x|·2^−52

// r(q, k)² by the straightforward formula in long double: (Σ|u_i|^p)^(2/p), max|u_i|² for p = ∞.
long double referenceSquare(const double* q, const double* k, Index dim, const Metric& metric) {
  long double sum = 0.0L, largest = 0.0L;
  for (Index m = 0; m < dim; ++m) {
    const long double h = metric.widths[metric.widths.size() > 1 ? m : 0];
    const long double u =
        std::abs(static_cast<long double>(q[m]) - static_cast<long double>(k[m])) / h;
    largest = std::max(largest, u);
    sum += std::pow(u, static_cast<long double>(metric.p));
  }
  if (std::isinf(metric.p)) return largest * largest;
  return std::pow(sum, 2.0L / static_cast<long double>(metric.p));
}

// A side^dim grid over [lo, lo + 5]^dim, one query per row.
Matrix grid(Index side, Index dim, double lo) {
  Index n = 1;
  for (Index m = 0; m < dim; ++m) n *= side;
  Matrix q(n, dim);
  for (Index i = 0; i < n; ++i) {
    Index rest = i;
    for (Index m = 0; m < dim; ++m) {
      q(i, m) = lo + 5.0 * double(rest % side) / double(side - 1);
      rest /= side;
    }
  }
  return q;
}

enum class Layout { Uniform, Clustered, Offset };

// Keys: uniform on [lo, lo + 5]^dim; clustered (five clusters of spread 1e−3); or uniform at an
// offset of 1e6. A few keys sit exactly on grid points (distance 0 and shared coordinates).
Matrix keysFor(std::mt19937_64& g, Index n, Index dim, Layout layout, const Matrix& queries) {
  std::uniform_real_distribution<double> u(0.0, 5.0), spread(-1e-3, 1e-3);
  const double lo = layout == Layout::Offset ? 1e6 : 0.0;
  Matrix centres(5, dim);
  for (Index c = 0; c < 5; ++c)
    for (Index m = 0; m < dim; ++m) centres(c, m) = u(g);
  Matrix k(n, dim);
  for (Index j = 0; j < n; ++j)
    for (Index m = 0; m < dim; ++m)
      k(j, m) = layout == Layout::Clustered ? centres(j % 5, m) + spread(g) : lo + u(g);
  for (Index j = 0; j < n; j += 7) k.row(j) = queries.row((j * 37) % queries.rows());
  k(1, 0) = queries(3, 0);  // one coordinate shared, the others not
  return k;
}

const char* layoutName(Layout l) {
  return l == Layout::Uniform ? "uniform" : l == Layout::Clustered ? "clustered" : "offset";
}

}  // namespace

TEST_CASE("OnePlusPower: (1 + t)^e within 2.5 ulp on [0, T]") {
  std::mt19937_64 g(21);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto c = apl::detail::loopOnePlusPowerConstants();
  double worst = 0.0;
  std::string where;
  for (double tMax : {1.0, 2.0, 7.0}) {
    // The exponents 2/p of the exercise's p values, and random ones in (0, 2].
    std::vector<double> exponents{2.0 / 1.25, 2.0 / 1.5, 2.0 / 3.0, 2.0 / 7.5, 2.0 / 31.0, 2.0};
    for (int i = 0; i < 20; ++i) exponents.push_back(2.0 * (1.0 - unit(g)));
    for (double e : exponents) {
      const OnePlusPower f(e, tMax);
      for (int i = 0; i < 20000; ++i) {
        // Uniform t, t near interval edges (multiples of 1/256) and the ends 0 and tMax.
        double t = i % 3 == 0 ? unit(g) * tMax
                   : i % 3 == 1
                       ? std::nextafter(std::floor(unit(g) * tMax * 256.0) / 256.0, i % 2 ? 0 : 9)
                       : (i % 2 ? 0.0 : tMax);
        t = std::min(std::max(t, 0.0), tMax);
        const long double exact =
            std::pow(1.0L + static_cast<long double>(t), static_cast<long double>(e));
        const double err = double(std::abs(static_cast<long double>(f(t, c)) - exact) /
                                  (exact * static_cast<long double>(2 * kUlp)));
        if (err > worst) {
          worst = err;
          where = "e = " + std::to_string(e) + ", t = " + std::to_string(t);
        }
      }
    }
  }
  MESSAGE("worst error " << worst << " ulp at " << where);
  CHECK(worst <= 2.5);
  // In bounds and finite for rounding slightly outside [0, T].
  const OnePlusPower f(0.5, 1.0);
  CHECK(std::abs(f(-1e-17, c) - 1.0) < 4 * kUlp);
  CHECK(std::abs(f(1.0 + 1e-15, c) - std::sqrt(2.0)) < 8 * kUlp);
  CHECK(std::isnan(f(std::numeric_limits<double>::quiet_NaN(), c)));
}

TEST_CASE("MinkowskiScores: −½r² within 8 ulp of long double on grids, any layout and dim") {
  std::mt19937_64 g(22);
  int checked = 0, zeros = 0, wrongZeros = 0;
  double worst = 0.0;
  for (Index dim : {2, 3, 4})
    for (Layout layout : {Layout::Uniform, Layout::Clustered, Layout::Offset})
      for (double p : {1.25, 1.5, 3.0, 7.5, 31.0}) {
        const double lo = layout == Layout::Offset ? 1e6 : 0.0;
        const Index side = dim == 2 ? 20 : dim == 3 ? 8 : 5;
        Matrix queries = grid(side, dim, lo);
        const Matrix keys = keysFor(g, 60, dim, layout, queries);
        Metric metric;
        metric.widths = Vector::LinSpaced(dim, 0.3, 0.7);
        metric.p = p;
        const Matrix byCoordinate = keys.transpose();
        MinkowskiScores scores(byCoordinate, queries, metric);
        CAPTURE(dim);
        CAPTURE(layoutName(layout));
        CAPTURE(p);
        REQUIRE(scores.active());
        // Grid queries (from the tables), and off-grid ones: one coordinate moved (that axis per
        // pair), all moved (every axis per pair).
        Matrix probes(queries.rows() + 2, dim);
        probes.topRows(queries.rows()) = queries;
        probes.row(queries.rows()) = queries.row(5);
        probes(queries.rows(), 0) += 0.123;
        probes.row(queries.rows() + 1) = queries.row(7).array() + 0.0071;
        std::vector<double> row(std::size_t(keys.rows()));
        double caseWorst = 0.0;
        for (Index i = 0; i < probes.rows(); ++i) {
          scores.score(probes.row(i).data(), 0, keys.rows(), row.data());
          for (Index j = 0; j < keys.rows(); ++j) {
            const long double exact =
                -0.5L * referenceSquare(probes.row(i).data(), keys.row(j).data(), dim, metric);
            const double got = row[std::size_t(j)];
            if (exact == 0.0L) {
              zeros += got == 0.0;
              wrongZeros += got != 0.0;
            } else {
              const double err = double(std::abs(static_cast<long double>(got) - exact) /
                                        (2 * kUlp * std::abs(exact)));
              caseWorst = std::max(caseWorst, err);
            }
            ++checked;
          }
        }
        CHECK(caseWorst <= 8.0);
        worst = std::max(worst, caseWorst);
      }
  MESSAGE("worst error " << worst << " ulp; " << zeros << " keys at distance 0");
  CHECK(checked > 100000);
  CHECK(zeros > 0);
  CHECK(wrongZeros == 0);
}

TEST_CASE("MinkowskiScores: stays off where the tables cannot pay or be exact") {
  std::mt19937_64 g(23);
  const Matrix queries = grid(20, 2, 0.0);
  const Matrix keys = keysFor(g, 60, 2, Layout::Uniform, queries).transpose();
  Metric metric;
  metric.widths = Vector::Constant(1, 0.5);
  metric.p = 1.5;
  CHECK(MinkowskiScores(keys, queries, metric).active());
  // No shared values: every query's coordinates distinct.
  Matrix scattered = queries;
  for (Index i = 0; i < scattered.rows(); ++i) scattered.row(i).array() += 1e-6 * double(i);
  CHECK_FALSE(MinkowskiScores(keys, scattered, metric).active());
  // Too small a call to repay the tables: 20 queries × 60 keys.
  CHECK_FALSE(MinkowskiScores(keys, queries.topRows(20), metric).active());
  // p above kMaxP: powers below e^−708 would be clamped by more than is harmless.
  metric.p = 40.0;
  CHECK_FALSE(MinkowskiScores(keys, queries, metric).active());
  // p·ln(largest scaled coordinate) over 700: a power could overflow. Coordinates to 5000 and
  // h = 1e−9: 30·ln(5e12) ≈ 876.
  metric.p = 30.0;
  metric.widths = Vector::Constant(1, 1e-9);
  const Matrix far = 1000.0 * queries, farKeys = 1000.0 * keys;
  CHECK_FALSE(MinkowskiScores(farKeys, far, metric).active());
  metric.widths = Vector::Constant(1, 0.5);
  CHECK(MinkowskiScores(farKeys, far, metric).active());
  // More coordinates than kMaxDim.
  const Matrix wide = grid(2, 10, 0.0);  // 1024 queries, 2 values per axis
  Matrix wideKeys(10, 40);
  wideKeys.setRandom();
  CHECK_FALSE(MinkowskiScores(wideKeys, wide, metric).active());
}

TEST_CASE("attend on query grids at p ∈ {1, 1.5, 2, 3, 7.5, inf}: the straightforward pow") {
  // Both the fast path (tables where p is general) and the brute force (per pair), against
  // the straightforward formula in long double (tolerances: see the top of the file).
  std::mt19937_64 g(24);
  int cases = 0;
  double worstFast = 0.0, worstBrute = 0.0;
  for (Index dim : {2, 3})
    for (Layout layout : {Layout::Uniform, Layout::Clustered, Layout::Offset})
      for (double p : {1.0, 1.5, 2.0, 3.0, 7.5, kInf})
        for (bool loo : {false, true}) {
          const double lo = layout == Layout::Offset ? 1e6 : 0.0;
          const Matrix gridQueries = grid(dim == 2 ? 20 : 8, dim, lo);
          // Leave-one-out needs the queries to be the keys: keys on the grid then.
          const Matrix keys = loo ? gridQueries : keysFor(g, 60, dim, layout, gridQueries);
          const Matrix& queries = loo ? keys : gridQueries;
          Vector values(keys.rows());
          for (Index j = 0; j < values.size(); ++j) values[j] = std::sin(1.7 * double(j)) * 3.0;
          AttentionOptions o;
          o.metric.widths = Vector::LinSpaced(dim, 0.2, 0.45);
          o.metric.p = p;
          o.leaveOneOut = loo;
          o.returnWeights = true;
          const auto fast = apl::attend(queries, keys, values, o);
          o.algorithm = Algorithm::BruteForce;
          const auto brute = apl::attend(queries, keys, values, o);
          const double vmax = values.cwiseAbs().maxCoeff();
          double fastWorst = 0.0, bruteWorst = 0.0;
          for (Index i = 0; i < queries.rows(); ++i) {
            std::vector<long double> s(std::size_t(keys.rows()));
            long double best = -std::numeric_limits<long double>::infinity();
            for (Index j = 0; j < keys.rows(); ++j) {
              s[std::size_t(j)] = loo && j == i
                                      ? -std::numeric_limits<long double>::infinity()
                                      : -0.5L * referenceSquare(queries.row(i).data(),
                                                                keys.row(j).data(), dim, o.metric);
              best = std::max(best, s[std::size_t(j)]);
            }
            long double sum = 0.0L, weighted = 0.0L;
            for (Index j = 0; j < keys.rows(); ++j) {
              s[std::size_t(j)] = std::exp(s[std::size_t(j)] - best);
              sum += s[std::size_t(j)];
              weighted += s[std::size_t(j)] * values[j];
            }
            const double rMinSquare = double(-2.0L * best);
            const double weightTol = 1e-14 * (1.0 + rMinSquare);
            const double predictionTol = 1e-14 * (60.0 + rMinSquare) * vmax;
            const double prediction = double(weighted / sum);
            // Errors as fractions of their tolerance: the case passes while all are ≤ 1.
            fastWorst =
                std::max(fastWorst, std::abs(fast.predictions[i] - prediction) / predictionTol);
            bruteWorst =
                std::max(bruteWorst, std::abs(brute.predictions[i] - prediction) / predictionTol);
            for (Index j = 0; j < keys.rows(); ++j) {
              const double w = double(s[std::size_t(j)] / sum);
              fastWorst = std::max(fastWorst, std::abs(fast.weights(i, j) - w) / weightTol);
              bruteWorst = std::max(bruteWorst, std::abs(brute.weights(i, j) - w) / weightTol);
            }
          }
          INFO("dim " << dim << " " << layoutName(layout) << " p " << p << " loo " << loo);
          CHECK(fastWorst <= 1.0);
          CHECK(bruteWorst <= 1.0);
          worstFast = std::max(worstFast, fastWorst);
          worstBrute = std::max(worstBrute, bruteWorst);
          ++cases;
        }
  MESSAGE("largest error / tolerance: fast path " << worstFast << ", brute force " << worstBrute);
  CHECK(cases == 2 * 3 * 6 * 2);
}
