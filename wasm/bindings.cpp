// embind adapters: JS values in, core call, fresh typed arrays out. No math here.
// Every entry point returns either the result object or { error, parameter }: C++ exceptions are
// caught at this boundary, so none ever unwinds into JS (in emscripten 3.1.6 that leaks the shadow
// stack and the exception object). The JS layer (src/lab.js) turns { error } into a LabError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <new>
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
    const auto data = apl::makeDataset(d);
    val r = val::object();
    r.set("xTrain", toFloat64Array(data.xTrain));
    r.set("yTrain", toFloat64Array(data.yTrain));
    r.set("xTest", toFloat64Array(data.xTest));
    r.set("yTest", toFloat64Array(data.yTest));
    r.set("dim", int(data.xTrain.cols()));
    return r;
  });
}

val attend(val o) {
  return guarded([&] {
    const Index dim = Index(o["dim"].as<double>());
    const auto a = apl::attend(toMatrix(o["queries"], dim), toMatrix(o["keys"], dim),
                               toVector(o["values"]), toAttentionOptions(o));
    val r = val::object();
    r.set("weights", toFloat64Array(a.weights));
    r.set("predictions", toFloat64Array(a.predictions));
    r.set("undefinedQueries", toInt32Array(a.undefinedQueries));
    return r;
  });
}

val kernelCurve(val o) {
  return guarded([&] {
    const auto kernel = apl::parseKernel(o["kernel"].as<std::string>());
    const double offset = o["offset"].as<double>();
    const Vector u = toVector(o["u"]);
    Vector k(u.size());
    for (Index i = 0; i < u.size(); ++i) k[i] = apl::kernelValue(kernel, std::abs(u[i]), offset);
    val r = val::object();
    r.set("values", toFloat64Array(k));
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

// Bytes of the WASM heap: the linear memory's size and what malloc has handed out. For leak tests
// and the benchmark's memory report.
val memoryStats(val) {
  val r = val::object();
  r.set("heapSize", double(emscripten::val::module_property("HEAP8")["length"].as<double>()));
  r.set("inUse", double(mallinfo().uordblks));
  return r;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attention_pooling_lab) {
  emscripten::function("makeDataset", &makeDataset);
  emscripten::function("attend", &attend);
  emscripten::function("kernelCurve", &kernelCurve);
  emscripten::function("meanSquaredError", &meanSquaredError);
  emscripten::function("memoryStats", &memoryStats);
}
