// Nadaraya–Watson classification and Parzen-window densities.
#include <doctest/doctest.h>

#include <climits>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "apl/classification.hpp"
#include "apl/error.hpp"
#include "mini_json.hpp"

using apl::Index;
using apl::Kernel;
using apl::Matrix;
using apl::Vector;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

apl::AttentionOptions optionsFor(Kernel kernel, double p, Vector widths, bool loo = false) {
  apl::AttentionOptions o;
  o.kernel = kernel;
  o.metric = apl::Metric{std::move(widths), p};
  o.leaveOneOut = loo;
  return o;
}

// Two interleaved classes in 2-D, labels −1 / +1, no symmetric ties.
void twoClasses(Matrix& x, std::vector<int>& labels) {
  const int n = 16;
  x.resize(n, 2);
  labels.resize(n);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = std::fmod(0.83 * i + 0.1 * i * i, 3.0);
    x(i, 1) = std::fmod(1.37 * i + 0.05 * i * i, 2.5);
    labels[i] = (x(i, 0) + 0.4 * std::sin(3 * x(i, 1)) > 1.4) ? 1 : -1;
  }
}

int sign(double v) { return (v > 0) - (v < 0); }

}  // namespace

TEST_CASE("classification: matches NumPy / statsmodels (crosscheck_classification.json)") {
  const auto fx = testjson::load("crosscheck_classification.json");
  const double rtol = fx["tolerance"]["rtol"].num(), atol = fx["tolerance"]["atol"].num();
  double worst = 0.0;
  int undefinedRows = 0;
  for (const auto& c : fx["cases"].items) {
    const auto& d = fx["data"][c["data"].str()];
    const Matrix x = d["x"].mat();
    std::vector<int> labels;
    for (const auto& v : d["labels"].items) labels.push_back(int(v.num()));
    const bool loo = c["leaveOneOut"].boolean;
    const Matrix queries = loo ? x : Matrix(d["queries"].mat());
    const double p = c["p"].type == testjson::Value::String ? kInf : c["p"].num();
    const auto out =
        apl::classify(x, labels, queries,
                      optionsFor(apl::parseKernel(c["kernel"].str()), p, c["widths"].vec(), loo));
    INFO(c["data"].str() << " " << c["kernel"].str() << " p " << p << " loo " << loo);
    REQUIRE(out.classes.size() == c["classes"].size());
    for (std::size_t k = 0; k < out.classes.size(); ++k)
      CHECK(out.classes[k] == int(c["classes"][k].num()));
    const Matrix post = c["posteriors"].mat(), parzen = c["parzen"].mat();
    REQUIRE(out.posteriors.rows() == post.rows());
    REQUIRE(out.parzen.rows() == parzen.rows());
    std::vector<int> undefined;
    for (Index i = 0; i < post.rows(); ++i) {
      if (std::isnan(post(i, 0))) undefined.push_back(int(i));
      for (Index k = 0; k < post.cols(); ++k) {
        CHECK(testjson::close(out.posteriors(i, k), post(i, k), rtol, atol));
        CHECK(testjson::close(out.parzen(i, k), parzen(i, k), rtol, atol));
        if (!std::isnan(post(i, k)))
          worst = std::max({worst, std::abs(out.posteriors(i, k) - post(i, k)),
                            std::abs(out.parzen(i, k) - parzen(i, k)) / (1e-300 + parzen(i, k))});
      }
    }
    CHECK(out.undefinedQueries == undefined);
    undefinedRows += int(undefined.size());
    if (out.classes.size() == 2) {
      REQUIRE(out.decision.size() == parzen.rows());
      for (Index i = 0; i < parzen.rows(); ++i)
        CHECK(out.decision[i] == out.parzen(i, 1) - out.parzen(i, 0));
    } else {
      CHECK(out.decision.size() == 0);
    }
  }
  CHECK(undefinedRows > 0);
  MESSAGE("max abs posterior / relative Parzen deviation from NumPy: " << worst);
}

TEST_CASE("classification: posteriors sum to 1, labels are the argmax, Parzen sign = NW sign") {
  Matrix x;
  std::vector<int> labels;
  twoClasses(x, labels);
  Matrix grid(21 * 21, 2);
  for (int a = 0; a < 21; ++a)
    for (int b = 0; b < 21; ++b) grid.row(a * 21 + b) << -0.2 + 0.17 * a, -0.2 + 0.145 * b;
  int compared = 0;
  for (Kernel kernel : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Triangular, Kernel::Epanechnikov})
    for (double p : {1.0, 2.0, kInf})
      for (bool loo : {false, true}) {
        const Matrix& queries = loo ? x : grid;
        Vector widths(2);
        widths << 0.7, 0.5;
        const auto out = apl::classify(x, labels, queries, optionsFor(kernel, p, widths, loo));
        REQUIRE(out.decision.size() == queries.rows());
        for (Index i = 0; i < queries.rows(); ++i) {
          INFO("kernel " << std::string(apl::kernelName(kernel)) << " p " << p << " loo " << loo
                         << " query " << i);
          if (std::isnan(out.posteriors(i, 0))) {
            // Undefined for NW ⇔ no mass for Parzen (both densities are exactly 0).
            CHECK(out.parzen(i, 0) == 0.0);
            CHECK(out.parzen(i, 1) == 0.0);
            CHECK(out.labels[i] == INT_MIN);
            continue;
          }
          CHECK(out.posteriors.row(i).sum() == doctest::Approx(1.0).epsilon(1e-14));
          CHECK(out.labels[i] == (out.posteriors(i, 1) > out.posteriors(i, 0) ? 1 : -1));
          // Exercise 1: p̂(x, +1) − p̂(x, −1) = (Σ_j K_j)·(P(+1|x) − P(−1|x))/(n·c·Πh).
          CHECK(sign(out.decision[i]) == sign(out.posteriors(i, 1) - out.posteriors(i, 0)));
          ++compared;
        }
      }
  CHECK(compared > 3000);
}

TEST_CASE("classification: Parzen joint densities integrate to 1 (1-D and 2-D, p = 1, 2, inf)") {
  Matrix x1(5, 1);
  x1 << 0.0, 0.4, 1.1, 1.5, 3.0;
  const std::vector<int> l1 = {0, 1, 0, 1, 1};
  Matrix x2(4, 2);
  x2 << 0.0, 0.0, 0.5, 0.2, -0.3, 0.8, 1.0, 1.0;
  const std::vector<int> l2 = {2, 5, 2, 9};
  for (Kernel kernel :
       {Kernel::Gaussian, Kernel::Boxcar, Kernel::Triangular, Kernel::Epanechnikov}) {
    const double reach = kernel == Kernel::Gaussian ? 9.0 : 1.0;
    // 1-D, midpoint rule on [−2, 5] with 7000 cells.
    {
      const double h = 0.6, lo = -reach * h - 0.1, hi = 3.0 + reach * h + 0.1;
      const int cells = 7000;
      Matrix q(cells, 1);
      for (int k = 0; k < cells; ++k) q(k, 0) = lo + (hi - lo) * (k + 0.5) / cells;
      const auto out = apl::classify(x1, l1, q, optionsFor(kernel, 2.0, Vector::Constant(1, h)));
      const double total = out.parzen.sum() * (hi - lo) / cells;
      INFO("1-D " << std::string(apl::kernelName(kernel)));
      CHECK(total == doctest::Approx(1.0).epsilon(kernel == Kernel::Boxcar ? 2e-3 : 1e-5));
    }
    // 2-D, per-coordinate widths, midpoint rule on a 260 × 260 grid.
    for (double p : {1.0, 2.0, kInf}) {
      Vector h(2);
      h << 0.5, 0.3;
      const double loA = -0.3 - reach * h[0], hiA = 1.0 + reach * h[0];
      const double loB = 0.0 - reach * h[1], hiB = 1.0 + reach * h[1];
      const int cells = 260;
      Matrix q(cells * cells, 2);
      for (int a = 0; a < cells; ++a)
        for (int b = 0; b < cells; ++b)
          q.row(a * cells + b) << loA + (hiA - loA) * (a + 0.5) / cells,
              loB + (hiB - loB) * (b + 0.5) / cells;
      const auto out = apl::classify(x2, l2, q, optionsFor(kernel, p, h));
      const double total = out.parzen.sum() * (hiA - loA) * (hiB - loB) / (double(cells) * cells);
      INFO("2-D " << std::string(apl::kernelName(kernel)) << " p " << p);
      CHECK(total == doctest::Approx(1.0).epsilon(kernel == Kernel::Boxcar ? 1.5e-2 : 2e-3));
      CHECK(out.decision.size() == 0);  // three classes
    }
  }
}

TEST_CASE("classification: undefined queries, non-integrable kernels") {
  Matrix x(4, 1);
  x << 0.0, 0.3, 1.0, 1.2;
  const std::vector<int> labels = {4, 4, 8, 8};
  Matrix q(3, 1);
  q << 0.1, 5.0, 1.1;  // 5.0 is beyond a boxcar of width 0.5
  const auto out =
      apl::classify(x, labels, q, optionsFor(Kernel::Boxcar, 2.0, Vector::Constant(1, 0.5)));
  CHECK(out.undefinedQueries == std::vector<int>{1});
  CHECK(std::isnan(out.posteriors(1, 0)));
  CHECK(std::isnan(out.posteriors(1, 1)));
  CHECK(out.labels == std::vector<int>{4, INT_MIN, 8});
  CHECK(out.parzen(1, 0) == 0.0);  // zero density is a value, not undefined
  CHECK(out.decision[0] < 0.0);
  CHECK(out.decision[2] > 0.0);
  // A tie goes to the lowest label.
  Matrix mid(1, 1);
  mid << 0.65;
  const auto tie = apl::classify(x.middleRows(1, 2), {4, 8}, mid,
                                 optionsFor(Kernel::Gaussian, 2.0, Vector::Ones(1)));
  CHECK(tie.labels[0] == 4);
  for (Kernel kernel : {Kernel::Constant, Kernel::Lenrek}) {
    const auto o = apl::classify(x, labels, q, optionsFor(kernel, 2.0, Vector::Ones(1)));
    CHECK(o.parzen.size() == 0);
    CHECK(o.decision.size() == 0);
    CHECK(o.posteriors.rows() == 3);
  }
  const auto constant =
      apl::classify(x, labels, q, optionsFor(Kernel::Constant, 2.0, Vector::Ones(1)));
  CHECK(constant.posteriors(1, 0) == doctest::Approx(0.5));
}

TEST_CASE("classification: invalid arguments name the parameter") {
  using doctest::Contains;
  Matrix x(4, 2);
  x << 0, 0, 1, 0, 0, 1, 1, 1;
  const std::vector<int> labels = {0, 1, 0, 1};
  const auto o = optionsFor(Kernel::Gaussian, 2.0, Vector::Ones(1));
  CHECK_THROWS_WITH_AS(apl::classify(x, {0, 1}, x, o), Contains("labels:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::classify(x, {0, 1, INT_MIN, 1}, x, o), Contains("labels:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::classify(x, labels, x.leftCols(1), o), Contains("queries:"),
                       apl::Error);
  Matrix bad = x;
  bad(0, 0) = NAN;
  CHECK_THROWS_WITH_AS(apl::classify(bad, labels, x, o), Contains("x:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::classify(x, labels, bad, o), Contains("queries:"), apl::Error);
  auto q = o;
  q.normalization = apl::Normalization::Queries;
  CHECK_THROWS_WITH_AS(apl::classify(x, labels, x, q), Contains("normalize:"), apl::Error);
  auto l = o;
  l.leaveOneOut = true;
  CHECK_THROWS_WITH_AS(apl::classify(x, labels, x.topRows(2), l), Contains("leaveOneOut:"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(
      apl::classify(x, labels, x, optionsFor(Kernel::Gaussian, 2.0, Vector::Zero(1))),
      Contains("width:"), apl::Error);
  CHECK_THROWS_WITH_AS(
      apl::classify(x, labels, x, optionsFor(Kernel::Gaussian, 0.5, Vector::Ones(1))),
      Contains("p:"), apl::Error);
  Matrix many(300, 1);
  std::vector<int> manyLabels(300);
  for (int i = 0; i < 300; ++i) many(i, 0) = i, manyLabels[i] = i;
  CHECK_THROWS_WITH_AS(apl::classify(many, manyLabels, many.topRows(1), o), Contains("labels:"),
                       apl::Error);
}
