// embind adapters: JS values in, core call, fresh typed arrays out. No math here.
// Every entry point returns either the result object or { error, parameter }: C++ exceptions are
// caught at this boundary, so none ever unwinds into JS (in emscripten 3.1.6 that leaks the shadow
// stack and the exception object). The JS layer (src/lab.js) turns { error } into a LabError.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

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

Matrix toMatrix(const val& array, Index dim) {
  const auto v = emscripten::convertJSArrayToNumberVector<double>(array);
  return Eigen::Map<const Matrix>(v.data(), Index(v.size()) / dim, dim);
}

val toFloat64Array(const double* data, Index n) {
  if (n == 0) return val::global("Float64Array").new_(0);
  return val::global("Float64Array").new_(emscripten::typed_memory_view(size_t(n), data));
}
val toFloat64Array(const Vector& v) { return toFloat64Array(v.data(), v.size()); }
val toFloat64Array(const Matrix& m) { return toFloat64Array(m.data(), m.size()); }

val toInt32Array(const std::vector<int>& v) {
  if (v.empty()) return val::global("Int32Array").new_(0);
  return val::global("Int32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

apl::Metric toMetric(const val& o) { return {toVector(o["width"]), o["p"].as<double>()}; }

apl::AttentionOptions toAttentionOptions(const val& o) {
  apl::AttentionOptions a;
  a.kernel = apl::parseKernel(o["kernel"].as<std::string>());
  a.metric = toMetric(o);
  a.offset = o["offset"].as<double>();
  a.leaveOneOut = o["leaveOneOut"].as<bool>();
  a.normalization = apl::parseNormalization(o["normalize"].as<std::string>());
  a.returnWeights = o["returnWeights"].as<bool>();
  a.algorithm = apl::parseAlgorithm(o["algorithm"].as<std::string>());
  return a;
}

template <class F>
val guarded(F&& body) {
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

// The weights go from the core's blocks of rows straight into one JS array, so that the
// n_queries × n_keys matrix never exists in the WASM heap as well (half the memory traffic).
val attend(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const Matrix queries = toMatrix(o["queries"], dim), keys = toMatrix(o["keys"], dim);
    const Vector values = toVector(o["values"]);
    const auto options = toAttentionOptions(o);
    val weights = val::global("Float64Array").new_(0);
    apl::Attention a;
    if (options.returnWeights) {
      const Index nk = keys.rows();
      bool first = true;  // the array is made once the core has accepted the input
      a = apl::attend(
          queries, keys, values, options, [&](Index row, Index rows, const double* data) {
            if (first) weights = val::global("Float64Array").new_(double(queries.rows() * nk));
            first = false;
            weights.call<void>("set", val(emscripten::typed_memory_view(size_t(rows * nk), data)),
                               double(row * nk));
          });
    } else {
      a = apl::attend(queries, keys, values, options);
    }
    val r = val::object();
    r.set("weights", weights);
    r.set("predictions", toFloat64Array(a.predictions));
    r.set("undefinedQueries", toInt32Array(a.undefinedQueries));
    return r;
  });
}

val attentionImage(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const auto a = apl::attentionImage(
        toMatrix(o["queries"], dim), toMatrix(o["keys"], dim), toVector(o["values"]),
        toAttentionOptions(o), Index(o["rows"].as<double>()), Index(o["cols"].as<double>()));
    val r = val::object();
    r.set("image", toFloat64Array(a.image));
    r.set("rows", int(a.image.rows()));
    r.set("cols", int(a.image.cols()));
    r.set("predictions", toFloat64Array(a.predictions));
    r.set("undefinedQueries", toInt32Array(a.undefinedQueries));
    return r;
  });
}

// scale, or (when the JS layer passes width > 0) the scale the core derives from the width.
val dotProductAttention(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const double width = o["width"].as<double>();
    const double scale = width > 0 ? apl::dotProductScaleOfWidth(width) : o["scale"].as<double>();
    const auto a =
        apl::dotProductAttention(toMatrix(o["queries"], dim), toMatrix(o["keys"], dim),
                                 toVector(o["values"]), scale, o["returnWeights"].as<bool>());
    val r = val::object();
    r.set("weights", toFloat64Array(a.weights));
    r.set("predictions", toFloat64Array(a.predictions));
    r.set("scale", scale);
    return r;
  });
}

val maxAbsDifference(val o) {
  return guarded([&] {
    val r = val::object();
    r.set("value", apl::maxAbsDifference(toVector(o["a"]), toVector(o["b"])));
    return r;
  });
}

val kernelCurve(val o) {
  return guarded([&] {
    const auto kernel = apl::parseKernel(o["kernel"].as<std::string>());
    const double offset = o["offset"].as<double>();
    val r = val::object();
    r.set("values", toFloat64Array(apl::kernelCurve(kernel, toVector(o["u"]), offset)));
    return r;
  });
}

apl::ParametricModel toModel(const val& o) {
  apl::ParametricModel m;
  m.kernel = apl::parseKernel(o["kernel"].as<std::string>());
  m.placement = apl::parsePlacement(o["placement"].as<std::string>());
  m.p = o["p"].as<double>();
  m.offset = o["offset"].as<double>();
  m.leaveOneOut = o["leaveOneOut"].as<bool>();
  m.reduction = apl::parseReduction(o["reduction"].as<std::string>());
  return m;
}

val train(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    apl::TrainOptions t;
    t.model = toModel(o);
    t.w0 = toVector(o["w0"]);
    t.lr = o["lr"].as<double>();
    t.epochs = int(o["epochs"].as<double>());
    t.optimizer = apl::parseOptimizer(o["optimizer"].as<std::string>());
    const auto result = apl::train(toMatrix(o["x"], dim), toVector(o["y"]), t);
    val r = val::object();
    r.set("w", toFloat64Array(result.w));
    r.set("loss", toFloat64Array(result.loss));
    r.set("grad", toFloat64Array(result.grad));
    return r;
  });
}

// The loss and its gradient at each of several w (rows of `ws`, each of size 1 or dim).
val lossLandscape(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const Index size = Index(o["wSize"].as<double>());
    const auto l = apl::parametricLandscape(toMatrix(o["x"], dim), toVector(o["y"]),
                                            toMatrix(o["ws"], size), toModel(o));
    val r = val::object();
    r.set("loss", toFloat64Array(l.loss));
    r.set("grad", toFloat64Array(l.grad));
    return r;
  });
}

val predictParametric(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const Vector f = apl::parametricPredict(toMatrix(o["queries"], dim), toMatrix(o["keys"], dim),
                                            toVector(o["values"]), toVector(o["w"]), toModel(o));
    val r = val::object();
    r.set("predictions", toFloat64Array(f));
    return r;
  });
}

val parametricWeights(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const Matrix a = apl::parametricWeights(toMatrix(o["queries"], dim), toMatrix(o["keys"], dim),
                                            toVector(o["w"]), toModel(o));
    val r = val::object();
    r.set("weights", toFloat64Array(a));
    return r;
  });
}

val looCurve(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const auto kernel = apl::parseKernel(o["kernel"].as<std::string>());
    const auto algorithm = apl::parseAlgorithm(o["algorithm"].as<std::string>());
    // perCoordinate: widths is a flat rows × dim array, one width per coordinate per row.
    const auto points =
        o["perCoordinate"].as<bool>()
            ? apl::looCurvePerCoordinate(toMatrix(o["x"], dim), toVector(o["y"]), kernel,
                                         o["p"].as<double>(), toMatrix(o["widths"], dim), algorithm)
            : apl::looCurve(toMatrix(o["x"], dim), toVector(o["y"]), kernel, o["p"].as<double>(),
                            toVector(o["widths"]), algorithm);
    Vector mse(points.size());
    std::vector<int> undefinedCounts(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      mse[Index(i)] = points[i].mse;
      undefinedCounts[i] = int(points[i].undefined);
    }
    val r = val::object();
    r.set("mse", toFloat64Array(mse));
    r.set("undefined", toInt32Array(undefinedCounts));
    return r;
  });
}

val selectWidth(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const auto s = apl::selectWidth(
        toMatrix(o["x"], dim), toVector(o["y"]), apl::parseKernel(o["kernel"].as<std::string>()),
        o["p"].as<double>(), apl::parseAlgorithm(o["algorithm"].as<std::string>()));
    val r = val::object();
    r.set("width", s.width);
    r.set("mse", s.mse);
    r.set("lo", s.lo);
    r.set("hi", s.hi);
    r.set("atBoundary", s.atBoundary);
    return r;
  });
}

val ruleOfThumbWidth(val o) {
  return guarded([&] {
    val r = val::object();
    r.set("width", apl::ruleOfThumbWidth(toMatrix(o["x"], Index(o["dim"].as<double>()))));
    return r;
  });
}

val classify(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    std::vector<int> labels;
    for (double v : emscripten::convertJSArrayToNumberVector<double>(o["labels"]))
      labels.push_back(int(v));
    const auto c = apl::classify(toMatrix(o["x"], dim), labels, toMatrix(o["queries"], dim),
                                 toAttentionOptions(o));
    val r = val::object();
    r.set("classes", toInt32Array(c.classes));
    r.set("posteriors", toFloat64Array(c.posteriors));
    r.set("labels", toInt32Array(c.labels));
    r.set("parzen", c.parzen.size() ? toFloat64Array(c.parzen) : val::null());
    r.set("decision", c.decision.size() ? toFloat64Array(c.decision) : val::null());
    r.set("undefinedQueries", toInt32Array(c.undefinedQueries));
    return r;
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

val meanSquaredError(val o) {
  return guarded([&] {
    const auto e = apl::meanSquaredError(toVector(o["predictions"]), toVector(o["truth"]));
    val r = val::object();
    r.set("mse", e.mse);
    r.set("undefined", int(e.undefined));
    return r;
  });
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
}
