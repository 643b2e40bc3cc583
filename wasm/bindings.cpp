// embind adapters: JS values in, core call, fresh typed arrays out. No math here.
// Every entry point returns either its result or { error, parameter }: C++ exceptions are caught
// at this boundary, so none ever unwinds into JS (in emscripten 3.1.6 that leaks the shadow stack
// and the exception object). The JS layer (src/lab.js) turns { error } into a LabError.
//
// Two ways in. The calls that take arrays (attend, attentionImage, dotProductAttention, train,
// lossLandscape, predictParametric, parametricErrors, parametricWeights, looCurve, selectWidth,
// ruleOfThumbWidth, classify, kernelCurve, meanSquaredError, maxAbsDifference) take plain
// arguments: each array as the address and length of a copy the JS layer made in the module's
// memory, then numbers, booleans and strings; their results go out through the result table
// below, which the JS layer copies from. Every val operation is a crossing into JS (several for a
// property read), ~300 per call of train or attend on the options-object path; this one makes a
// handful. The other calls (makeDataset, consistency, unitBall, fitPowerLaw, minimaxRate,
// memoryStats) take one options object.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "apl/apl.hpp"

using emscripten::val;

namespace {

using apl::Index;
using apl::Matrix;
using apl::Vector;

// Preconditions for all readers: the JS layer has already converted arrays to Float64Array,
// checked that their lengths are multiples of dim, and filled every option with a value of the
// right JS type.
Vector toVector(const val& array) {
  const auto v = emscripten::convertJSArrayToNumberVector<double>(array);
  return Eigen::Map<const Vector>(v.data(), Index(v.size()));
}

val toFloat64Array(const double* data, Index n) {
  if (n == 0) return val::global("Float64Array").new_(0);
  return val::global("Float64Array").new_(emscripten::typed_memory_view(size_t(n), data));
}
val toFloat64Array(const Vector& v) { return toFloat64Array(v.data(), v.size()); }
val toFloat64Array(const Matrix& m) { return toFloat64Array(m.data(), m.size()); }

// ---- the plain-argument calls ----------------------------------------------------------------
// An array argument: the address of `length` doubles that the JS layer copied into the module's
// memory (and frees after the call).
Vector vectorAt(double address, double length) {
  return Eigen::Map<const Vector>(reinterpret_cast<const double*>(std::uintptr_t(address)),
                                  Index(length));
}

Matrix matrixAt(double address, double length, Index dim) {
  return Eigen::Map<const Matrix>(reinterpret_cast<const double*>(std::uintptr_t(address)),
                                  Index(length) / dim, dim);
}

// The arrays of the last plain-argument call, kept until the JS layer has copied them
// (releaseResults). Slot k of the table holds an array's address and length, or a number.
class Results {
 public:
  static constexpr int kSlots = 8;

  template <class T>
  void put(int slot, T&& array) {
    auto kept = std::make_shared<std::decay_t<T>>(std::forward<T>(array));
    table_[2 * slot] = double(reinterpret_cast<std::uintptr_t>(kept->data()));
    table_[2 * slot + 1] = double(kept->size());
    kept_.push_back(std::move(kept));
  }
  void put(int slot, double number) { table_[2 * slot] = number; }
  void release() {
    kept_.clear();
    std::fill(std::begin(table_), std::end(table_), 0.0);
  }
  std::uintptr_t table() const { return reinterpret_cast<std::uintptr_t>(table_); }

 private:
  double table_[2 * kSlots] = {};
  std::vector<std::shared_ptr<void>> kept_;
};

Results& results() {
  static Results r;
  return r;
}

// Runs one entry point. It starts from an empty result table: the previous call's arrays are
// dropped (the JS layer has copied them, or the call failed).
template <class F>
val guarded(F&& body) {
  results().release();
  try {
    return body();
  } catch (const apl::Error& e) {
    val r = val::object();
    r.set("error", std::string(e.what()));
    r.set("parameter", e.parameter());
    return r;
  } catch (const std::bad_alloc&) {
    val r = val::object();
    r.set("error", std::string("out of memory: the call needs more than the 1 GiB the module may "
                               "use; try fewer points, or returnWeights: false"));
    return r;
  } catch (const std::exception& e) {
    val r = val::object();
    r.set("error", std::string("internal error: ") + e.what());
    return r;
  }
}

val makeDataset(val o) {
  return guarded([&] {
    apl::DatasetOptions d;
    d.target = apl::parseTarget(o["target"].as<std::string>());
    d.nTrain = Index(o["nTrain"].as<double>());
    d.nTest = Index(o["nTest"].as<double>());
    d.noise = o["noise"].as<double>();
    d.seed = std::uint64_t(o["seed"].as<double>());
    d.dim = Index(o["dim"].as<double>());
    d.radiusSpread = o["radiusSpread"].as<double>();
    const auto data = apl::makeDataset(d);
    val r = val::object();
    r.set("xTrain", toFloat64Array(data.xTrain));
    r.set("yTrain", toFloat64Array(data.yTrain));
    r.set("xTest", toFloat64Array(data.xTest));
    r.set("yTest", toFloat64Array(data.yTest));
    r.set("dim", int(data.xTrain.cols()));
    if (data.radiusTrain.size()) {
      r.set("radiusTrain", toFloat64Array(data.radiusTrain));
      r.set("radiusTest", toFloat64Array(data.radiusTest));
    }
    return r;
  });
}

// Attention options from plain arguments, parsed in the order of the options object's readers.
apl::AttentionOptions attentionOptions(const std::string& kernel, Vector width, double p,
                                       double offset, bool leaveOneOut,
                                       const std::string& normalize, bool returnWeights,
                                       const std::string& algorithm) {
  apl::AttentionOptions a;
  a.kernel = apl::parseKernel(kernel);
  a.metric = {std::move(width), p};
  a.offset = offset;
  a.leaveOneOut = leaveOneOut;
  a.normalization = apl::parseNormalization(normalize);
  a.returnWeights = returnWeights;
  a.algorithm = apl::parseAlgorithm(algorithm);
  return a;
}

// Results: 0 weights (when they fit one block), 1 predictions, 2 undefinedQueries. Weights that
// fit one of the core's blocks (apl::kSinkBlockEntries) go through the result table like any
// array: one copy, no val. Larger ones go from the core's blocks of rows straight into one JS
// array, `into` (the caller's Float64Array of n_queries × n_keys, checked by the JS layer) or a
// new one, which is returned: the n_queries × n_keys matrix never exists in the WASM heap as well
// (half the memory traffic).

val attend(double queriesAt, double queriesLength, double keysAt, double keysLength,
           double valuesAt, double valuesLength, double widthAt, double widthLength, double dim,
           std::string kernel, double p, double offset, bool leaveOneOut, std::string normalize,
           bool returnWeights, std::string algorithm, val into) {
  return guarded([&] {
    const Matrix queries = matrixAt(queriesAt, queriesLength, Index(dim)),
                 keys = matrixAt(keysAt, keysLength, Index(dim));
    const Vector values = vectorAt(valuesAt, valuesLength);
    const auto options = attentionOptions(kernel, vectorAt(widthAt, widthLength), p, offset,
                                          leaveOneOut, normalize, returnWeights, algorithm);
    const Index nq = queries.rows(), nk = keys.rows();
    val weights = val::undefined();
    apl::Attention a;
    if (options.returnWeights && nq * nk > apl::kSinkBlockEntries) {
      a = apl::attend(
          queries, keys, values, options, [&](Index row, Index rows, const double* data) {
            // made once the core has accepted the input
            if (row == 0)
              weights =
                  into.isUndefined() ? val::global("Float64Array").new_(double(nq * nk)) : into;
            const val block(emscripten::typed_memory_view(size_t(rows * nk), data));
            weights.call<void>("set", block, double(row * nk));
          });
    } else {
      a = apl::attend(queries, keys, values, options);
      if (options.returnWeights) results().put(0, std::move(a.weights));
    }
    results().put(1, std::move(a.predictions));
    results().put(2, std::move(a.undefinedQueries));
    return weights;
  });
}

// Results: 0 image, 1 rows, 2 cols, 3 predictions, 4 undefinedQueries.
val attentionImage(double queriesAt, double queriesLength, double keysAt, double keysLength,
                   double valuesAt, double valuesLength, double widthAt, double widthLength,
                   double dim, std::string kernel, double p, double offset, bool leaveOneOut,
                   std::string normalize, double rows, double cols) {
  return guarded([&] {
    auto a = apl::attentionImage(matrixAt(queriesAt, queriesLength, Index(dim)),
                                 matrixAt(keysAt, keysLength, Index(dim)),
                                 vectorAt(valuesAt, valuesLength),
                                 attentionOptions(kernel, vectorAt(widthAt, widthLength), p, offset,
                                                  leaveOneOut, normalize, false, "auto"),
                                 Index(rows), Index(cols));
    results().put(1, double(a.image.rows()));
    results().put(2, double(a.image.cols()));
    results().put(0, std::move(a.image));
    results().put(3, std::move(a.predictions));
    results().put(4, std::move(a.undefinedQueries));
    return val::undefined();
  });
}

// scale, or (when the JS layer passes width > 0) the scale the core derives from the width.
// Results: 0 weights, 1 predictions, 2 scale.
val dotProductAttention(double queriesAt, double queriesLength, double keysAt, double keysLength,
                        double valuesAt, double valuesLength, double dim, double scale,
                        double width, bool returnWeights) {
  return guarded([&] {
    const double s = width > 0 ? apl::dotProductScaleOfWidth(width) : scale;
    auto a = apl::dotProductAttention(matrixAt(queriesAt, queriesLength, Index(dim)),
                                      matrixAt(keysAt, keysLength, Index(dim)),
                                      vectorAt(valuesAt, valuesLength), s, returnWeights);
    results().put(0, std::move(a.weights));
    results().put(1, std::move(a.predictions));
    results().put(2, s);
    return val::undefined();
  });
}

// Results: 0 value.
val maxAbsDifference(double aAt, double aLength, double bAt, double bLength) {
  return guarded([&] {
    results().put(0, apl::maxAbsDifference(vectorAt(aAt, aLength), vectorAt(bAt, bLength)));
    return val::undefined();
  });
}

// Results: 0 values.
val kernelCurve(double uAt, double uLength, std::string kernel, double offset) {
  return guarded([&] {
    results().put(0, apl::kernelCurve(apl::parseKernel(kernel), vectorAt(uAt, uLength), offset));
    return val::undefined();
  });
}

// The parametric model from plain arguments, parsed in the order of the options object's readers.
apl::ParametricModel model(const std::string& kernel, const std::string& placement, double p,
                           double offset, bool leaveOneOut, const std::string& reduction,
                           const std::string& normalize) {
  apl::ParametricModel m;
  m.kernel = apl::parseKernel(kernel);
  m.placement = apl::parsePlacement(placement);
  m.p = p;
  m.offset = offset;
  m.leaveOneOut = leaveOneOut;
  m.reduction = apl::parseReduction(reduction);
  m.normalize = apl::parseNormalization(normalize);
  return m;
}

// Results: 0 w, 1 loss, 2 grad.
val train(double xAt, double xLength, double yAt, double yLength, double w0At, double w0Length,
          double dim, std::string kernel, std::string placement, double p, double offset,
          bool leaveOneOut, std::string reduction, std::string normalize, double lr, double epochs,
          std::string optimizer) {
  return guarded([&] {
    apl::TrainOptions t;
    t.model = model(kernel, placement, p, offset, leaveOneOut, reduction, normalize);
    t.w0 = vectorAt(w0At, w0Length);
    t.lr = lr;
    t.epochs = int(epochs);
    t.optimizer = apl::parseOptimizer(optimizer);
    auto result = apl::train(matrixAt(xAt, xLength, Index(dim)), vectorAt(yAt, yLength), t);
    results().put(0, std::move(result.w));
    results().put(1, std::move(result.loss));
    results().put(2, std::move(result.grad));
    return val::undefined();
  });
}

// The loss and its gradient at each of several w (rows of `ws`, each of size 1 or dim).
// Results: 0 loss, 1 grad.
val lossLandscape(double xAt, double xLength, double yAt, double yLength, double wsAt,
                  double wsLength, double dim, double wSize, std::string kernel,
                  std::string placement, double p, double offset, bool leaveOneOut,
                  std::string reduction, std::string normalize) {
  return guarded([&] {
    auto l = apl::parametricLandscape(
        matrixAt(xAt, xLength, Index(dim)), vectorAt(yAt, yLength),
        matrixAt(wsAt, wsLength, Index(wSize)),
        model(kernel, placement, p, offset, leaveOneOut, reduction, normalize));
    results().put(0, std::move(l.loss));
    results().put(1, std::move(l.grad));
    return val::undefined();
  });
}

// Results: 0 predictions.
val predictParametric(double queriesAt, double queriesLength, double keysAt, double keysLength,
                      double valuesAt, double valuesLength, double wAt, double wLength, double dim,
                      std::string kernel, std::string placement, double p, double offset,
                      bool leaveOneOut, std::string reduction, std::string normalize) {
  return guarded([&] {
    results().put(0, apl::parametricPredict(
                         matrixAt(queriesAt, queriesLength, Index(dim)),
                         matrixAt(keysAt, keysLength, Index(dim)), vectorAt(valuesAt, valuesLength),
                         vectorAt(wAt, wLength),
                         model(kernel, placement, p, offset, leaveOneOut, reduction, normalize)));
    return val::undefined();
  });
}

// Results: 0 mse (one per row of ws).
val parametricErrors(double queriesAt, double queriesLength, double keysAt, double keysLength,
                     double valuesAt, double valuesLength, double truthAt, double truthLength,
                     double wsAt, double wsLength, double dim, double wSize, std::string kernel,
                     std::string placement, double p, double offset, bool leaveOneOut,
                     std::string reduction, std::string normalize) {
  return guarded([&] {
    results().put(0, apl::parametricErrors(
                         matrixAt(queriesAt, queriesLength, Index(dim)),
                         matrixAt(keysAt, keysLength, Index(dim)), vectorAt(valuesAt, valuesLength),
                         vectorAt(truthAt, truthLength), matrixAt(wsAt, wsLength, Index(wSize)),
                         model(kernel, placement, p, offset, leaveOneOut, reduction, normalize)));
    return val::undefined();
  });
}

// Results: 0 weights.
val parametricWeights(double queriesAt, double queriesLength, double keysAt, double keysLength,
                      double wAt, double wLength, double dim, std::string kernel,
                      std::string placement, double p, double offset, bool leaveOneOut,
                      std::string reduction, std::string normalize) {
  return guarded([&] {
    results().put(0, apl::parametricWeights(
                         matrixAt(queriesAt, queriesLength, Index(dim)),
                         matrixAt(keysAt, keysLength, Index(dim)), vectorAt(wAt, wLength),
                         model(kernel, placement, p, offset, leaveOneOut, reduction, normalize)));
    return val::undefined();
  });
}

// perCoordinate: widths is a flat rows × dim array, one width per coordinate per row.
// Results: 0 mse, 1 undefined.
val looCurve(double xAt, double xLength, double yAt, double yLength, double widthsAt,
             double widthsLength, double dim, std::string kernel, double p, bool perCoordinate,
             std::string algorithm) {
  return guarded([&] {
    const auto k = apl::parseKernel(kernel);
    const auto a = apl::parseAlgorithm(algorithm);
    const Matrix x = matrixAt(xAt, xLength, Index(dim));
    const auto points =
        perCoordinate
            ? apl::looCurvePerCoordinate(x, vectorAt(yAt, yLength), k, p,
                                         matrixAt(widthsAt, widthsLength, Index(dim)), a)
            : apl::looCurve(x, vectorAt(yAt, yLength), k, p, vectorAt(widthsAt, widthsLength), a);
    Vector mse(points.size());
    std::vector<int> undefinedCounts(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      mse[Index(i)] = points[i].mse;
      undefinedCounts[i] = int(points[i].undefined);
    }
    results().put(0, std::move(mse));
    results().put(1, std::move(undefinedCounts));
    return val::undefined();
  });
}

// Results: 0 width, 1 mse, 2 lo, 3 hi, 4 atBoundary.
val selectWidth(double xAt, double xLength, double yAt, double yLength, double dim,
                std::string kernel, double p, std::string algorithm) {
  return guarded([&] {
    const auto s = apl::selectWidth(matrixAt(xAt, xLength, Index(dim)), vectorAt(yAt, yLength),
                                    apl::parseKernel(kernel), p, apl::parseAlgorithm(algorithm));
    results().put(0, s.width);
    results().put(1, s.mse);
    results().put(2, s.lo);
    results().put(3, s.hi);
    results().put(4, s.atBoundary ? 1.0 : 0.0);
    return val::undefined();
  });
}

// Results: 0 width.
val ruleOfThumbWidth(double xAt, double xLength, double dim) {
  return guarded([&] {
    results().put(0, apl::ruleOfThumbWidth(matrixAt(xAt, xLength, Index(dim))));
    return val::undefined();
  });
}

// Results: 0 classes, 1 posteriors, 2 labels, 3 parzen, 4 decision, 5 undefinedQueries (parzen
// and decision empty when the core gives none).
val classify(double xAt, double xLength, double labelsAt, double labelsLength, double queriesAt,
             double queriesLength, double widthAt, double widthLength, double dim,
             std::string kernel, double p, double offset, bool leaveOneOut, std::string normalize,
             bool returnWeights) {
  return guarded([&] {
    std::vector<int> labels;
    const Vector given = vectorAt(labelsAt, labelsLength);
    for (double v : given) labels.push_back(int(v));
    auto c = apl::classify(matrixAt(xAt, xLength, Index(dim)), labels,
                           matrixAt(queriesAt, queriesLength, Index(dim)),
                           attentionOptions(kernel, vectorAt(widthAt, widthLength), p, offset,
                                            leaveOneOut, normalize, returnWeights, "auto"));
    results().put(0, std::move(c.classes));
    results().put(1, std::move(c.posteriors));
    results().put(2, std::move(c.labels));
    results().put(3, std::move(c.parzen));
    results().put(4, std::move(c.decision));
    results().put(5, std::move(c.undefinedQueries));
    return val::undefined();
  });
}

val consistency(val o) {
  return guarded([&] {
    apl::ConsistencyOptions c;
    c.data.target = apl::parseTarget(o["target"].as<std::string>());
    c.data.nTest = Index(o["nTest"].as<double>());
    c.data.noise = o["noise"].as<double>();
    c.data.dim = Index(o["dim"].as<double>());
    c.data.seed = std::uint64_t(o["seed"].as<double>());
    for (double n : emscripten::convertJSArrayToNumberVector<double>(o["nValues"]))
      c.nValues.push_back(Index(n));
    c.seeds = int(o["seeds"].as<double>());
    c.kernel = apl::parseKernel(o["kernel"].as<std::string>());
    c.rule = apl::parseWidthRule(o["rule"].as<std::string>());
    c.width = o["width"].as<double>();
    c.c = o["c"].as<double>();
    const auto points = apl::consistencyCurve(c);
    Vector n(points.size()), mse(points.size()), bias2(points.size()), variance(points.size()),
        width(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      n[Index(i)] = double(points[i].n);
      mse[Index(i)] = points[i].mse;
      bias2[Index(i)] = points[i].bias2;
      variance[Index(i)] = points[i].variance;
      width[Index(i)] = points[i].meanWidth;
    }
    val r = val::object();
    r.set("n", toFloat64Array(n));
    r.set("mse", toFloat64Array(mse));
    r.set("bias2", toFloat64Array(bias2));
    r.set("variance", toFloat64Array(variance));
    r.set("meanWidth", toFloat64Array(width));
    return r;
  });
}

val unitBall(val o) {
  return guarded([&] {
    const Matrix u =
        apl::unitBall(o["p"].as<double>(), Index(o["points"].as<double>()), toVector(o["width"]));
    val r = val::object();
    r.set("points", toFloat64Array(u));
    return r;
  });
}

val fitPowerLaw(val o) {
  return guarded([&] {
    std::optional<double> exponent;
    if (!o["exponent"].isNull()) exponent = o["exponent"].as<double>();
    const auto fit = apl::fitPowerLaw(toVector(o["x"]), toVector(o["y"]), exponent);
    val r = val::object();
    r.set("exponent", fit.exponent);
    r.set("coefficient", fit.coefficient);
    r.set("fitted", toFloat64Array(fit.fitted));
    r.set("used", int(fit.used));
    return r;
  });
}

val minimaxRate(val o) {
  return guarded([&] {
    val r = val::object();
    r.set("exponent",
          apl::minimaxRateExponent(Index(o["dim"].as<double>()), o["smoothness"].as<double>()));
    return r;
  });
}

// Results: 0 mse, 1 undefined.
val meanSquaredError(double predictionsAt, double predictionsLength, double truthAt,
                     double truthLength) {
  return guarded([&] {
    const auto e = apl::meanSquaredError(vectorAt(predictionsAt, predictionsLength),
                                         vectorAt(truthAt, truthLength));
    results().put(0, e.mse);
    results().put(1, double(e.undefined));
    return val::undefined();
  });
}

// The core's hard limits, read once by the JS layer so that it checks counts and sizes as JS
// numbers (before any conversion to int, which wraps at 2^31, and before anything is copied into
// the module's memory) against the same constants the core checks.
val limits(val) {
  val r = val::object();
  r.set("maxPoints", double(apl::kMaxPoints));
  r.set("maxDim", double(apl::kMaxDim));
  r.set("maxWeightEntries", double(apl::kMaxWeightEntries));
  r.set("maxAbsCoordinate", apl::kMaxAbsCoordinate);
  r.set("minWidth", apl::kMinWidth);
  r.set("maxWidth", apl::kMaxWidth);
  r.set("maxImageSide", double(apl::kMaxImageSide));
  r.set("maxEpochs", double(apl::kMaxEpochs));
  r.set("maxSeeds", double(apl::kMaxSeeds));
  r.set("maxNValues", double(apl::kMaxNValues));
  r.set("maxClasses", double(apl::kMaxClasses));
  r.set("minBallPoints", double(apl::kMinBallPoints));
  r.set("maxBallPoints", double(apl::kMaxBallPoints));
  r.set("maxSmoothness", apl::kMaxSmoothness);
  return r;
}

// Bytes of the WASM heap: the linear memory's size, what malloc has handed out, and the most
// malloc has ever held from the system (dlmalloc's max footprint). For leak tests and the
// benchmark's memory report.
val memoryStats(val) {
  const struct mallinfo m = mallinfo();
  val r = val::object();
  r.set("heapSize", double(emscripten::val::module_property("HEAP8")["length"].as<double>()));
  r.set("inUse", double(m.uordblks));
  r.set("peak", double(m.usmblks));
  return r;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attention_pooling_lab) {
  emscripten::function("makeDataset", &makeDataset);
  emscripten::function("attend", &attend);
  emscripten::function("attentionImage", &attentionImage);
  emscripten::function("kernelCurve", &kernelCurve);
  emscripten::function("dotProductAttention", &dotProductAttention);
  emscripten::function("maxAbsDifference", &maxAbsDifference);
  emscripten::function("meanSquaredError", &meanSquaredError);
  emscripten::function("train", &train);
  emscripten::function("lossLandscape", &lossLandscape);
  emscripten::function("predictParametric", &predictParametric);
  emscripten::function("parametricErrors", &parametricErrors);
  emscripten::function("parametricWeights", &parametricWeights);
  emscripten::function("looCurve", &looCurve);
  emscripten::function("selectWidth", &selectWidth);
  emscripten::function("ruleOfThumbWidth", &ruleOfThumbWidth);
  emscripten::function("classify", &classify);
  emscripten::function("consistency", &consistency);
  emscripten::function("unitBall", &unitBall);
  emscripten::function("fitPowerLaw", &fitPowerLaw);
  emscripten::function("minimaxRate", &minimaxRate);
  emscripten::function("memoryStats", &memoryStats);
  emscripten::function("limits", &limits);
  emscripten::function(
      "resultTable", +[] { return double(results().table()); });
  emscripten::function(
      "releaseResults", +[] { results().release(); });
}
