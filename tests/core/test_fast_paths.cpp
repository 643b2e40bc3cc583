// The fast paths (sorted-key windows, the Gaussian cut, the vectorised exp) against the brute
// force: every result must agree to 1e-12, and undefined queries must stay undefined.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>

#include "apl/attention.hpp"
#include "apl/bandwidth.hpp"
#include "apl/datasets.hpp"
#include "apl/detail/fast_exp.hpp"
#include "apl/error.hpp"

using apl::Algorithm;
using apl::AttentionOptions;
using apl::Index;
using apl::Kernel;
using apl::Matrix;
using apl::Vector;

namespace {

// |a − b| ≤ 1e-12·(1 + |b|), and NaN exactly where the reference is NaN.
void checkClose(const Matrix& a, const Matrix& b, const std::string& what) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  for (Index i = 0; i < a.rows(); ++i)
    for (Index j = 0; j < a.cols(); ++j) {
      INFO(what << " at (" << i << ", " << j << "): " << a(i, j) << " vs " << b(i, j));
      if (std::isnan(b(i, j))) {
        CHECK(std::isnan(a(i, j)));
      } else {
        CHECK(std::abs(a(i, j) - b(i, j)) <= 1e-12 * (1.0 + std::abs(b(i, j))));
      }
    }
}

Matrix randomPoints(std::mt19937_64& g, Index n, Index dim, bool sorted, bool duplicates) {
  std::uniform_real_distribution<double> u(0.0, 5.0);
  Matrix x(n, dim);
  for (Index i = 0; i < n; ++i)
    for (Index m = 0; m < dim; ++m) x(i, m) = u(g);
  if (duplicates)
    for (Index i = 1; i < n; i += 3) x.row(i) = x.row(i - 1);
  if (sorted) {
    std::vector<Vector> rows;
    for (Index i = 0; i < n; ++i) rows.push_back(x.row(i).transpose());
    std::sort(rows.begin(), rows.end(),
              [](const Vector& a, const Vector& b) { return a[0] < b[0]; });
    for (Index i = 0; i < n; ++i) x.row(i) = rows[std::size_t(i)].transpose();
  }
  return x;
}

}  // namespace

TEST_CASE("expNonPositive is within 2 ulp of the correctly rounded e^x on [-708, 0]") {
  std::mt19937_64 g(7);
  std::uniform_real_distribution<double> wide(-708.0, 0.0), near(-60.0, 0.0), tiny(-1e-3, 0.0);
  const apl::detail::ExpConstants loop = apl::detail::loopExpConstants();
  double worst = 0.0;
  for (int i = 0; i < 300000; ++i) {
    const double x = i % 3 == 0 ? wide(g) : i % 3 == 1 ? near(g) : tiny(g);
    // The hot loops' out-of-line constants give the same function, bit for bit.
    REQUIRE(apl::detail::expNonPositive(x, loop) == apl::detail::expNonPositive(x));
    const long double exact = std::exp(static_cast<long double>(x));
    const double rounded = static_cast<double>(exact);
    const double ulp = std::nextafter(rounded, 1.0) - rounded;
    const double err =
        double(std::abs(static_cast<long double>(apl::detail::expNonPositive(x)) - exact) / ulp);
    worst = std::max(worst, err);
  }
  CHECK(worst <= 2.0);
  CHECK(apl::detail::expNonPositive(0.0) == 1.0);
  // Clamped, never subnormal or zero.
  CHECK(apl::detail::expNonPositive(-1e300) ==
        apl::detail::expNonPositive(apl::detail::kFastExpMin));
  CHECK(std::isnormal(apl::detail::expNonPositive(-std::numeric_limits<double>::infinity())));
}

TEST_CASE("attend: the fast path equals the brute force to 1e-12") {
  std::mt19937_64 g(11);
  int cases = 0;
  for (Index dim : {1, 2, 3})
    for (bool sorted : {true, false})
      for (bool duplicates : {false, true})
        for (Kernel kernel :
             {Kernel::Gaussian, Kernel::Boxcar, Kernel::Triangular, Kernel::Epanechnikov})
          for (double h : {1e-4, 0.02, 0.3, 2.0, 50.0})
            for (bool loo : {false, true})
              for (bool weights : {true, false}) {
                const Matrix keys = randomPoints(g, 40, dim, sorted, duplicates);
                const Matrix queries = loo ? keys : randomPoints(g, 17, dim, false, false);
                Vector values(keys.rows());
                for (Index j = 0; j < values.size(); ++j) values[j] = std::sin(3.0 * j) * 10.0;
                AttentionOptions o;
                o.kernel = kernel;
                o.metric.widths = Vector::Constant(1, h);
                o.metric.p = dim == 3   ? std::numeric_limits<double>::infinity()
                             : dim == 2 ? 1.5
                                        : 2.0;
                o.leaveOneOut = loo;
                o.returnWeights = weights;
                const auto fast = apl::attend(queries, keys, values, o);
                o.algorithm = Algorithm::BruteForce;
                const auto brute = apl::attend(queries, keys, values, o);
                const std::string what = std::string(apl::kernelName(kernel)) + " dim " +
                                         std::to_string(dim) + " h " + std::to_string(h);
                checkClose(fast.predictions, brute.predictions, what + " predictions");
                CHECK(fast.undefinedQueries == brute.undefinedQueries);
                if (weights) checkClose(fast.weights, brute.weights, what + " weights");
                ++cases;
              }
  CHECK(cases == 3 * 2 * 2 * 4 * 5 * 2 * 2);
}

TEST_CASE("attend with a weight sink: the same weights in ordered blocks of rows") {
  // 3000 keys: blocks of 32768 / 3000 = 10 rows, so 25 queries arrive as 10 + 10 + 5.
  std::mt19937_64 g(5);
  for (bool sorted : {true, false})
    for (Kernel kernel : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Lenrek})
      for (auto normalization : {apl::Normalization::Keys, apl::Normalization::Queries}) {
        const Matrix keys = randomPoints(g, 3000, 1, sorted, false);
        Matrix queries = randomPoints(g, 25, 1, false, false);
        queries(3, 0) = 1e6;  // no key within a boxcar's reach: an undefined (NaN) row
        const Vector values = Vector::LinSpaced(3000, -1.0, 2.0);
        AttentionOptions o;
        o.kernel = kernel;
        o.normalization = normalization;
        o.metric.widths = Vector::Constant(1, 0.05);
        const auto whole = apl::attend(queries, keys, values, o);
        Matrix assembled = Matrix::Constant(25, 3000, -7.0);
        Index next = 0, blocks = 0;
        const auto streamed =
            apl::attend(queries, keys, values, o, [&](Index first, Index rows, const double* data) {
              CHECK(first == next);
              assembled.middleRows(first, rows) = Eigen::Map<const Matrix>(data, rows, 3000);
              next = first + rows;
              ++blocks;
            });
        CAPTURE(sorted);
        CAPTURE(apl::kernelName(kernel));
        CHECK(next == 25);
        CHECK(streamed.weights.size() == 0);
        CHECK(blocks ==
              (normalization == apl::Normalization::Keys && kernel != Kernel::Lenrek ? 3 : 1));
        CHECK(assembled.cwiseEqual(whole.weights).count() + assembled.array().isNaN().count() ==
              assembled.size());
        CHECK(assembled.array().isNaN().count() == whole.weights.array().isNaN().count());
        CHECK(streamed.predictions.cwiseEqual(whole.predictions).count() +
                  streamed.predictions.array().isNaN().count() ==
              25);
        CHECK(streamed.undefinedQueries == whole.undefinedQueries);
      }
  AttentionOptions o;
  o.returnWeights = false;
  CHECK_THROWS_AS(apl::attend(Matrix::Zero(1, 1), Matrix::Zero(1, 1), Vector::Zero(1), o,
                              [](Index, Index, const double*) {}),
                  apl::Error);
}

TEST_CASE(
    "attend: Gaussian rows scored by coordinate (p = 1, 1.5, 2, 3.7, inf) equal the brute force") {
  std::mt19937_64 g(17);
  for (Index dim : {2, 3})
    for (double p : {1.0, 1.5, 2.0, 3.7, std::numeric_limits<double>::infinity()})
      for (bool sorted : {true, false})
        for (bool loo : {false, true})
          for (double h : {0.01, 0.4, 30.0}) {
            const Matrix keys = randomPoints(g, 50, dim, sorted, true);
            const Matrix queries = loo ? keys : randomPoints(g, 20, dim, false, false);
            Vector values(keys.rows());
            for (Index j = 0; j < values.size(); ++j) values[j] = std::cos(2.0 * j) * 5.0;
            AttentionOptions o;
            o.metric.widths = Vector::LinSpaced(dim, h, 2.0 * h);  // one width per coordinate
            o.metric.p = p;
            o.leaveOneOut = loo;
            const auto fast = apl::attend(queries, keys, values, o);
            o.algorithm = Algorithm::BruteForce;
            const auto brute = apl::attend(queries, keys, values, o);
            const std::string what = "dim " + std::to_string(dim) + " p " + std::to_string(p);
            checkClose(fast.weights, brute.weights, what + " weights");
            checkClose(fast.predictions, brute.predictions, what + " predictions");
          }
}

TEST_CASE("attend: per-coordinate widths and far queries keep the fast path exact") {
  std::mt19937_64 g(3);
  const Matrix keys = randomPoints(g, 60, 2, true, false);
  Matrix queries(3, 2);
  queries << -1e6, 3.0, 2.5, 2.5, 1e6, -1e6;  // far from every key: the nearest key still wins
  Vector values = Vector::LinSpaced(60, -3.0, 7.0);
  AttentionOptions o;
  o.metric.widths = Vector(2);
  o.metric.widths << 0.01, 3.0;
  const auto fast = apl::attend(queries, keys, values, o);
  o.algorithm = Algorithm::BruteForce;
  const auto brute = apl::attend(queries, keys, values, o);
  checkClose(fast.weights, brute.weights, "weights");
  checkClose(fast.predictions, brute.predictions, "predictions");
}

TEST_CASE("attend: a far 1-D query's Gaussian weights are accurate to a few ulp") {
  // s − max s is formed as −(a − a*)(a + a*)/(2h²) without cancellation: at 1000 widths from the
  // keys the scores are about −5e5, and −½r² − max s would carry their rounding (~1e-10 here).
  // Dyadic keys with q in [512, 1024): every q − k is exact, so the reference below is the exact
  // weights of these inputs (while r² = (q − k)² needs more than 53 bits).
  const double q = 1000.000000001;
  Matrix keys(4, 1);
  keys << 0.0, 0.125, 0.25, 0.375;
  Matrix queries(1, 1);
  queries << q;
  const Vector values = Vector::LinSpaced(4, 1.0, 4.0);
  AttentionOptions o;
  o.metric.widths = Vector::Constant(1, 1.0);
  const auto fast = apl::attend(queries, keys, values, o);
  long double k[4], sum = 0.0L;
  const long double nearest = static_cast<long double>(q) - 0.375L;
  for (int j = 0; j < 4; ++j) {
    const long double a = static_cast<long double>(q) - static_cast<long double>(keys(j, 0));
    k[j] = std::exp(-(a - nearest) * (a + nearest) / 2.0L);
    sum += k[j];
  }
  for (int j = 0; j < 4; ++j) {
    const double exact = static_cast<double>(k[j] / sum);
    INFO("key " << j << ": " << fast.weights(0, j) << " vs " << exact);
    CHECK(std::abs(fast.weights(0, j) - exact) <= 1e-14 * exact);
  }
}

TEST_CASE("looCurve and selectWidth: fast equals brute force on d2l's data") {
  apl::DatasetOptions d;
  d.nTrain = 300;
  const auto data = apl::makeDataset(d);
  Vector widths(12);
  for (Index k = 0; k < widths.size(); ++k) widths[k] = 0.01 * std::pow(1000.0, k / 11.0);
  for (Kernel kernel : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Epanechnikov}) {
    const auto fast = apl::looCurve(data.xTrain, data.yTrain, kernel, 2.0, widths);
    const auto brute =
        apl::looCurve(data.xTrain, data.yTrain, kernel, 2.0, widths, Algorithm::BruteForce);
    for (std::size_t k = 0; k < fast.size(); ++k) {
      INFO(apl::kernelName(kernel) << " width " << widths[Index(k)]);
      CHECK(fast[k].undefined == brute[k].undefined);
      if (std::isnan(brute[k].mse))
        CHECK(std::isnan(fast[k].mse));
      else
        CHECK(std::abs(fast[k].mse - brute[k].mse) <= 1e-12 * brute[k].mse);
    }
  }
  const auto fast = apl::selectWidth(data.xTrain, data.yTrain, Kernel::Gaussian, 2.0);
  const auto brute =
      apl::selectWidth(data.xTrain, data.yTrain, Kernel::Gaussian, 2.0, Algorithm::BruteForce);
  CHECK(std::abs(fast.mse - brute.mse) <= 1e-12 * brute.mse);
  CHECK(fast.width == doctest::Approx(brute.width).epsilon(1e-6));
}

TEST_CASE("attentionImage bins the brute-force weights without the full matrix") {
  std::mt19937_64 g(5);
  const Matrix keys = randomPoints(g, 53, 1, true, true);
  const Matrix queries = randomPoints(g, 29, 1, false, false);
  const Vector values = Vector::LinSpaced(53, 0.0, 4.0);
  for (Kernel kernel : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Constant, Kernel::Lenrek})
    for (double h : {0.01, 0.4})
      for (Index rows : {1, 7, 29, 100})
        for (Index cols : {1, 10, 53}) {
          AttentionOptions o;
          o.kernel = kernel;
          o.metric.widths = Vector::Constant(1, h);
          const auto img = apl::attentionImage(queries, keys, values, o, rows, cols);
          o.algorithm = Algorithm::BruteForce;
          const auto a = apl::attend(queries, keys, values, o);
          const Index R = std::min<Index>(rows, 29), C = std::min<Index>(cols, 53);
          Matrix expected = Matrix::Zero(R, C);
          Vector count = Vector::Zero(R);
          for (Index i = 0; i < 29; ++i) {
            if (std::isnan(a.predictions[i])) continue;
            const Index r = i * R / 29;
            count[r] += 1;
            for (Index j = 0; j < 53; ++j) expected(r, j * C / 53) += a.weights(i, j);
          }
          for (Index r = 0; r < R; ++r)
            if (count[r] > 0)
              expected.row(r) /= count[r];
            else
              expected.row(r).setConstant(std::numeric_limits<double>::quiet_NaN());
          checkClose(img.image, expected, std::string("image ") + apl::kernelName(kernel));
          checkClose(img.predictions, a.predictions, "predictions");
          CHECK(img.undefinedQueries == a.undefinedQueries);
        }
}

TEST_CASE("attentionImage and algorithm reject bad options by name") {
  const Matrix keys = Matrix::Constant(3, 1, 1.0);
  const Vector values = Vector::Ones(3);
  AttentionOptions o;
  CHECK_THROWS_WITH_AS(apl::attentionImage(keys, keys, values, o, 0, 5), doctest::Contains("rows"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::attentionImage(keys, keys, values, o, 5, 5000),
                       doctest::Contains("cols"), apl::Error);
  o.normalization = apl::Normalization::Queries;
  CHECK_THROWS_WITH_AS(apl::attentionImage(keys, keys, values, o, 5, 5),
                       doctest::Contains("normalize"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parseAlgorithm("fastest"), doctest::Contains("algorithm"), apl::Error);
  try {
    apl::attentionImage(keys, keys, values, AttentionOptions{}, 3, -1);
  } catch (const apl::Error& e) {
    CHECK(e.parameter() == "cols");
  }
}
