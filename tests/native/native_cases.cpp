// Runs scripted cases through the native core and prints them as JSON:
//   [{ "name", "call", "options", "result" }, …]
// `call` and `options` are spelled as the JS API takes them, so tests/node/native_equals_wasm
// replays each case through the WASM module and compares: data bit for bit, computations to 1e-12.
// Numbers are printed with 17 significant digits (exact round trip); NaN as null.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "apl/apl.hpp"

namespace {

using apl::Index;
using apl::Matrix;
using apl::Vector;

std::string num(double v) {
  if (std::isnan(v)) return "null";
  if (std::isinf(v)) return v > 0 ? "1e999" : "-1e999";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string arr(const double* p, Index n) {
  std::string s = "[";
  for (Index i = 0; i < n; ++i) s += (i ? "," : "") + num(p[i]);
  return s + "]";
}
std::string arr(const Matrix& m) { return arr(m.data(), m.size()); }
std::string arr(const Vector& v) { return arr(v.data(), v.size()); }
std::string arr(const std::vector<int>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

std::vector<std::string> cases;

void add(const std::string& name, const std::string& call, const std::string& options,
         const std::string& result) {
  cases.push_back("{\"name\":\"" + name + "\",\"call\":\"" + call + "\",\"options\":" + options +
                  ",\"result\":" + result + "}");
}

void datasetCases() {
  struct C {
    const char* target;
    std::uint64_t seed;
    Index nTrain, dim;
  };
  for (const C& c : {C{"classic", 0, -1, -1}, C{"classic", 42, 1000, -1}, C{"v1", 7, -1, -1},
                     C{"surface", 3, 300, 2}, C{"surface", 4, 50, 3}, C{"sphere", 5, -1, 2},
                     C{"sphere", 6, -1, 3}, C{"two-class", 8, -1, 1}, C{"two-class", 9, -1, 2}}) {
    apl::DatasetOptions o;
    o.target = apl::parseTarget(c.target);
    o.seed = c.seed;
    o.nTrain = c.nTrain;
    o.dim = c.dim;
    const auto d = apl::makeDataset(o);
    std::string opts =
        std::string("{\"target\":\"") + c.target + "\",\"seed\":" + std::to_string(c.seed);
    if (c.nTrain > 0) opts += ",\"nTrain\":" + std::to_string(c.nTrain);
    if (c.dim > 0) opts += ",\"dim\":" + std::to_string(c.dim);
    opts += "}";
    add(std::string("dataset ") + c.target + " seed " + std::to_string(c.seed), "makeDataset", opts,
        "{\"xTrain\":" + arr(d.xTrain) + ",\"yTrain\":" + arr(d.yTrain) +
            ",\"xTest\":" + arr(d.xTest) + ",\"yTest\":" + arr(d.yTest) +
            ",\"dim\":" + std::to_string(d.xTrain.cols()) + "}");
  }
}

void attendCases() {
  apl::DatasetOptions dopt;
  dopt.seed = 11;
  const auto d = apl::makeDataset(dopt);
  dopt.target = apl::Target::Surface;
  dopt.nTrain = 60;
  dopt.nTest = 25;
  const auto s = apl::makeDataset(dopt);
  // A 20 × 20 query grid: large enough for the general-p scores from tables of shared coordinates
  // (apl/detail/minkowski_scores.hpp), which must agree natively and in WASM as the rest does.
  dopt.nTest = 400;
  const auto g = apl::makeDataset(dopt);
  // The same in 3-D: an 8 × 8 × 8 query grid over 40 keys, for the tables' path with more than
  // two axes (the running largest power and sum).
  apl::Dataset g3;
  g3.xTest.resize(512, 3);
  for (Index i = 0; i < 512; ++i)
    for (Index m = 0; m < 3; ++m) g3.xTest(i, m) = -1.0 + 2.0 * double((i >> (3 * m)) & 7) / 7.0;
  g3.xTrain.resize(40, 3);
  g3.yTrain.resize(40);
  for (Index j = 0; j < 40; ++j) {
    for (Index m = 0; m < 3; ++m) g3.xTrain(j, m) = std::sin(0.7 * double(j * (m + 1)) + double(m));
    g3.yTrain[j] = std::cos(double(j));
  }

  struct C {
    const char* kernel;
    double width;
    double p;
    bool loo;
    const char* normalize;
    bool surface;
    bool grid = false;
    bool grid3 = false;
  };
  for (const C& c :
       {C{"gaussian", 0.5, 2, false, "keys", false}, C{"gaussian", 0.01, 2, false, "keys", false},
        C{"boxcar", 0.1, 2, false, "keys", false}, C{"triangular", 0.3, 2, true, "keys", false},
        C{"epanechnikov", 0.3, 2, false, "keys", false}, C{"constant", 1, 2, false, "keys", false},
        C{"lenrek", 1, 2, false, "queries", false}, C{"gaussian", 0.7, 1, false, "keys", true},
        C{"gaussian", 0.7, INFINITY, false, "keys", true}, C{"boxcar", 0.9, 3, false, "keys", true},
        C{"gaussian", 0.5, 1.5, false, "keys", true, true},
        C{"gaussian", 0.6, 3, false, "keys", true, false, true}}) {
    const apl::Dataset& data = c.grid3 ? g3 : c.grid ? g : c.surface ? s : d;
    const Matrix& keys = data.xTrain;
    const Vector& values = data.yTrain;
    const Matrix& queries = c.loo ? keys : data.xTest;
    apl::AttentionOptions o;
    o.kernel = apl::parseKernel(c.kernel);
    o.metric.widths = Vector::Constant(1, c.width);
    o.metric.p = c.p;
    o.leaveOneOut = c.loo;
    o.normalization = apl::parseNormalization(c.normalize);
    const auto a = apl::attend(queries, keys, values, o);
    const std::string opts =
        "{\"queries\":" + arr(queries) + ",\"keys\":" + arr(keys) + ",\"values\":" + arr(values) +
        ",\"dim\":" + std::to_string(keys.cols()) + ",\"kernel\":\"" + c.kernel +
        "\",\"width\":" + num(c.width) + ",\"p\":" + (std::isinf(c.p) ? "\"Infinity\"" : num(c.p)) +
        ",\"leaveOneOut\":" + (c.loo ? "true" : "false") + ",\"normalize\":\"" + c.normalize +
        "\"}";
    add(std::string("attend ") + c.kernel + " h " + num(c.width) + " p " + num(c.p), "attend", opts,
        "{\"weights\":" + arr(a.weights) + ",\"predictions\":" + arr(a.predictions) +
            ",\"undefinedQueries\":" + arr(a.undefinedQueries) + "}");
  }
}

std::string dataOptions(const apl::Dataset& d) {
  return "\"x\":" + arr(d.xTrain) + ",\"y\":" + arr(d.yTrain) +
         ",\"dim\":" + std::to_string(d.xTrain.cols());
}

void trainCases() {
  apl::DatasetOptions dopt;
  dopt.seed = 21;
  const auto d = apl::makeDataset(dopt);
  struct C {
    const char* placement;
    const char* reduction;
    const char* optimizer;
    const char* kernel;
    bool loo;
    double w0, lr;
    int epochs;
  };
  for (const C& c : {C{"before-square", "sum", "sgd", "gaussian", true, 0.5, 0.5, 5},
                     C{"before-square", "sum", "sgd", "gaussian", false, 1.0, 0.5, 50},
                     C{"after-square", "mean", "adam", "gaussian", true, 1.0, 0.1, 30},
                     C{"before-square", "half-sum", "sgd", "triangular", true, 1.0, 0.05, 10}}) {
    apl::TrainOptions t;
    t.model.placement = apl::parsePlacement(c.placement);
    t.model.reduction = apl::parseReduction(c.reduction);
    t.model.kernel = apl::parseKernel(c.kernel);
    t.model.leaveOneOut = c.loo;
    t.optimizer = apl::parseOptimizer(c.optimizer);
    t.w0 = Vector::Constant(1, c.w0);
    t.lr = c.lr;
    t.epochs = c.epochs;
    const auto r = apl::train(d.xTrain, d.yTrain, t);
    add(std::string("train ") + c.placement + " " + c.reduction + " " + c.optimizer + " " +
            c.kernel,
        "train",
        "{" + dataOptions(d) + ",\"placement\":\"" + c.placement + "\",\"reduction\":\"" +
            c.reduction + "\",\"optimizer\":\"" + c.optimizer + "\",\"kernel\":\"" + c.kernel +
            "\",\"leaveOneOut\":" + (c.loo ? "true" : "false") + ",\"w0\":" + num(c.w0) +
            ",\"lr\":" + num(c.lr) + ",\"epochs\":" + std::to_string(c.epochs) + "}",
        "{\"w\":" + arr(r.w) + ",\"loss\":" + arr(r.loss) + ",\"grad\":" + arr(r.grad) + "}");
  }
}

void bandwidthCases() {
  apl::DatasetOptions dopt;
  dopt.seed = 31;
  const auto d = apl::makeDataset(dopt);
  const Vector widths = Vector::LinSpaced(12, 0.02, 2.0);
  for (const char* kernel : {"gaussian", "boxcar", "epanechnikov"}) {
    const auto curve = apl::looCurve(d.xTrain, d.yTrain, apl::parseKernel(kernel), 2.0, widths);
    Vector mse(curve.size());
    for (size_t i = 0; i < curve.size(); ++i) mse[Index(i)] = curve[i].mse;
    add(std::string("looCurve ") + kernel, "looCurve",
        "{" + dataOptions(d) + ",\"kernel\":\"" + kernel + "\",\"widths\":" + arr(widths) + "}",
        "{\"mse\":" + arr(mse) + "}");
    const auto s = apl::selectWidth(d.xTrain, d.yTrain, apl::parseKernel(kernel), 2.0);
    add(std::string("selectWidth ") + kernel, "selectWidth",
        "{" + dataOptions(d) + ",\"kernel\":\"" + kernel + "\"}",
        "{\"width\":" + num(s.width) + ",\"mse\":" + num(s.mse) + "}");
  }
}

void classifyCases() {
  apl::DatasetOptions dopt;
  dopt.target = apl::Target::TwoClass;
  dopt.seed = 41;
  for (Index dim : {1, 2}) {
    dopt.dim = dim;
    const auto d = apl::makeDataset(dopt);
    std::vector<int> labels(d.yTrain.size());
    for (Index i = 0; i < d.yTrain.size(); ++i) labels[i] = int(d.yTrain[i]);
    apl::AttentionOptions o;
    o.metric.widths = Vector::Constant(1, 0.4);
    const auto c = apl::classify(d.xTrain, labels, d.xTest, o);
    add("classify two-class dim " + std::to_string(dim), "classify",
        "{\"x\":" + arr(d.xTrain) + ",\"labels\":" + arr(labels) + ",\"queries\":" + arr(d.xTest) +
            ",\"dim\":" + std::to_string(dim) + ",\"width\":0.4}",
        "{\"posteriors\":" + arr(c.posteriors) + ",\"labels\":" + arr(c.labels) +
            ",\"parzen\":" + arr(c.parzen) + ",\"decision\":" + arr(c.decision) + "}");
  }
}

void consistencyCases() {
  for (const char* rule : {"fixed", "shrinking", "loo"}) {
    apl::ConsistencyOptions c;
    c.nValues = {20, 80};
    c.seeds = 3;
    c.rule = apl::parseWidthRule(rule);
    const auto points = apl::consistencyCurve(c);
    Vector mse(points.size()), bias2(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      mse[Index(i)] = points[i].mse;
      bias2[Index(i)] = points[i].bias2;
    }
    add(std::string("consistency ") + rule, "consistency",
        std::string("{\"nValues\":[20,80],\"seeds\":3,\"rule\":\"") + rule + "\"}",
        "{\"mse\":" + arr(mse) + ",\"bias2\":" + arr(bias2) + "}");
  }
}

}  // namespace

int main() {
  datasetCases();
  attendCases();
  trainCases();
  bandwidthCases();
  classifyCases();
  consistencyCases();
  std::printf("[\n");
  for (size_t i = 0; i < cases.size(); ++i)
    std::printf("%s%s\n", cases[i].c_str(), i + 1 < cases.size() ? "," : "");
  std::printf("]\n");
  return 0;
}
