// The native contender of `npm run bench`: the same core, built with g++ -O3 (and again with
// -march=native) in its own build folder, timed on the same workloads as the WASM module and the
// plain-JS baseline (bench/run.mjs defines them; this file mirrors that definition).
// Prints one JSON object: { "<workload>": { "<N>": { "<algorithm>": median ms } } }.
// Usage: native_bench [quick] [only=W1,W2,…]   (quick: fewer repetitions, for a smoke run; only:
// just these workloads)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "apl/apl.hpp"

namespace {

double gSink = 0.0;  // results feed it, so the optimiser cannot drop a timed call

// Median wall time in ms of one run, as bench/timing.mjs measures the JS contenders: warm-up runs
// (at least 3 and 300 ms), then `reps` timed batches; runs under 10 ms are batched (batch time /
// batch size) so that clock resolution and scheduler noise do not dominate; runs over a second
// get 3 batches only, to keep the bench in its time budget.
double medianMs(const std::function<double()>& run, int reps) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const auto start = Clock::now();
  double last = 0.0;
  int runs = 0;
  do {
    const auto t0 = Clock::now();
    gSink += run();
    last = ms(t0, Clock::now());
    ++runs;
  } while (last < 1000.0 && (runs < 3 || ms(start, Clock::now()) < 300.0));
  const int batch = last < 10.0 ? int(std::ceil(10.0 / std::max(last, 1e-3))) : 1;
  if (last > 1000.0) reps = std::min(reps, 3);
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    for (int b = 0; b < batch; ++b) gSink += run();
    times.push_back(ms(t0, Clock::now()) / batch);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

apl::Dataset classic(apl::Index n) {
  apl::DatasetOptions d;
  d.target = apl::Target::Classic;
  d.nTrain = n;
  d.nTest = n;
  d.seed = 0;
  return apl::makeDataset(d);
}

const char* algorithmName(apl::Algorithm a) {
  return a == apl::Algorithm::Auto ? "auto" : "brute-force";
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string only;  // empty: every workload
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "quick") == 0) quick = true;
    if (std::strncmp(argv[i], "only=", 5) == 0) only = std::string(",") + (argv[i] + 5) + ",";
  }
  const auto runs = [&](const char* workload) {
    return only.empty() || only.find(std::string(",") + workload + ",") != std::string::npos;
  };
  const int reps = quick ? 1 : 5;
  std::string json = "{";
  auto entry = [&](const std::string& workload, long n, const char* algorithm, double ms) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s\"%s/%ld/%s\": %.4f", json.size() > 1 ? ", " : "",
                  workload.c_str(), n, algorithm, ms);
    json += buf;
    std::fprintf(stderr, "  native %s N=%ld %s: %.3f ms\n", workload.c_str(), n, algorithm, ms);
  };
  const apl::Algorithm algorithms[] = {apl::Algorithm::Auto, apl::Algorithm::BruteForce};

  // W1: Gaussian attention, full weight matrix and predictions (width 0.5, the page's default).
  for (long n : {50L, 500L, 2000L, 5000L}) {
    if (!runs("W1")) break;
    const auto d = classic(n);
    for (auto a : algorithms) {
      apl::AttentionOptions o;
      o.metric.widths = apl::Vector::Constant(1, 0.5);
      o.algorithm = a;
      entry("W1", n, algorithmName(a),
            medianMs(
                [&] {
                  const auto r = apl::attend(d.xTest, d.xTrain, d.yTrain, o);
                  return r.weights(0, 0) + r.predictions[0];
                },
                reps));
    }
  }
  // W2: one leave-one-out training epoch of w: train() with epochs 1 (loss and gradient at w0,
  // the SGD step, loss and gradient at w1), w0 = 1, lr 0.5, mean reduction.
  for (long n : {50L, 500L, 2000L}) {
    if (!runs("W2")) break;
    const auto d = classic(n);
    apl::TrainOptions t;
    t.model.reduction = apl::Reduction::Mean;
    t.w0 = apl::Vector::Ones(1);
    t.lr = 0.5;
    t.epochs = 1;
    entry("W2", n, "auto",
          medianMs([&] { return apl::train(d.xTrain, d.yTrain, t).loss[1]; }, reps));
  }
  // W3: leave-one-out MSE for 50 widths log-spaced 0.01 … 10, N = 1000.
  if (runs("W3")) {
    const long n = 1000;
    const auto d = classic(n);
    apl::Vector widths(50);
    for (int k = 0; k < 50; ++k) widths[k] = 0.01 * std::pow(1000.0, k / 49.0);
    for (auto a : algorithms)
      entry("W3", n, algorithmName(a),
            medianMs(
                [&] {
                  return apl::looCurve(d.xTrain, d.yTrain, apl::Kernel::Gaussian, 2.0, widths, a)[0]
                      .mse;
                },
                reps));
  }
  // W4: width selection by global leave-one-out minimisation (Gaussian).
  for (long n : {50L, 200L, 1000L}) {
    if (!runs("W4")) break;
    const auto d = classic(n);
    for (auto a : algorithms)
      entry("W4", n, algorithmName(a),
            medianMs(
                [&] {
                  return apl::selectWidth(d.xTrain, d.yTrain, apl::Kernel::Gaussian, 2.0, a).width;
                },
                reps));
  }
  std::printf("%s, \"sink\": %.17g}\n", json.c_str(), gSink);
  return 0;
}
