#include "apl/attention.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <string>

#include "apl/detail/exp_f64x2.hpp"
#include "apl/detail/fast_exp.hpp"
#include "apl/detail/fast_pow.hpp"
#include "apl/detail/gaussian_row.hpp"
#include "apl/detail/minkowski_scores.hpp"
#include "apl/detail/partial_sums.hpp"
#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

// Why skipping Gaussian weights below e^−c cannot change a float64 result (c = kGaussianCut).
// For one query the brute force computes K_j = exp(s_j − max s) ∈ (0, 1] with s_j = −r_j²/2; the
// maximising key has K = 1, so S = Σ K_j ≥ 1. Drop the set D of keys with s_j − max s < −c, each
// with K_j < e^−c, and let δ = Σ_D K_j < n·e^−c. With n ≤ kMaxPoints = 200000 < 2^18 and
// c = 82·ln 2 ≈ 56.84 < 57, δ < 2^18·2^−82 = 2^−64. Then
//   * the normaliser S − δ ≥ 1 − 2^−64 > 0: never 0/0, the maximising key is always kept;
//   * a kept weight K_j/(S − δ) differs from K_j/S by the factor 1/(1 − δ/S), relative 2^−64 —
//     1/2048 of the rounding unit 2^−53 that the brute force's own division already commits;
//   * a dropped weight is < e^−c/S < 2^−82 absolute, where the brute force would report a
//     number below 2^−82 that the 1e−12 comparisons (and any plot) cannot tell from 0;
//   * the prediction f = Σ K_j v_j / S moves by |Σ_D K_j (v_j − f')|/S ≤ δ·2·max|v| <
//     2^−63·max|v|, while summing n terms in floating point already carries an error bound of
//     n·2^−53·max|v|.
// So the fast result agrees with the brute force to well within the brute force's own error.
const double kGaussianCut = 57.0;

namespace {

using detail::dotOf;
using detail::sumOf;

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

// ---- fast path (keys normalisation; Gaussian and compact kernels) -----------------------------
//
// Keys are visited in ascending order of their first coordinate. Every Minkowski norm bounds
// each coordinate, |q₁ − k₁|/h₁ ≤ r, so a key whose first coordinate is farther than R·h₁ from the
// query's has r > R: compact kernels (K = 0 for r ≥ 1) need only the keys within h₁ (a binary
// search in any dimension). The Gaussian needs the nearest key first: in one dimension it is a
// neighbour of the query's sorted position, which gives the window of the cut below; in more
// dimensions the whole key set is scored (cheap) and only the exps of cut keys are skipped.
// Distances are computed exactly as the brute force does (scaledDistance, or its 1-D formula), so
// a compact kernel includes exactly the same keys and, in more dimensions, the Gaussian's s − max s
// is bit-identical (except at a general p for queries sharing coordinate values, scored from
// tables: a few ulp, detail::MinkowskiScores); only e^x differs (detail::expNonPositive, ≤ 2 ulp).
// The 1-D Gaussian forms
// s − max s without a division and without cancellation (gaussian() below): a few ulp from its
// exact value, where the brute force's can be much farther for queries far from every key.

bool fastPathApplies(const AttentionOptions& options) {
  if (options.algorithm != Algorithm::Auto || options.normalization != Normalization::Keys)
    return false;
  return options.kernel == Kernel::Gaussian || hasCompactSupport(options.kernel);
}

class FastRows {
 public:
  FastRows(const Matrix& keys, const AttentionOptions& options)
      : options_(options), nk_(keys.rows()), dim_(keys.cols()) {
    bool sorted = true;
    for (Index j = 1; j < nk_ && sorted; ++j) sorted = keys(j - 1, 0) <= keys(j, 0);
    if (!sorted) {
      order_.resize(std::size_t(nk_));
      std::iota(order_.begin(), order_.end(), Index(0));
      std::stable_sort(order_.begin(), order_.end(),
                       [&](Index a, Index b) { return keys(a, 0) < keys(b, 0); });
      rank_.resize(std::size_t(nk_));
      for (Index s = 0; s < nk_; ++s) rank_[std::size_t(order_[std::size_t(s)])] = s;
      sortedKeys_.resize(nk_, dim_);
      for (Index s = 0; s < nk_; ++s) sortedKeys_.row(s) = keys.row(order_[std::size_t(s)]);
    }
    const Matrix& k = sorted ? keys : sortedKeys_;
    first_.resize(std::size_t(nk_));
    for (Index s = 0; s < nk_; ++s) first_[std::size_t(s)] = k(s, 0);
    k_ = &k;
    if (byCoordinate()) {
      coords_ = k.transpose();
      largest_.resize(std::size_t(nk_));
    }
    row_.resize(std::size_t(nk_));
    h1_ = options.metric.widths[0];
  }

  // Multi-D Gaussian rows at a general p for these queries score pairs from tables of the
  // queries' shared coordinate values when that pays (detail::MinkowskiScores; then r differs from
  // scaledDistance's by a few ulp instead of being bit-identical). Call before compute().
  void shareQueryCoordinates(const Matrix& queries) {
    const double p = options_.metric.p;
    if (!byCoordinate() || p == 1.0 || p == 2.0 || std::isinf(p)) return;
    shared_ = std::make_unique<detail::MinkowskiScores>(coords_, queries, options_.metric);
    if (!shared_->active()) shared_.reset();
  }

  // Original index of the key at sorted position s.
  Index original(Index s) const { return order_.empty() ? s : order_[std::size_t(s)]; }
  // Sorted position of original key j (−1 stays −1).
  Index sortedPosition(Index j) const { return j < 0 || rank_.empty() ? j : rank_[std::size_t(j)]; }

  // Unnormalised weights of query q over sorted positions [lo, hi), written to row[lo, hi) (row
  // has n_keys entries in sorted order; null: an internal buffer) and read back by weight(s) and
  // window(); every key outside has weight 0 and its entry is left untouched. `self` is a sorted
  // position to leave out (−1: none). Returns the row sum (0: no key within reach, or no key).
  double compute(const double* q, Index self, double* row = nullptr) {
    rowData_ = row ? row : row_.data();
    lo_ = 0;
    hi_ = nk_;
    if (options_.kernel == Kernel::Gaussian) return gaussian(q, self);
    window(q[0], h1_);  // compact support: K = 0 for r ≥ 1, and r ≥ |q₁ − k₁|/h₁
    for (Index s = lo_; s < hi_; ++s)
      rowData_[s] = s == self ? 0.0 : kernelValue(options_.kernel, distance(q, s), options_.offset);
    return sumOf(rowData_ + lo_, hi_ - lo_);
  }
  Index lo() const { return lo_; }
  Index hi() const { return hi_; }
  double weight(Index s) const { return rowData_[s]; }
  // The weights of [lo, hi) as a vector.
  Eigen::Map<const Vector> window() const { return {rowData_ + lo_, hi_ - lo_}; }
  bool identityOrder() const { return order_.empty(); }

 private:
  double distance(const double* q, Index s) const {
    // The 1-D branch of scaledDistance, inlined for speed; the same operations, so bit-identical.
    if (dim_ == 1) return std::abs(q[0] - first_[std::size_t(s)]) / h1_;
    return scaledDistance(q, k_->row(s).data(), dim_, options_.metric);
  }

  // Sorted positions whose first coordinate lies within `radius` of x, widened so that rounding
  // in x ± radius can never exclude a key the exact comparison would keep: a key outside has
  // |x − k| > 1.0009·radius even after rounding, hence r > 1.0008·(radius/h₁).
  void window(double x, double radius) {
    const double margin = 1e-3 * radius + 1e-12 * std::abs(x);
    const double a = x - (radius + margin), b = x + (radius + margin);
    lo_ = Index(std::lower_bound(first_.begin(), first_.end(), a) - first_.begin());
    hi_ = Index(std::upper_bound(first_.begin(), first_.end(), b) - first_.begin());
  }

  double gaussian(const double* q, Index self) {
    if (nk_ == 1 && self == 0) return 0.0;  // leave-one-out with a single key: no key at all
    double* row = rowData_;
    if (dim_ == 1) {
      // Nearest other key: the last key left of q and the first at or right of q, skipping self.
      // Rounding is monotone, so the largest score s = −r²/2 over all keys is the nearest key's,
      // bit for bit as the loop below computes it: no separate pass for the maximum.
      const Index pos =
          Index(std::lower_bound(first_.begin(), first_.end(), q[0]) - first_.begin());
      Index left = pos - 1, right = pos;
      if (left == self) --left;
      if (right == self) ++right;
      const double q0 = q[0], h = h1_;
      const double* first = first_.data();
      double nearest = std::numeric_limits<double>::infinity();  // |q − k| of the nearest key
      if (left >= 0) nearest = std::min(nearest, std::abs(q0 - first[left]));
      if (right < nk_) nearest = std::min(nearest, std::abs(q0 - first[right]));
      // s − max s ≥ −c ⟺ r² ≤ r_min² + 2c.
      const double rMin = nearest / h;
      window(q0, h * std::sqrt(rMin * rMin + 2.0 * kGaussianCut));
      const detail::ExpConstants ec = detail::loopExpConstants();
      // One branch-free pass that compilers vectorise: score and exp. The window is the cut: the
      // keys outside it all have s − max s < −c, the keys inside keep their weight even where the
      // margin lets in one below e^−c (dropping fewer keys only shrinks the δ of the proof above).
      // s − max s = −(a² − a*²)/(2h²) with a = |q − k| and a* the nearest key's, written as
      // c·(a − a*)(a + a*): no division per key (the slowest f64x2 operation in WASM), a result
      // ≤ 0 whose relative error is a few ulp of itself (a ≥ a* exactly: the rounded |q − k| is
      // monotone in k on either side of q), where −½r² − max s loses digits when both are large.
      detail::gaussianRow1d(first, lo_, hi_, q0, nearest, -0.5 / (h * h), row, ec);
      if (self >= lo_ && self < hi_) row[self] = 0.0;  // its (finite) value above is discarded
      return sumOf(row + lo_, hi_ - lo_);
    }
    if (byCoordinate()) {
      scoreByCoordinate(q, row);
    } else {
      for (Index s = lo_; s < hi_; ++s) {
        const double r = distance(q, s);
        row[s] = -0.5 * r * r;
      }
    }
    // The left-out key scores −∞, so it gets weight 0 below (and never feeds e^x a positive x).
    if (self >= lo_ && self < hi_) row[self] = -std::numeric_limits<double>::infinity();
    const double best = detail::maxOf(row + lo_, hi_ - lo_);
    const detail::ExpConstants ec = detail::loopExpConstants();
    Index s = lo_;
#if defined(__wasm_simd128__)
    // Two lanes at a time, for the reason of detail/exp_f64x2.hpp; the mask keeps e^d where
    // d ≥ −cut and gives +0 elsewhere, the scalar loop's bits.
    const detail::ExpF64x2 e(ec);
    const v128_t vBest = wasm_f64x2_splat(best), vCut = wasm_f64x2_splat(-kGaussianCut);
    for (; s + 2 <= hi_; s += 2) {
      const v128_t d = wasm_f64x2_sub(wasm_v128_load(row + s), vBest);
      wasm_v128_store(row + s, wasm_v128_and(detail::expNonPositive(d, e), wasm_f64x2_ge(d, vCut)));
    }
#endif
    for (; s < hi_; ++s) {
      const double d = row[s] - best;
      const double e = detail::expNonPositive(d, ec);
      row[s] = d >= -kGaussianCut ? e : 0.0;
    }
    return sumOf(row + lo_, hi_ - lo_);
  }

  // Multi-D Gaussian rows are scored one coordinate at a time over all keys (keys stored by
  // coordinate): flat loops that compilers vectorise, with scaledDistance's operations in its
  // order, so r is the same to the bit (at a general p too: both use detail::powNonNegative),
  // unless shareQueryCoordinates() found tables that pay.
  bool byCoordinate() const { return options_.kernel == Kernel::Gaussian && dim_ >= 2; }

  void scoreByCoordinate(const double* q, double* row) {
    const double p = options_.metric.p;
    if (!(p == 1.0 || p == 2.0 || std::isinf(p))) return scoreGeneralP(q, row);
    const Index lo = lo_, hi = hi_;
    const Vector& widths = options_.metric.widths;
    std::fill(row + lo, row + hi, 0.0);
    for (Index m = 0; m < dim_; ++m) {
      const double qm = q[m], hm = widths[widths.size() > 1 ? m : 0];
      const double* km = coords_.row(m).data();
      if (p == 2.0) {
        for (Index s = lo; s < hi; ++s) {
          const double u = (qm - km[s]) / hm;
          row[s] += u * u;
        }
      } else if (p == 1.0) {
        for (Index s = lo; s < hi; ++s) row[s] += std::abs(qm - km[s]) / hm;
      } else {
        for (Index s = lo; s < hi; ++s) row[s] = std::max(row[s], std::abs(qm - km[s]) / hm);
      }
    }
    for (Index s = lo; s < hi; ++s) {
      const double r = p == 2.0 ? std::sqrt(row[s]) : row[s];
      row[s] = -0.5 * r * r;
    }
  }

  // scaledDistance's general-p branch over all keys: the largest scaled coordinate m (into
  // largest_), then Σ (|u_i|/m)^p (into row), then r = m·(Σ)^(1/p); a key at distance 0 has r = 0.
  void scoreGeneralP(const double* q, double* row) {
    if (shared_) return shared_->score(q, lo_, hi_, row);
    const Index lo = lo_, hi = hi_;
    const double p = options_.metric.p, inverse = 1.0 / p;
    const Vector& widths = options_.metric.widths;
    const detail::PowConstants c = detail::loopPowConstants();
    if (dim_ == 2) {
      // The larger scaled coordinate's term is (m/m)^p = 1 exactly, so Σ = 1 + (smaller/m)^p: one
      // power per key instead of two, the same sum to the bit (two terms add in either order).
      const double q0 = q[0], q1 = q[1], h0 = widths[0], h1 = widths[widths.size() > 1 ? 1 : 0];
      const double *k0 = coords_.row(0).data(), *k1 = coords_.row(1).data();
      APL_VECTORIZE_LOOP
      for (Index s = lo; s < hi; ++s) {
        const double a = std::abs(q0 - k0[s]) / h0, b = std::abs(q1 - k1[s]) / h1;
        const double m = std::max(a, b), smaller = a < b ? a : b;
        const double sum = 1.0 + detail::powNonNegative(m > 0.0 ? smaller / m : 0.0, p, c);
        const double r = m * detail::powNonNegative(sum, inverse, c);
        row[s] = m > 0.0 ? -0.5 * r * r : -0.0;
      }
      return;
    }
    double* largest = largest_.data();
    std::fill(largest + lo, largest + hi, 0.0);
    for (Index m = 0; m < dim_; ++m) {
      const double qm = q[m], hm = widths[widths.size() > 1 ? m : 0];
      const double* km = coords_.row(m).data();
      for (Index s = lo; s < hi; ++s) largest[s] = std::max(largest[s], std::abs(qm - km[s]) / hm);
    }
    std::fill(row + lo, row + hi, 0.0);
    for (Index m = 0; m < dim_; ++m) {
      const double qm = q[m], hm = widths[widths.size() > 1 ? m : 0];
      const double* km = coords_.row(m).data();
      APL_VECTORIZE_LOOP
      for (Index s = lo; s < hi; ++s) {
        // 0/0 for a key at distance 0 is replaced below; the select keeps the loop branch-free.
        const double ratio = largest[s] > 0.0 ? std::abs(qm - km[s]) / hm / largest[s] : 0.0;
        row[s] += detail::powNonNegative(ratio, p, c);
      }
    }
    APL_VECTORIZE_LOOP
    for (Index s = lo; s < hi; ++s) {
      const double r = largest[s] * detail::powNonNegative(row[s], inverse, c);  // 0 for m = 0
      row[s] = -0.5 * r * r;
    }
  }

  const AttentionOptions& options_;
  Index nk_, dim_;
  std::vector<Index> order_, rank_;
  Matrix sortedKeys_;
  const Matrix* k_ = nullptr;
  Matrix coords_;                // byCoordinate(): the keys in sorted order, one coordinate per row
  std::vector<double> largest_;  // scoreGeneralP's per-key largest scaled coordinate
  std::unique_ptr<detail::MinkowskiScores> shared_;  // shareQueryCoordinates(), when it applies
  std::vector<double> first_, row_;
  double* rowData_ = nullptr;  // where the last compute() wrote: row_ or the caller's row
  double h1_ = 1.0;
  Index lo_ = 0, hi_ = 0;
};

// The fast path. Without a sink the weights (if requested) are returned whole; with one they go to
// it in blocks of rows and the result's weights stay empty.
Attention attendFast(const Matrix& queries, const Matrix& keys, const Vector& values,
                     const AttentionOptions& options, const WeightRowsSink* sink) {
  const Index nq = queries.rows(), nk = keys.rows();
  Attention out;
  out.predictions.resize(nq);
  const bool weights = options.returnWeights;
  const Index blockRows = !weights ? 0
                          : sink   ? std::max<Index>(1, std::min(nq, kSinkBlockEntries / nk))
                                   : nq;
  Matrix block(blockRows, nk);  // each row is written in full below
  FastRows rows(keys, options);
  rows.shareQueryCoordinates(queries);
  // Query i's prediction, and its weights into w (n_keys entries) when weights are requested.
  const auto row = [&](Index i, double* w) {
    const Index self = options.leaveOneOut ? rows.sortedPosition(i) : -1;
    // Keys in their given order: the weights go straight into w and are normalised in place.
    double* direct = w && rows.identityOrder() ? w : nullptr;
    const double sum = rows.compute(queries.row(i).data(), self, direct);
    if (!(sum > 0.0)) {
      out.predictions[i] = kNaN;
      if (w) std::fill(w, w + nk, kNaN);
      return;
    }
    const Index lo = rows.lo(), n = rows.hi() - lo;
    const auto k = rows.window();
    if (rows.identityOrder()) {
      out.predictions[i] = dotOf(k.data(), values.data() + lo, n) / sum;
      if (direct) {
        std::fill(direct, direct + lo, 0.0);
        // One division per row: a product per weight is cheaper than a quotient (for f64x2 in
        // WASM most of all) and adds at most one rounding, ~1e-16 relative.
        const double inverse = 1.0 / sum;
        for (Index s = lo; s < lo + n; ++s) direct[s] *= inverse;
        std::fill(direct + lo + n, direct + nk, 0.0);
      }
      return;
    }
    double weighted = 0.0;
    for (Index s = 0; s < n; ++s) weighted += k[s] * values[rows.original(lo + s)];
    out.predictions[i] = weighted / sum;
    if (w) {
      std::fill(w, w + nk, 0.0);
      for (Index s = 0; s < n; ++s) w[rows.original(lo + s)] = k[s] / sum;
    }
  };
  Index first = 0;  // the query of block row 0
  for (Index i = 0; i < nq; ++i) {
    const Index b = i - first;
    row(i, weights ? block.row(b).data() : nullptr);
    if (sink && weights && (b + 1 == blockRows || i + 1 == nq)) {
      (*sink)(first, b + 1, block.data());
      first = i + 1;
    }
  }
  if (weights && !sink) out.weights = std::move(block);
  return out;
}

void listUndefined(Attention& out) {
  for (Index i = 0; i < out.predictions.size(); ++i)
    if (std::isnan(out.predictions[i])) out.undefinedQueries.push_back(static_cast<int>(i));
}
}  // namespace

Normalization parseNormalization(const std::string& name) {
  if (name == "keys") return Normalization::Keys;
  if (name == "queries") return Normalization::Queries;
  throw Error("normalize", "unknown normalisation '" + name + "'; accepted: keys, queries");
}

Algorithm parseAlgorithm(const std::string& name) {
  if (name == "auto") return Algorithm::Auto;
  if (name == "brute-force") return Algorithm::BruteForce;
  throw Error("algorithm", "unknown algorithm '" + name + "'; accepted: auto, brute-force");
}

Attention attend(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options) {
  checkInputs(queries, keys, values, options);
  if (fastPathApplies(options)) {
    Attention out = attendFast(queries, keys, values, options, nullptr);
    listUndefined(out);
    return out;
  }
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

Attention attend(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options, const WeightRowsSink& sink) {
  if (!options.returnWeights)
    throw Error("returnWeights", "a weight sink needs the weights; accepted: true");
  if (!fastPathApplies(options)) {
    // The slow paths build the whole matrix anyway (queries normalisation needs it): hand it over
    // in one block.
    Attention out = attend(queries, keys, values, options);
    sink(0, out.weights.rows(), out.weights.data());
    out.weights.resize(0, 0);
    return out;
  }
  checkInputs(queries, keys, values, options);
  Attention out = attendFast(queries, keys, values, options, &sink);
  listUndefined(out);
  return out;
}

AttentionImage attentionImage(const Matrix& queries, const Matrix& keys, const Vector& values,
                              const AttentionOptions& options, Index rows, Index cols) {
  AttentionOptions o = options;
  o.returnWeights = false;
  checkInputs(queries, keys, values, o);
  if (o.normalization != Normalization::Keys)
    throw Error("normalize",
                "attentionImage bins rows that sum to 1; accepted: keys (for queries "
                "normalisation use attend)");
  detail::checkCount(rows, 1, kMaxImageSide, "rows");
  detail::checkCount(cols, 1, kMaxImageSide, "cols");
  const Index nq = queries.rows(), nk = keys.rows();
  rows = std::min(rows, nq);
  cols = std::min(cols, nk);
  // Bin of index i among n split into m consecutive bins: floor(i·m/n) (exact in int64: i, m ≤
  // 2e5·4096).
  auto bin = [](Index i, Index m, Index n) { return Index((long long)i * m / n); };

  AttentionImage out{Matrix::Zero(rows, cols), Vector(nq), {}};
  std::vector<Index> defined(std::size_t(rows), 0);
  std::vector<Index> colOf(static_cast<std::size_t>(nk));
  const bool fast = fastPathApplies(o);
  if (fast) {
    FastRows fr(keys, o);
    fr.shareQueryCoordinates(queries);
    for (Index s = 0; s < nk; ++s) colOf[std::size_t(s)] = bin(fr.original(s), cols, nk);
    for (Index i = 0; i < nq; ++i) {
      const double sum =
          fr.compute(queries.row(i).data(), o.leaveOneOut ? fr.sortedPosition(i) : -1);
      if (!(sum > 0.0)) {
        out.predictions[i] = kNaN;
        continue;
      }
      const Index r = bin(i, rows, nq);
      ++defined[std::size_t(r)];
      double* cell = out.image.row(r).data();
      double weighted = 0.0;
      for (Index s = fr.lo(); s < fr.hi(); ++s) {
        weighted += fr.weight(s) * values[fr.original(s)];
        cell[colOf[std::size_t(s)]] += fr.weight(s) / sum;
      }
      out.predictions[i] = weighted / sum;
    }
  } else {
    // Kernels without a window (constant, lenrek) or a brute-force request: one row at a time.
    for (Index j = 0; j < nk; ++j) colOf[std::size_t(j)] = bin(j, cols, nk);
    Vector row(nk);
    for (Index i = 0; i < nq; ++i) {
      const bool any =
          kernelRow(queries.row(i).data(), o.leaveOneOut ? i : -1, keys, o, row.data());
      const double sum = any ? row.sum() : 0.0;
      if (!(sum > 0.0)) {
        out.predictions[i] = kNaN;
        continue;
      }
      const Index r = bin(i, rows, nq);
      ++defined[std::size_t(r)];
      for (Index j = 0; j < nk; ++j) out.image(r, colOf[std::size_t(j)]) += row[j] / sum;
      out.predictions[i] = row.dot(values) / sum;
    }
  }
  for (Index r = 0; r < rows; ++r) {
    if (defined[std::size_t(r)] > 0)
      out.image.row(r) /= double(defined[std::size_t(r)]);
    else
      out.image.row(r).setConstant(kNaN);
  }
  for (Index i = 0; i < nq; ++i)
    if (std::isnan(out.predictions[i])) out.undefinedQueries.push_back(static_cast<int>(i));
  return out;
}

}  // namespace apl
