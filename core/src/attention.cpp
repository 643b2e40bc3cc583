#include "apl/attention.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkInputs(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options) {
  detail::checkPoints(queries, "queries");
  detail::checkPoints(keys, "keys");
  detail::checkSameDim(keys, "keys", queries, "queries");
  detail::checkValues(values, keys.rows(), "values");
  validateMetric(options.metric, keys.cols());
  detail::checkRange(options.offset, 0.0, kMaxAbsCoordinate, "offset", "a number from 0 to 1e9");
  if (options.leaveOneOut && (queries.rows() != keys.rows() || queries != keys))
    throw Error("leaveOneOut",
                "needs the queries to be the keys (query i leaves out key i); "
                "accepted: leaveOneOut false, or queries equal to keys");
  const bool needMatrix = options.returnWeights || options.normalization == Normalization::Queries;
  if (needMatrix && double(queries.rows()) * double(keys.rows()) > double(kMaxWeightEntries))
    throw Error("queries", std::to_string(queries.rows()) + " x " + std::to_string(keys.rows()) +
                               " weights; accepted: at most 25,000,000 (set returnWeights false "
                               "for predictions only, with keys normalisation)");
}

// Unnormalised attention of one query over all keys, written to `row`. For the Gaussian the row
// holds exp(s − max s), s = −r²/2, so the largest entry is 1 and the row sum is ≥ 1: never 0/0.
// The left-out key (leaveOneOut) gets 0. Returns false when the query has no key at all.
bool kernelRow(const double* q, Index self, const Matrix& keys, const AttentionOptions& options,
               double* row) {
  const Index nk = keys.rows(), dim = keys.cols();
  if (options.kernel == Kernel::Gaussian) {
    double best = -std::numeric_limits<double>::infinity();
    for (Index j = 0; j < nk; ++j) {
      if (j == self) continue;
      const double r = scaledDistance(q, keys.row(j).data(), dim, options.metric);
      row[j] = -0.5 * r * r;
      best = std::max(best, row[j]);
    }
    if (std::isinf(best)) return false;  // no key: leave-one-out with n = 1
    for (Index j = 0; j < nk; ++j) row[j] = j == self ? 0.0 : std::exp(row[j] - best);
    return true;
  }
  for (Index j = 0; j < nk; ++j)
    row[j] = j == self ? 0.0
                       : kernelValue(options.kernel,
                                     scaledDistance(q, keys.row(j).data(), dim, options.metric),
                                     options.offset);
  return true;
}

// Over keys: each row divided by its sum; a zero row (no key within reach) is undefined.
void normalizeRows(Matrix& k, const Vector& values, Attention& out) {
  for (Index i = 0; i < k.rows(); ++i) {
    const double sum = k.row(i).sum();
    if (sum > 0.0) {
      k.row(i) /= sum;
      out.predictions[i] = k.row(i).dot(values);
    } else {
      k.row(i).setConstant(kNaN);
      out.predictions[i] = kNaN;
    }
  }
}

// Over queries (the forum's Lenrek "as written"). A key no query reaches has an undefined column,
// and since every prediction sums over all keys, those predictions are undefined too.
void normalizeColumns(Matrix& k, const Vector& values, Attention& out) {
  for (Index j = 0; j < k.cols(); ++j) {
    const double sum = k.col(j).sum();
    if (sum > 0.0)
      k.col(j) /= sum;
    else
      k.col(j).setConstant(kNaN);
  }
  out.predictions = k * values;
}

}  // namespace

Normalization parseNormalization(const std::string& name) {
  if (name == "keys") return Normalization::Keys;
  if (name == "queries") return Normalization::Queries;
  throw Error("normalize", "unknown normalisation '" + name + "'; accepted: keys, queries");
}

Attention attend(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options) {
  checkInputs(queries, keys, values, options);
  const Index nq = queries.rows(), nk = keys.rows();
  Attention out;
  out.predictions.resize(nq);

  if (options.normalization == Normalization::Queries || options.returnWeights) {
    Matrix k(nq, nk);
    for (Index i = 0; i < nq; ++i)
      if (!kernelRow(queries.row(i).data(), options.leaveOneOut ? i : -1, keys, options,
                     k.row(i).data()))
        k.row(i).setZero();
    if (options.normalization == Normalization::Queries && options.kernel == Kernel::Gaussian) {
      // Rows were scaled by their own max; column normalisation needs the raw exp(−r²/2), so
      // redo the columns with a per-column max-subtracted softmax instead.
      for (Index j = 0; j < nk; ++j) {
        double best = -std::numeric_limits<double>::infinity();
        for (Index i = 0; i < nq; ++i) {
          if (options.leaveOneOut && i == j) continue;
          const double r = scaledDistance(queries.row(i).data(), keys.row(j).data(), keys.cols(),
                                          options.metric);
          k(i, j) = -0.5 * r * r;
          best = std::max(best, k(i, j));
        }
        for (Index i = 0; i < nq; ++i)
          k(i, j) =
              (options.leaveOneOut && i == j) || std::isinf(best) ? 0.0 : std::exp(k(i, j) - best);
      }
    }
    if (options.normalization == Normalization::Keys)
      normalizeRows(k, values, out);
    else
      normalizeColumns(k, values, out);
    if (options.returnWeights) out.weights = std::move(k);
  } else {
    Vector row(nk);
    for (Index i = 0; i < nq; ++i) {
      const bool any =
          kernelRow(queries.row(i).data(), options.leaveOneOut ? i : -1, keys, options, row.data());
      const double sum = any ? row.sum() : 0.0;
      out.predictions[i] = sum > 0.0 ? row.dot(values) / sum : kNaN;
    }
  }
  for (Index i = 0; i < nq; ++i)
    if (std::isnan(out.predictions[i])) out.undefinedQueries.push_back(static_cast<int>(i));
  return out;
}

}  // namespace apl
