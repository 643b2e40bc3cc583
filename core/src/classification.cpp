#include "apl/classification.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <string>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ∫₀^∞ r^(d−1) k(r) dr for the integrable kernels (k as kernelValue defines it, ¾ included).
double radialMoment(Kernel kernel, double d) {
  switch (kernel) {
    case Kernel::Gaussian:
      return std::pow(2.0, 0.5 * d - 1.0) * std::tgamma(0.5 * d);
    case Kernel::Boxcar:
      return 1.0 / d;
    case Kernel::Triangular:
      return 1.0 / d - 1.0 / (d + 1.0);
    case Kernel::Epanechnikov:
      return 0.75 * (1.0 / d - 1.0 / (d + 2.0));
    default:
      return kNaN;  // constant, lenrek: not integrable
  }
}

// c with ∫_{R^d} k(‖z‖_p) dz = c: the p-ball of radius r has volume vol_p(d)·r^d, so
// dz = vol_p(d)·d·r^(d−1) dr, and vol_p(d) = (2Γ(1 + 1/p))^d / Γ(1 + d/p) (p = ∞: the cube, 2^d).
double normalizingConstant(Kernel kernel, Index dim, double p) {
  const double d = double(dim);
  const double logVolume =
      std::isinf(p) ? d * std::log(2.0)
                    : d * std::log(2.0 * std::tgamma(1.0 + 1.0 / p)) - std::lgamma(1.0 + d / p);
  return std::exp(logVolume) * d * radialMoment(kernel, d);
}

bool integrable(Kernel kernel) { return kernel != Kernel::Constant && kernel != Kernel::Lenrek; }

// p̂(q, y = c) = (1/n') Σ_{yᵢ = c} K_h(q − xᵢ), K_h(z) = k(‖z ∘ (1/h)‖_p) / (c·Π h_m); n' = n, or
// n − 1 with leave-one-out (query i is point i and is left out), so Σ_c ∫ p̂ = 1 either way.
Matrix parzenDensities(const Matrix& x, const std::vector<int>& classIndex, Index nClasses,
                       const Matrix& queries, const AttentionOptions& options) {
  const Index n = x.rows(), dim = x.cols();
  const Vector& h = options.metric.widths;
  const double volumeOfWidths = h.size() == 1 ? std::pow(h[0], double(dim)) : h.prod();
  const double nEffective = double(options.leaveOneOut ? n - 1 : n);
  const double scale = 1.0 / (normalizingConstant(options.kernel, dim, options.metric.p) *
                              volumeOfWidths * nEffective);
  Matrix density = Matrix::Zero(queries.rows(), nClasses);
  for (Index i = 0; i < queries.rows(); ++i) {
    for (Index j = 0; j < n; ++j) {
      if (options.leaveOneOut && j == i) continue;
      const double r = scaledDistance(queries.row(i).data(), x.row(j).data(), dim, options.metric);
      density(i, classIndex[j]) += kernelValue(options.kernel, r);
    }
  }
  return density * scale;
}

}  // namespace

Classification classify(const Matrix& x, const std::vector<int>& labels, const Matrix& queries,
                        const AttentionOptions& options) {
  detail::checkPoints(x, "x");
  detail::checkPoints(queries, "queries");
  detail::checkSameDim(x, "x", queries, "queries");
  if (Index(labels.size()) != x.rows())
    throw Error("labels", "has " + std::to_string(labels.size()) + " entries for " +
                              std::to_string(x.rows()) + " points; accepted: one per point");
  if (std::find(labels.begin(), labels.end(), INT_MIN) != labels.end())
    throw Error("labels",
                "contains -2147483648, the marker of an undefined query; accepted: "
                "integers > -2147483648");
  if (options.normalization != Normalization::Keys)
    throw Error("normalize",
                "queries normalisation does not give class posteriors; accepted: keys");
  validateMetric(options.metric, x.cols());
  if (options.leaveOneOut && (queries.rows() != x.rows() || queries != x || x.rows() < 2))
    throw Error("leaveOneOut",
                "needs the queries to be the training points and at least 2 of "
                "them; accepted: leaveOneOut false, or queries equal to x");

  Classification out;
  out.classes = labels;
  std::sort(out.classes.begin(), out.classes.end());
  out.classes.erase(std::unique(out.classes.begin(), out.classes.end()), out.classes.end());
  if (out.classes.size() > std::size_t(kMaxClasses))
    throw Error("labels", "has " + std::to_string(out.classes.size()) +
                              " distinct labels; accepted: at most 256 classes");
  const Index nClasses = Index(out.classes.size()), nq = queries.rows();
  std::vector<int> classIndex(labels.size());
  for (std::size_t j = 0; j < labels.size(); ++j)
    classIndex[j] = int(std::lower_bound(out.classes.begin(), out.classes.end(), labels[j]) -
                        out.classes.begin());

  // The posterior of class c is Nadaraya–Watson on the indicator values 1{yᵢ = c}: the one-hot
  // value vectors, one column at a time so no n_queries × n weight matrix is needed.
  AttentionOptions attention = options;
  attention.returnWeights = false;
  out.posteriors.resize(nq, nClasses);
  for (Index c = 0; c < nClasses; ++c) {
    Vector indicator(x.rows());
    for (Index j = 0; j < x.rows(); ++j) indicator[j] = classIndex[j] == c ? 1.0 : 0.0;
    Attention a = attend(queries, x, indicator, attention);
    out.posteriors.col(c) = a.predictions;
    if (c == 0) out.undefinedQueries = std::move(a.undefinedQueries);
  }

  out.labels.assign(nq, INT_MIN);
  for (Index i = 0; i < nq; ++i) {
    if (std::isnan(out.posteriors(i, 0))) {
      out.posteriors.row(i).setConstant(kNaN);  // undefined for every class alike
      continue;
    }
    Index best = 0;
    for (Index c = 1; c < nClasses; ++c)
      if (out.posteriors(i, c) > out.posteriors(i, best)) best = c;  // ties: lowest label
    out.labels[i] = out.classes[best];
  }

  if (integrable(options.kernel)) {
    out.parzen = parzenDensities(x, classIndex, nClasses, queries, options);
    if (nClasses == 2) out.decision = out.parzen.col(1) - out.parzen.col(0);
  }
  return out;
}

}  // namespace apl
