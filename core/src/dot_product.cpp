#include "apl/dot_product.hpp"

#include <cmath>
#include <string>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

double dotProductScaleOfWidth(double width) {
  detail::checkRange(width, kMinWidth, kMaxWidth, "width", "a finite number in [1e-9, 1e9]");
  return width * width;
}

DotProductAttention dotProductAttention(const Matrix& queries, const Matrix& keys,
                                        const Vector& values, double scale, bool returnWeights) {
  detail::checkPoints(keys, "keys");
  detail::checkPoints(queries, "queries");
  detail::checkSameDim(keys, "keys", queries, "queries");
  detail::checkValues(values, keys.rows(), "values");
  detail::checkRange(scale, kMinWidth * kMinWidth, kMaxWidth * kMaxWidth, "scale",
                     "a finite number in [1e-18, 1e18]");
  const Index nq = queries.rows(), nk = keys.rows();
  if (returnWeights && double(nq) * double(nk) > double(kMaxWeightEntries))
    throw Error("queries", std::to_string(nq) + " × " + std::to_string(nk) +
                               " weights exceed the cap; accepted: n_queries × n_keys ≤ " +
                               std::to_string(kMaxWeightEntries) + ", or returnWeights: false");

  DotProductAttention out;
  out.predictions.resize(nq);
  if (returnWeights) out.weights.resize(nq, nk);
  Vector score(nk);
  for (Index i = 0; i < nq; ++i) {
    // |qᵀk| ≤ d·1e18 with |x| ≤ 1e9, so scores are finite; dividing by scale ≥ 1e-18 may still
    // overflow to ±inf, which the max-subtraction below would turn into NaN: clamp first.
    double top = -INFINITY;
    for (Index j = 0; j < nk; ++j) {
      double s = queries.row(i).dot(keys.row(j)) / scale;
      if (s > 1e300) s = 1e300;
      if (s < -1e300) s = -1e300;
      score[j] = s;
      if (s > top) top = s;
    }
    double total = 0.0, pooled = 0.0;
    for (Index j = 0; j < nk; ++j) {
      score[j] = std::exp(score[j] - top);  // ≤ 1, and 1 at the largest score: total ≥ 1
      total += score[j];
      pooled += score[j] * values[j];
    }
    out.predictions[i] = pooled / total;
    if (returnWeights) out.weights.row(i) = score.transpose() / total;
  }
  return out;
}

}  // namespace apl
