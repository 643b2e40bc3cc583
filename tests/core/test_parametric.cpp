// Parametric attention pooling: analytic gradients, d2l's training runs, PyTorch cross-checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "apl/error.hpp"
#include "apl/metrics.hpp"
#include "apl/parametric.hpp"
#include "mini_json.hpp"

using apl::Index;
using apl::Kernel;
using apl::Matrix;
using apl::Placement;
using apl::Reduction;
using apl::Vector;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

// Deterministic, well-spread points: no two coordinates coincide, so no kink of |u| or max is hit.
Matrix pointsFor(int n, int dim) {
  Matrix x(n, dim);
  for (int i = 0; i < n; ++i)
    for (int m = 0; m < dim; ++m)
      x(i, m) = std::fmod(0.37 * i * (m + 1) + 0.61 * m + 0.05 * i * i, 3.0);
  return x;
}

Vector valuesFor(const Matrix& x) {
  Vector y(x.rows());
  for (int i = 0; i < x.rows(); ++i)
    y[i] = std::sin(2.0 * x(i, 0)) + 0.3 * x.row(i).sum() + 0.1 * (i % 3);
  return y;
}

apl::ParametricModel modelFromJson(const testjson::Value& m) {
  apl::ParametricModel model;
  model.kernel = apl::parseKernel(m["kernel"].str());
  model.placement = apl::parsePlacement(m["placement"].str());
  model.p = m["p"].num();
  model.reduction = apl::parseReduction(m["reduction"].str());
  model.leaveOneOut = m["leaveOneOut"].boolean;
  model.offset = m["offset"].num();
  return model;
}

double centralDifference(const Matrix& x, const Vector& y, Vector w, Index m,
                         const apl::ParametricModel& model, double step) {
  w[m] += step;
  const double up = apl::parametricLoss(x, y, w, model).loss;
  w[m] -= 2.0 * step;
  const double down = apl::parametricLoss(x, y, w, model).loss;
  return (up - down) / (2.0 * step);
}

}  // namespace

TEST_CASE("parametric: analytic gradient matches central finite differences") {
  int checked = 0;
  for (int dim : {1, 2, 3}) {
    const Matrix x = pointsFor(9, dim);
    const Vector y = valuesFor(x);
    for (Placement placement : {Placement::BeforeSquare, Placement::AfterSquare})
      for (Kernel kernel :
           {Kernel::Gaussian, Kernel::Triangular, Kernel::Epanechnikov, Kernel::Lenrek})
        for (double p : {1.0, 2.0, 3.0, kInf})
          for (Reduction reduction : {Reduction::Sum, Reduction::HalfSum, Reduction::Mean})
            for (bool loo : {true, false})
              for (int perCoordinate : {0, 1})
                for (apl::Normalization norm :
                     {apl::Normalization::Keys, apl::Normalization::Queries}) {
                  if (placement == Placement::AfterSquare && kernel != Kernel::Gaussian) continue;
                  if (placement == Placement::AfterSquare && perCoordinate && dim > 1 && p != 2.0)
                    continue;
                  apl::ParametricModel model;
                  model.kernel = kernel;
                  model.placement = placement;
                  model.p = p;
                  model.reduction = reduction;
                  model.leaveOneOut = loo;
                  model.offset = kernel == Kernel::Lenrek ? 0.25 : 0.0;
                  model.normalize = norm;
                  const bool compact =
                      kernel == Kernel::Triangular || kernel == Kernel::Epanechnikov;
                  Vector w = Vector::Constant(perCoordinate ? dim : 1, compact ? 0.2 : 0.8);
                  if (perCoordinate)
                    for (int m = 0; m < dim; ++m) w[m] *= 1.0 + 0.3 * m;
                  if (placement == Placement::AfterSquare) w *= -0.5;  // negative w: attends far
                  const auto lg = apl::parametricLoss(x, y, w, model);
                  INFO("dim " << dim << " kernel " << std::string(apl::kernelName(kernel)) << " p "
                              << p << " placement " << int(placement) << " reduction "
                              << int(reduction) << " loo " << loo << " w.size " << w.size()
                              << " normalize " << int(norm));
                  REQUIRE(std::isfinite(lg.loss));
                  for (Index m = 0; m < w.size(); ++m) {
                    const double fd = centralDifference(x, y, w, m, model, 1e-6);
                    INFO("m " << m);
                    CHECK(std::abs(lg.grad[m] - fd) <= 1e-6 * (1.0 + std::abs(fd)));
                    ++checked;
                  }
                }
  }
  CHECK(checked > 600);
}

TEST_CASE("parametric: over queries the loss is attend's 'queries' pooling, leave-one-out alike") {
  const Matrix x = pointsFor(11, 1);
  const Vector y = valuesFor(x);
  for (Kernel kernel : {Kernel::Gaussian, Kernel::Lenrek})
    for (bool loo : {true, false}) {
      apl::ParametricModel model;
      model.kernel = kernel;
      model.leaveOneOut = loo;
      model.normalize = apl::Normalization::Queries;
      model.reduction = Reduction::Mean;
      const double w = 1.7;  // attend's width is 1/w
      apl::AttentionOptions o;
      o.kernel = kernel;
      o.metric = apl::Metric{Vector::Constant(1, 1.0 / w), 2.0};
      o.leaveOneOut = loo;
      o.normalization = apl::Normalization::Queries;
      o.returnWeights = false;
      const Vector f = apl::attend(x, x, y, o).predictions;
      const double want = (f - y).squaredNorm() / double(x.rows());
      INFO(std::string(apl::kernelName(kernel)) << " loo " << loo);
      CHECK(apl::parametricLoss(x, y, Vector::Constant(1, w), model).loss ==
            doctest::Approx(want).epsilon(1e-12));
      CHECK(apl::parametricPredict(x, x, y, Vector::Constant(1, w), model).isApprox(f, 1e-12));
    }
}

TEST_CASE("parametric: the posted Lenrek (offset 0) has gradient 0 over queries too: |w| cancels") {
  const Matrix x = pointsFor(10, 1);
  const Vector y = valuesFor(x);
  apl::ParametricModel model;
  model.kernel = Kernel::Lenrek;
  model.normalize = apl::Normalization::Queries;
  for (double w : {0.3, 2.0, -1.5}) {
    const auto lg = apl::parametricLoss(x, y, Vector::Constant(1, w), model);
    CHECK(std::abs(lg.grad[0]) < 1e-12 * (1.0 + lg.loss));
    CHECK(lg.loss ==
          doctest::Approx(apl::parametricLoss(x, y, Vector::Constant(1, 1.0), model).loss)
              .epsilon(1e-13));
  }
  // Over queries every prediction sums over all keys: with n points and no leave-one-out the
  // column sums are n-fold, so the loss differs from the keys normalisation's.
  apl::ParametricModel keys = model;
  keys.normalize = apl::Normalization::Keys;
  CHECK(apl::parametricLoss(x, y, Vector::Ones(1), keys).loss !=
        doctest::Approx(apl::parametricLoss(x, y, Vector::Ones(1), model).loss));
}

TEST_CASE("parametric: a key that no query reaches makes every prediction over queries undefined") {
  Matrix x(3, 1);
  x << 0.0, 0.1, 5.0;  // with a triangular kernel of width 1/w = 0.5 nothing reaches x = 5
  const Vector y = Vector::Constant(3, 1.0);
  apl::ParametricModel model;
  model.kernel = Kernel::Triangular;
  model.normalize = apl::Normalization::Queries;
  const auto lg = apl::parametricLoss(x, y, Vector::Constant(1, 2.0), model);
  CHECK(std::isnan(lg.loss));
  CHECK(std::isnan(lg.grad[0]));
  CHECK_THROWS_WITH_AS(apl::parametricWeights(x, x, Vector::Ones(1), model),
                       doctest::Contains("normalize"), apl::Error);
}

TEST_CASE("parametric: w = 0 is a stationary point of the before-square Gaussian") {
  const Matrix x = pointsFor(12, 2);
  const Vector y = valuesFor(x);
  for (double p : {1.0, 2.0, 3.0, kInf})
    for (Reduction reduction : {Reduction::Sum, Reduction::HalfSum, Reduction::Mean})
      for (Index size : {1, 2}) {
        apl::ParametricModel model;
        model.p = p;
        model.reduction = reduction;
        const auto lg = apl::parametricLoss(x, y, Vector::Zero(size), model);
        CHECK(std::isfinite(lg.loss));
        CHECK(lg.grad.cwiseAbs().maxCoeff() == 0.0);  // exactly: L is even in each w_m
      }
  // Training from w = 0 never moves (d2l's stall), with SGD and with Adam (m = 0 ⇒ step 0).
  apl::TrainOptions options;
  options.w0 = Vector::Zero(1);
  options.epochs = 5;
  for (auto optimizer : {apl::Optimizer::Sgd, apl::Optimizer::Adam}) {
    options.optimizer = optimizer;
    const auto run = apl::train(x, y, options);
    CHECK(run.w.cwiseAbs().maxCoeff() == 0.0);
  }
  // Average pooling at w = 0: every prediction is the mean of the other points.
  const Vector f = apl::parametricPredict(x, x, y, Vector::Zero(1), apl::ParametricModel{});
  for (Index i = 0; i < x.rows(); ++i)
    CHECK(f[i] == doctest::Approx((y.sum() - y[i]) / double(x.rows() - 1)).epsilon(1e-14));
}

TEST_CASE("parametric: lenrek in 1-D does not depend on w (gradient ~0, the teaching point)") {
  const Matrix x = pointsFor(15, 1);
  const Vector y = valuesFor(x);
  apl::ParametricModel model;
  model.kernel = Kernel::Lenrek;
  const auto a = apl::parametricLoss(x, y, Vector::Constant(1, 0.5), model);
  const auto b = apl::parametricLoss(x, y, Vector::Constant(1, 7.0), model);
  CHECK(a.loss == doctest::Approx(b.loss).epsilon(1e-13));
  CHECK(std::abs(a.grad[0]) < 1e-12 * a.loss);
  // With an offset the offset no longer cancels, and w matters.
  model.offset = 0.5;
  const auto c = apl::parametricLoss(x, y, Vector::Constant(1, 0.5), model);
  CHECK(std::abs(c.grad[0]) > 1e-3);
  // w = 0 without offset: every kernel value is 0, so every point is undefined.
  model.offset = 0.0;
  CHECK(std::isnan(apl::parametricLoss(x, y, Vector::Zero(1), model).loss));
}

TEST_CASE("parametric: reproduces d2l's runs in shared/reference/parametric_training.json") {
  const auto ref = testjson::load("parametric_training.json");
  const Vector xv = ref["data"]["x_train"].vec();
  const Matrix x = Matrix(xv);
  const Vector y = ref["data"]["y_train"].vec();
  const Matrix xTest = Matrix(ref["data"]["x_test"].vec());
  const double rtol = ref["tolerance"]["float64_trajectories"]["rtol"].num();
  const double atol = ref["tolerance"]["float64_trajectories"]["atol"].num();
  const double gRtol = ref["tolerance"]["gradients"]["rtol"].num();
  const double gAtol = ref["tolerance"]["gradients"]["atol"].num();
  const double pRtol = ref["tolerance"]["predictions_at_x_test_final_w"]["rtol"].num();
  const double pAtol = ref["tolerance"]["predictions_at_x_test_final_w"]["atol"].num();
  REQUIRE(ref["runs"].size() == 2);
  double worst = 0.0;
  for (const auto& run : ref["runs"].items) {
    REQUIRE(run["variant"].str() == "A");
    apl::TrainOptions options;
    options.model.leaveOneOut = run["leave_one_out"].boolean;
    options.model.reduction = apl::parseReduction(run["reduction"].str());
    options.w0 = Vector::Constant(1, run["w0"].num());
    options.lr = run["lr"].num();
    options.epochs = int(run["epochs"].num());
    const auto out = apl::train(x, y, options);
    const auto& history = run["history"];
    REQUIRE(Index(history.size()) == options.epochs);
    for (int e = 0; e < options.epochs; ++e) {
      const auto& h = history[e];
      INFO("leaveOneOut " << options.model.leaveOneOut << " epoch " << e + 1);
      CHECK(testjson::close(out.w(e, 0), h["w_before"].num(), rtol, atol));
      CHECK(testjson::close(out.loss[e], h["loss_before_step"].num(), rtol, atol));
      CHECK(testjson::close(out.grad(e, 0), h["grad"].num(), gRtol, gAtol));
      CHECK(testjson::close(out.w(e + 1, 0), h["w_after"].num(), rtol, atol));
      CHECK(testjson::close(out.loss[e + 1], h["loss_after_step"].num(), rtol, atol));
      worst = std::max(
          worst, std::abs(out.w(e + 1, 0) - h["w_after"].num()) / std::abs(h["w_after"].num()));
    }
    CHECK(testjson::close(out.w(options.epochs, 0), run["final_w"].num(), rtol, atol));
    // Test-time predictions use all training keys.
    apl::ParametricModel atTest = options.model;
    atTest.leaveOneOut = false;
    const Vector f =
        apl::parametricPredict(xTest, x, y, out.w.row(options.epochs).transpose(), atTest);
    const Vector expected = run["predictions_at_x_test_final_w"].vec();
    for (Index i = 0; i < f.size(); ++i) CHECK(testjson::close(f[i], expected[i], pRtol, pAtol));
  }
  MESSAGE("max relative deviation of w from the reference trajectories: " << worst);
}

TEST_CASE("parametric: matches PyTorch autograd and torch.optim (crosscheck_parametric.json)") {
  const auto fx = testjson::load("crosscheck_parametric.json");
  const double rtol = fx["tolerance"]["rtol"].num(), atol = fx["tolerance"]["atol"].num();
  auto data = [&](const std::string& name) {
    const auto& d = fx["data"][name];
    return std::make_pair(Matrix(d["x"].mat()), Vector(d["y"].vec()));
  };
  double worst = 0.0;
  auto compare = [&](double actual, double expected) {
    if (!std::isnan(expected))
      worst = std::max(worst, std::abs(actual - expected) / (1.0 + std::abs(expected)));
    return testjson::close(actual, expected, rtol, atol);
  };
  for (const auto& run : fx["runs"].items) {
    const auto [x, y] = data(run["data"].str());
    apl::TrainOptions options;
    options.model = modelFromJson(run["model"]);
    options.w0 = run["w0"].vec();
    options.lr = run["lr"].num();
    options.epochs = int(run["epochs"].num());
    options.optimizer = apl::parseOptimizer(run["optimizer"].str());
    const auto out = apl::train(x, y, options);
    const Matrix w = run["w"].mat(), g = run["grad"].mat();
    const Vector loss = run["loss"].vec();
    for (int e = 0; e <= options.epochs; ++e) {
      INFO(run["name"].str() << " epoch " << e);
      CHECK(compare(out.loss[e], loss[e]));
      for (Index m = 0; m < w.cols(); ++m) {
        CHECK(compare(out.w(e, m), w(e, m)));
        CHECK(compare(out.grad(e, m), g(e, m)));
      }
    }
  }
  for (const auto& c : fx["gradients"].items) {
    const auto [x, y] = data(c["data"].str());
    const auto lg = apl::parametricLoss(x, y, c["w"].vec(), modelFromJson(c["model"]));
    INFO(c["name"].str());
    const double expectedLoss = c["loss"].num();
    CHECK(compare(lg.loss, expectedLoss));
    const Vector g = c["grad"].vec();
    for (Index m = 0; m < g.size(); ++m) {
      if (std::isnan(expectedLoss))
        CHECK(std::isnan(lg.grad[m]));  // undefined loss: the gradient is not a number either
      else
        CHECK(compare(lg.grad[m], g[m]));
    }
  }
  MESSAGE("max |C++ − torch| / (1 + |torch|) over trajectories and gradients: " << worst);
}

TEST_CASE("parametric: undefined points give NaN, never a silently dropped term") {
  const Matrix x = pointsFor(10, 1);
  const Vector y = valuesFor(x);
  apl::ParametricModel model;
  model.kernel = Kernel::Triangular;
  const Vector w = Vector::Constant(1, 1e6);  // support radius 1e-6: nobody has a neighbour
  const auto lg = apl::parametricLoss(x, y, w, model);
  CHECK(std::isnan(lg.loss));
  CHECK(std::isnan(lg.grad[0]));
  const Vector f = apl::parametricPredict(x, x, y, w, model);
  for (Index i = 0; i < f.size(); ++i) CHECK(std::isnan(f[i]));
  apl::TrainOptions options;
  options.model = model;
  options.w0 = w;
  options.epochs = 2;
  const auto run = apl::train(x, y, options);  // no exception mid-training
  CHECK(std::isnan(run.loss[0]));
  CHECK(std::isnan(run.w(2, 0)));
}

TEST_CASE("parametricErrors: the test error at each w, NaN where undefined or not finite") {
  const Matrix x = pointsFor(12, 1);
  const Vector y = valuesFor(x);
  const Matrix queries = pointsFor(9, 1) * 0.9;
  const Vector truth = valuesFor(queries);
  apl::ParametricModel model;
  model.kernel = Kernel::Triangular;  // compact: a large w leaves queries without a neighbour
  model.leaveOneOut = false;
  const double inf = std::numeric_limits<double>::infinity();
  Matrix ws(5, 1);
  ws << 0.5, 2.0, std::nan(""), inf, 1e6;
  const Vector e = apl::parametricErrors(queries, x, y, truth, ws, model);
  REQUIRE(e.size() == 5);
  for (Index r = 0; r < 2; ++r) {
    // The error written out: mean of the squared residuals of the predictions at this w.
    const Vector f = apl::parametricPredict(queries, x, y, ws.row(r).transpose(), model);
    double sum = 0.0;
    for (Index i = 0; i < f.size(); ++i) sum += (f[i] - truth[i]) * (f[i] - truth[i]);
    CHECK(e[r] == doctest::Approx(sum / double(f.size())).epsilon(1e-15));
    CHECK(std::isfinite(e[r]));
  }
  CHECK(e[0] != e[1]);
  CHECK(std::isnan(e[2]));  // a diverged run's w: no error to show
  CHECK(std::isnan(e[3]));
  CHECK(std::isnan(e[4]));  // support radius 1e-6: undefined predictions, as meanSquaredError says
  // One w per coordinate, 2-D.
  const Matrix x2 = pointsFor(10, 2);
  const Vector y2 = valuesFor(x2);
  Matrix ws2(2, 2);
  ws2 << 1.0, 2.0, 0.5, 0.25;
  const Vector e2 = apl::parametricErrors(x2, x2, y2, y2, ws2, apl::ParametricModel{});
  for (Index r = 0; r < 2; ++r)
    CHECK(e2[r] == apl::meanSquaredError(apl::parametricPredict(x2, x2, y2, ws2.row(r).transpose(),
                                                                apl::ParametricModel{}),
                                         y2)
                       .mse);
}

TEST_CASE("parametricErrors: bad input names the parameter") {
  const Matrix x = pointsFor(6, 1);
  const Vector y = valuesFor(x);
  apl::ParametricModel model;
  model.leaveOneOut = false;
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(apl::parametricErrors(x, x, y, y, Matrix(0, 1), model), Contains("ws:"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricErrors(x, x, y, y.head(5), Matrix::Ones(1, 1), model),
                       Contains("truth:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricErrors(x, x, y, y, Matrix::Constant(1, 1, 2e9), model),
                       Contains("ws:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricErrors(x, x, y, y, Matrix::Ones(1, 2), model),
                       Contains("ws:"), apl::Error);
  Vector bad = y;
  bad[2] = std::nan("");
  CHECK_THROWS_WITH_AS(apl::parametricErrors(x, x, y, bad, Matrix::Ones(1, 1), model),
                       Contains("truth:"), apl::Error);
}

TEST_CASE("parametric: train bookkeeping and Adam's first step") {
  const Matrix x = pointsFor(12, 2);
  const Vector y = valuesFor(x);
  apl::TrainOptions options;
  options.w0 = Vector::Constant(2, 1.0);
  options.epochs = 0;
  auto run = apl::train(x, y, options);
  CHECK(run.w.rows() == 1);
  CHECK(run.w.cols() == 2);
  CHECK(run.loss[0] == apl::parametricLoss(x, y, options.w0, options.model).loss);
  options.epochs = 3;
  options.optimizer = apl::Optimizer::Adam;
  options.lr = 0.1;
  run = apl::train(x, y, options);
  CHECK(run.w.rows() == 4);
  // Bias-corrected Adam's first step is lr·g/(|g| + ε) ≈ lr·sign(g) in every coordinate.
  for (Index m = 0; m < 2; ++m)
    CHECK(run.w(1, m) - run.w(0, m) ==
          doctest::Approx(-0.1 * (run.grad(0, m) > 0 ? 1 : -1)).epsilon(1e-6));
  options.optimizer = apl::Optimizer::Sgd;
  run = apl::train(x, y, options);
  CHECK((run.w.row(1) - run.w.row(0)).isApprox(-0.1 * run.grad.row(0), 1e-15));
}

TEST_CASE("parametric: invalid arguments name the parameter") {
  const Matrix x = pointsFor(6, 2);
  const Vector y = valuesFor(x);
  const Vector w = Vector::Ones(1);
  apl::ParametricModel model;
  using doctest::Contains;

  model.kernel = Kernel::Boxcar;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("kernel: boxcar"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("not differentiable"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("accepted: gaussian"),
                       apl::Error);
  model.kernel = Kernel::Constant;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("kernel: constant"),
                       apl::Error);
  model.kernel = Kernel::Triangular;
  model.placement = Placement::AfterSquare;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("kernel:"), apl::Error);
  model.kernel = Kernel::Gaussian;
  model.p = 1.0;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, Vector::Ones(2), model), Contains("p: got 1"),
                       apl::Error);
  model = apl::ParametricModel{};
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, Vector::Ones(3), model), Contains("w: has 3"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, Vector::Constant(1, NAN), model),
                       Contains("w: entry 0"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, Vector::Constant(1, 2e9), model), Contains("w:"),
                       apl::Error);
  model.p = 0.5;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("p:"), apl::Error);
  model.p = NAN;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("p:"), apl::Error);
  model = apl::ParametricModel{};
  model.offset = -1.0;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("offset:"), apl::Error);
  model.offset = kInf;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("offset:"), apl::Error);
  // attend()'s cap: 1e308 passed and gave NaN losses (issue 17).
  model.offset = 1e308;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y, w, model), Contains("offset:"), apl::Error);
  model = apl::ParametricModel{};
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x.topRows(1), y.head(1), w, model),
                       Contains("leaveOneOut:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, y.head(5), w, model), Contains("y: has 5"),
                       apl::Error);
  Matrix bad = x;
  bad(2, 1) = NAN;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(bad, y, w, model), Contains("x: point 2"), apl::Error);
  bad(2, 1) = 2e9;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(bad, y, w, model), Contains("x: point 2"), apl::Error);
  Vector badY = y;
  badY[1] = kInf;
  CHECK_THROWS_WITH_AS(apl::parametricLoss(x, badY, w, model), Contains("y: entry 1"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(Matrix(0, 1), Vector(0), w, model),
                       Contains("x: is empty"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricLoss(Matrix::Zero(3, 17), Vector::Zero(3), w, model),
                       Contains("dim:"), apl::Error);

  CHECK_THROWS_WITH_AS(apl::parametricPredict(x, x.leftCols(1), y, w, model), Contains("queries:"),
                       apl::Error);
  CHECK_THROWS_WITH_AS(apl::parametricPredict(x.topRows(3), x, y, w, model),
                       Contains("leaveOneOut:"), apl::Error);

  apl::TrainOptions options;
  options.w0 = Vector::Ones(4);
  CHECK_THROWS_WITH_AS(apl::train(x, y, options), Contains("w0:"), apl::Error);
  options.w0 = Vector::Ones(1);
  options.lr = 0.0;
  CHECK_THROWS_WITH_AS(apl::train(x, y, options), Contains("lr:"), apl::Error);
  options.lr = NAN;
  CHECK_THROWS_WITH_AS(apl::train(x, y, options), Contains("lr:"), apl::Error);
  options.lr = 0.5;
  options.epochs = -1;
  CHECK_THROWS_WITH_AS(apl::train(x, y, options), Contains("epochs:"), apl::Error);
  options.epochs = 100001;
  CHECK_THROWS_WITH_AS(apl::train(x, y, options), Contains("epochs:"), apl::Error);

  CHECK_THROWS_WITH_AS(apl::parsePlacement("middle"), Contains("placement:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parseReduction("avg"), Contains("reduction:"), apl::Error);
  CHECK_THROWS_WITH_AS(apl::parseOptimizer("rmsprop"), Contains("optimizer:"), apl::Error);
  CHECK(apl::parsePlacement("after-square") == Placement::AfterSquare);
  CHECK(apl::parseReduction("half-sum") == Reduction::HalfSum);
  CHECK(apl::parseOptimizer("adam") == apl::Optimizer::Adam);
}

TEST_CASE("parametric: the 1-D Gaussian fast path equals the general path") {
  // The general path scores the same points embedded in 2-D with a zero second coordinate
  // (distance |d| + 0 = |d| with p = 1): loss, gradient and weights must agree.
  // Unsorted keys score every key first; sorted keys (d2l's data) take the nearest key's score
  // as the maximum and fuse score and exp, and their leave-one-out loss uses the kernel's
  // symmetry (one exp per pair) unless the nearest-neighbour scores spread by more than 57 (w = 60,
  // or a far point). Ties included: the sorted set repeats two points.
  Matrix sorted = pointsFor(40, 1);
  std::sort(sorted.data(), sorted.data() + sorted.size());
  sorted(7, 0) = sorted(6, 0);
  sorted(30, 0) = sorted(31, 0);
  Matrix far = sorted;  // one point far from the rest: its row would underflow with one shared
  far(39, 0) = 100.0;   // shift, so the symmetric path must decline and leave it to the rows
  for (const Matrix& x : {pointsFor(40, 1), sorted, far}) {
    const Vector y = valuesFor(x);
    Matrix x2 = Matrix::Zero(x.rows(), 2);
    x2.col(0) = x.col(0);
    for (const Placement placement : {Placement::BeforeSquare, Placement::AfterSquare})
      for (const bool loo : {true, false})
        for (const double w0 : {0.7, -1.3, 4.0, 60.0}) {
          CAPTURE(w0);
          CAPTURE(loo);
          apl::ParametricModel model;
          model.placement = placement;
          model.leaveOneOut = loo;
          model.reduction = Reduction::Mean;
          model.p = 1.0;  // |d| + 0 = |d|: keeps the 2-D reference on the general path
          const Vector w = Vector::Constant(1, w0);
          const auto fast = apl::parametricLoss(x, y, w, model);
          const auto general = apl::parametricLoss(x2, y, w, model);
          CHECK(std::abs(fast.loss - general.loss) <= 1e-12 * (1.0 + std::abs(general.loss)));
          CHECK(std::abs(fast.grad[0] - general.grad[0]) <=
                1e-12 * (1.0 + std::abs(general.grad[0])));
          const Matrix wf = apl::parametricWeights(x, x, w, model);
          const Matrix wg = apl::parametricWeights(x2, x2, w, model);
          CHECK((wf - wg).cwiseAbs().maxCoeff() <= 1e-12);
          if (loo) CHECK(wf.diagonal().cwiseAbs().maxCoeff() == 0.0);
        }
  }
}

namespace {

// d2l's model written out for the Euclidean test below: leave-one-out loss (mean) of the Gaussian
// with p = 2 and one w per coordinate (w.size() == dim) or one shared w.
double referenceLoss(const Matrix& x, const Vector& y, const Vector& w, bool after) {
  const Index n = x.rows(), dim = x.cols();
  double loss = 0.0;
  for (Index i = 0; i < n; ++i) {
    std::vector<double> s(std::size_t(n), -kInf);
    double best = -kInf;
    for (Index j = 0; j < n; ++j) {
      if (j == i) continue;
      double score = 0.0;
      for (Index m = 0; m < dim; ++m) {
        const double wm = w[w.size() == 1 ? 0 : m], d = x(i, m) - x(j, m);
        score += after ? -wm * d * d : -0.5 * (wm * d) * (wm * d);
      }
      s[std::size_t(j)] = score;
      best = std::max(best, score);
    }
    double sum = 0.0, weighted = 0.0;
    for (Index j = 0; j < n; ++j) {
      if (j == i) continue;
      const double k = std::exp(s[std::size_t(j)] - best);
      sum += k;
      weighted += k * y[j];
    }
    loss += (weighted / sum - y[i]) * (weighted / sum - y[i]);
  }
  return loss / double(n);
}

}  // namespace

TEST_CASE("parametric: the Euclidean Gaussian path equals the written-out model") {
  // Gaussian, p = 2, 2-D and 3-D, one w per coordinate or one shared: loss against the formula,
  // gradient against central differences of the formula (not of the code under test).
  for (const int dim : {2, 3})
    for (const Placement placement : {Placement::BeforeSquare, Placement::AfterSquare})
      for (const bool perCoordinate : {true, false}) {
        CAPTURE(dim);
        CAPTURE(perCoordinate);
        const Matrix x = pointsFor(30, dim);
        const Vector y = valuesFor(x);
        const Vector w = perCoordinate ? Vector(Vector::LinSpaced(dim, 0.8, 2.1))
                                       : Vector(Vector::Constant(1, 1.3));
        apl::ParametricModel model;
        model.placement = placement;
        model.reduction = Reduction::Mean;
        const bool after = placement == Placement::AfterSquare;
        const auto got = apl::parametricLoss(x, y, w, model);
        const double want = referenceLoss(x, y, w, after);
        CHECK(std::abs(got.loss - want) <= 1e-12 * want);
        for (Index m = 0; m < w.size(); ++m) {
          const double h = 1e-5;
          Vector up = w, down = w;
          up[m] += h;
          down[m] -= h;
          const double fd =
              (referenceLoss(x, y, up, after) - referenceLoss(x, y, down, after)) / (2 * h);
          CHECK(std::abs(got.grad[m] - fd) <= 1e-7 * (1.0 + std::abs(fd)));
        }
      }
}
