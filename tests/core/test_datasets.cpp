#include <doctest/doctest.h>

#include <cmath>

#include "apl/datasets.hpp"
#include "apl/error.hpp"
#include "apl/random.hpp"

using apl::DatasetOptions;
using apl::Target;

TEST_CASE("the generator is deterministic and the normal sampler has the right moments") {
  apl::Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    CHECK(x == b.next());
    differs = differs || x != c.next();
  }
  CHECK(differs);

  apl::Rng rng(7);
  const int n = 200000;
  double sum = 0, sum2 = 0, sum4 = 0, u = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum2 += z * z;
    sum4 += z * z * z * z;
    u += rng.uniform();
  }
  CHECK(std::abs(sum / n) < 0.01);          // sd of the mean ≈ 0.0022
  CHECK(std::abs(sum2 / n - 1.0) < 0.015);  // sd ≈ 0.0032
  CHECK(std::abs(sum4 / n - 3.0) < 0.1);    // kurtosis of a normal
  CHECK(std::abs(u / n - 0.5) < 0.005);
}

TEST_CASE("same options give bit-identical data, another seed gives other data") {
  DatasetOptions o;
  o.seed = 1234;
  const auto a = apl::makeDataset(o), b = apl::makeDataset(o);
  CHECK(a.xTrain == b.xTrain);
  CHECK(a.yTrain == b.yTrain);
  o.seed = 1235;
  const auto c = apl::makeDataset(o);
  CHECK(a.xTrain != c.xTrain);
}

TEST_CASE("classic data follows d2l: 50 sorted x in 0 to 5, test grid 0, 0.1, ..., 4.9") {
  const auto d = apl::makeDataset(DatasetOptions{});
  REQUIRE(d.xTrain.rows() == 50);
  REQUIRE(d.xTest.rows() == 50);
  for (int i = 0; i < 50; ++i) {
    CHECK(d.xTrain(i, 0) >= 0.0);
    CHECK(d.xTrain(i, 0) < 5.0);
    if (i > 0) CHECK(d.xTrain(i - 1, 0) <= d.xTrain(i, 0));
    CHECK(d.xTest(i, 0) == doctest::Approx(0.1 * i).epsilon(1e-15));
    const double x = d.xTest(i, 0);
    CHECK(d.yTest[i] == doctest::Approx(2 * std::sin(x) + std::pow(x, 0.8)).epsilon(1e-14));
  }
  // Residuals are the N(0, 0.5²) noise: their sd over a large sample is close to 0.5.
  DatasetOptions big;
  big.nTrain = 20000;
  big.seed = 3;
  const auto e = apl::makeDataset(big);
  double s2 = 0;
  for (int i = 0; i < 20000; ++i) {
    const double x = e.xTrain(i, 0);
    const double r = e.yTrain[i] - (2 * std::sin(x) + std::pow(x, 0.8));
    s2 += r * r;
  }
  CHECK(std::sqrt(s2 / 20000) == doctest::Approx(0.5).epsilon(0.02));
}

TEST_CASE("every target has its shape, domain and truth") {
  DatasetOptions o;
  o.target = Target::V1;
  auto d = apl::makeDataset(o);
  CHECK(d.xTrain.rows() == 40);
  CHECK(d.yTest[10] == doctest::Approx(2 * std::sin(1.0) + 1.0));

  o = DatasetOptions{};
  o.target = Target::Surface;
  d = apl::makeDataset(o);
  CHECK(d.xTrain.cols() == 2);
  CHECK(d.xTest.rows() == 400);  // a 20 × 20 grid
  CHECK(d.xTest(21, 0) == doctest::Approx(0.25));
  CHECK(d.xTest(21, 1) == doctest::Approx(0.25));

  o = DatasetOptions{};
  o.target = Target::Sphere;
  o.dim = 3;
  d = apl::makeDataset(o);
  for (int i = 0; i < d.xTrain.rows(); ++i) CHECK(d.xTrain.row(i).norm() == doctest::Approx(1.0));
  for (int i = 0; i < d.xTest.rows(); ++i) CHECK(d.xTest.row(i).norm() == doctest::Approx(1.0));

  o = DatasetOptions{};
  o.target = Target::TwoClass;
  d = apl::makeDataset(o);
  int plus = 0;
  for (int i = 0; i < d.yTrain.size(); ++i) {
    CHECK((d.yTrain[i] == 1.0 || d.yTrain[i] == -1.0));
    plus += d.yTrain[i] > 0;
  }
  CHECK(plus > 30);
  CHECK(plus < 70);
  CHECK(d.yTest[0] < 0.05);   // x = 0: deep in class −1
  CHECK(d.yTest[99] > 0.95);  // x = 4.95: deep in class +1
}

TEST_CASE("bad dataset options name the parameter") {
  DatasetOptions o;
  o.nTrain = 0;
  CHECK_THROWS_WITH_AS(apl::makeDataset(o), doctest::Contains("nTrain"), apl::Error);
  o = DatasetOptions{};
  o.dim = 2;
  CHECK_THROWS_WITH_AS(apl::makeDataset(o), doctest::Contains("dim"), apl::Error);
  o = DatasetOptions{};
  o.noise = 1e9;
  CHECK_THROWS_WITH_AS(apl::makeDataset(o), doctest::Contains("noise"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parseTarget("sinus"), doctest::Contains("target"), apl::Error);
}
