#include "apl/parametric.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "apl/attention.hpp"
#include "apl/detail/exp_f64x2.hpp"
#include "apl/detail/fast_exp.hpp"
#include "apl/detail/partial_sums.hpp"
#include "apl/detail/validate.hpp"
#include "apl/distance.hpp"
#include "apl/error.hpp"
#include "apl/metrics.hpp"

namespace apl {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// |w| bound: w plays the role of 1/width, and widths live in [kMinWidth, kMaxWidth].
constexpr double kMaxAbsW = 1.0 / kMinWidth;

double signOf(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); }

void validateModel(const ParametricModel& model, Index dim, Index wSize, const char* wName) {
  switch (model.kernel) {
    case Kernel::Gaussian:
    case Kernel::Triangular:
    case Kernel::Epanechnikov:
    case Kernel::Lenrek:
      break;
    default:
      throw Error("kernel", std::string(kernelName(model.kernel)) +
                                " is piecewise constant in w, so it is not differentiable and "
                                "cannot be trained; accepted: gaussian, triangular, epanechikov, "
                                "epanechnikov, lenrek");
  }
  if (model.placement == Placement::AfterSquare && model.kernel != Kernel::Gaussian)
    throw Error("kernel", std::string(kernelName(model.kernel)) +
                              " has no after-square form (the score -w*r^2 is a Gaussian "
                              "exponent); accepted with placement after-square: gaussian");
  validateMetric(Metric{Vector::Ones(1), model.p}, dim);  // throws Error("p", …)
  // The same cap as attend(): beyond 1e9 the lenrek scores r + offset lose r entirely and the
  // gradient's r/(r + offset) terms underflow, so larger offsets gave NaN instead of a model.
  detail::checkRange(model.offset, 0.0, kMaxAbsCoordinate, "offset", "a number from 0 to 1e9");
  if (wSize != 1 && wSize != dim)
    throw Error(wName, "has " + std::to_string(wSize) + " entries for " + std::to_string(dim) +
                           "-dimensional points; accepted: one shared w, or one per coordinate");
  if (model.placement == Placement::AfterSquare && wSize > 1 && model.p != 2.0)
    throw Error("p",
                "got " + detail::formatNumber(model.p) +
                    " with one w per coordinate after the square; the per-coordinate score "
                    "-sum_m w_m d_m^2 exists for p = 2 only; accepted: p = 2, or one shared w");
}

void validateW(const Vector& w, const char* name) {
  for (Index m = 0; m < w.size(); ++m)
    if (!(std::abs(w[m]) <= kMaxAbsW))
      throw Error(name, "entry " + std::to_string(m) + " is " + detail::formatNumber(w[m]) +
                            "; accepted: finite numbers with |w| <= 1e9");
}

// The loss from the sum of squared residuals over n points: Σ, ½Σ or Σ/n.
double reduced(Reduction reduction, double sumSquares, Index n) {
  return reduction == Reduction::Sum       ? sumSquares
         : reduction == Reduction::HalfSum ? 0.5 * sumSquares
                                           : sumSquares / double(n);
}

// (outer·(inner·d))·(inner·d): the Gaussian score of score() below with outer = −½, inner = |w|
// before the square and outer = −w, inner = 1 after it (the same operations, so the same bits).
inline double gaussianScore(double outer, double inner, double d) {
  const double r = inner * d;
  return outer * r * r;
}

// Nadaraya–Watson with a learnable w, one query at a time. For each key it stores the
// unnormalised attention K_j and E_j = ∂K_j/∂w, so that
//   f = Σ K_j v_j / S,   ∂f/∂w = Σ E_j (v_j − f) / S,   S = Σ K_j
// (the quotient rule). For the Gaussian, K_j = exp(s_j − max s): the common factor exp(−max s)
// depends on w but cancels in both formulas, so it is treated as a constant.
// Preconditions: inputs validated; w finite.
class Pooler {
 public:
  Pooler(const Matrix& keys, const Vector& values, const Vector& w, const ParametricModel& model)
      : keys_(keys),
        values_(values),
        w_(w),
        model_(model),
        dim_(keys.cols()),
        nw_(w.size()),
        unit_{Vector::Ones(1), model.p},
        k_(keys.rows()),
        e_(keys.rows() * w.size()),
        d_(keys.cols()),
        u_(keys.cols()),
        zero_(Vector::Zero(keys.cols())) {
    sortedKeys_ = dim_ == 1 && std::is_sorted(keys.data(), keys.data() + keys.rows());
    if (euclidean()) {
      keysByCoordinate_ = keys.transpose();
      squares_.resize(dim_, keys.rows());
    }
  }

  // f at query q, leaving out key `self` (−1: none). dfdw (size nw) may be null. Returns NaN when
  // no key has positive weight.
  double pool(const double* q, Index self, double* dfdw) {
    if (model_.kernel == Kernel::Gaussian && dim_ == 1 && nw_ == 1)
      return poolGaussian1d(q[0], self, dfdw);
    if (euclidean()) return poolGaussianEuclidean(q, self, dfdw);
    const Index nk = keys_.rows();
    const bool gaussian = model_.kernel == Kernel::Gaussian;
    double best = -std::numeric_limits<double>::infinity();
    for (Index j = 0; j < nk; ++j) {
      if (j == self) continue;
      double* e = &e_[j * nw_];
      // Gaussian: k_ holds the score s and e its gradient, exponentiated below.
      k_[j] = gaussian ? score(q, keys_.row(j).data(), e)
                       : kernelAndGradient(q, keys_.row(j).data(), e);
      if (gaussian) best = std::max(best, k_[j]);
    }
    double sum = 0.0, weighted = 0.0;
    for (Index j = 0; j < nk; ++j) {
      if (j == self) continue;
      if (gaussian) {
        k_[j] = detail::expNonPositive(k_[j] - best);  // ≤ 2 ulp from std::exp, faster
        for (Index m = 0; m < nw_; ++m) e_[j * nw_ + m] *= k_[j];
      }
      sum += k_[j];
      weighted += k_[j] * values_[j];
    }
    sum_ = sum;
    self_ = self;
    // sum > 0 fails for 0 (no neighbour) and NaN (overflowed scores during a diverging run).
    if (!(sum > 0.0) || !std::isfinite(sum)) {
      if (dfdw)
        for (Index m = 0; m < nw_; ++m) dfdw[m] = kNaN;
      return kNaN;
    }
    const double f = weighted / sum;
    if (dfdw) {
      for (Index m = 0; m < nw_; ++m) dfdw[m] = 0.0;
      for (Index j = 0; j < nk; ++j) {
        if (j == self) continue;
        const double residual = values_[j] - f;
        for (Index m = 0; m < nw_; ++m) dfdw[m] += e_[j * nw_ + m] * residual;
      }
      for (Index m = 0; m < nw_; ++m) dfdw[m] /= sum;
    }
    return f;
  }

  // The unnormalised weight of key k for query q, and its gradient in `grad` (nw entries): for
  // the Gaussian the score s (the caller exponentiates it, after its own shift), for the other
  // kernels K itself. What pool() sums per key, for callers that normalise differently.
  double pair(const double* q, const double* k, double* grad) {
    return model_.kernel == Kernel::Gaussian ? score(q, k, grad) : kernelAndGradient(q, k, grad);
  }

  // The normalised weights of the last pool() call (keys.rows() entries; the left-out key gets
  // 0; all NaN when that query had no key of positive weight).
  void lastWeights(double* out) const {
    const Index nk = keys_.rows();
    const bool defined = sum_ > 0.0 && std::isfinite(sum_);
    for (Index j = 0; j < nk; ++j) out[j] = !defined ? kNaN : (j == self_ ? 0.0 : k_[j] / sum_);
  }

 private:
  // pool() for d2l's own case (1-D, one w, Gaussian): the formulas of score() for every key, in
  // flat branch-free passes that compilers vectorise, with the vectorised exp. The left-out key
  // gets K = 0, so its gradient term is 0·g·(v − f) = 0.
  double poolGaussian1d(double q, Index self, double* dfdw) {
    const Index nk = keys_.rows();
    const double* x = keys_.data();  // n × 1, contiguous
    const double* v = values_.data();
    double* k = k_.data();
    const double w = w_[0];
    const bool after = model_.placement == Placement::AfterSquare;
    const double outer = after ? -w : -0.5, inner = after ? 1.0 : std::abs(w);
    const detail::ExpConstants ec = detail::loopExpConstants();
    if (sortedKeys_ && !(after && w < 0.0)) {
      // s is non-increasing in ‖d‖ here (and rounding is monotone), so the largest score is the
      // nearest other key's, bit for bit as the pass below computes it: score and exp fuse.
      const Index pos = Index(std::lower_bound(x, x + nk, q) - x);
      Index left = pos - 1, right = pos;
      if (left == self) --left;
      if (right == self) ++right;
      double nearest = std::numeric_limits<double>::infinity();
      if (left >= 0) nearest = std::min(nearest, std::abs(q - x[left]));
      if (right < nk) nearest = std::min(nearest, std::abs(q - x[right]));
      const double best = gaussianScore(outer, inner, nearest);
      for (Index j = 0; j < nk; ++j)
        k[j] = detail::expNonPositive(gaussianScore(outer, inner, std::abs(q - x[j])) - best, ec);
    } else {
      for (Index j = 0; j < nk; ++j) k[j] = gaussianScore(outer, inner, std::abs(q - x[j]));
      if (self >= 0) k[self] = -std::numeric_limits<double>::infinity();
      const double best = detail::maxOf(k, nk);
      for (Index j = 0; j < nk; ++j) k[j] = detail::expNonPositive(k[j] - best, ec);
    }
    if (self >= 0) k[self] = 0.0;  // (the fused pass gave it a finite value, discarded)
    const double sum = detail::sumOf(k, nk);
    sum_ = sum;
    self_ = self;
    // Same undefined cases as the general path: no key (sum 0) or overflowed scores (NaN).
    if (!(sum > 0.0) || !std::isfinite(sum)) {
      if (dfdw) dfdw[0] = kNaN;
      return kNaN;
    }
    const double f = detail::dotOf(k, v, nk) / sum;
    if (dfdw) {
      // ∂s/∂w = coef·‖d‖², the same products as score(): −w‖d‖² before the square, −‖d‖² after.
      const double coef = after ? -1.0 : -w;
      double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
      Index j = 0;
      const auto term = [&](Index i) {
        const double norm = std::abs(q - x[i]);
        return k[i] * (coef * norm * norm) * (v[i] - f);
      };
      for (; j + 4 <= nk; j += 4) {
        a += term(j);
        b += term(j + 1);
        c += term(j + 2);
        d += term(j + 3);
      }
      for (; j < nk; ++j) a += term(j);
      dfdw[0] = ((a + b) + (c + d)) / sum;
    }
    return f;
  }

  // The Gaussian with p = 2 in d ≥ 2 dimensions, one w or one per coordinate: the score is a
  // weighted sum of squared coordinate differences D_m = (q_m − k_m)²,
  //   s = Σ_m a_m D_m,  ∂s/∂w_m = b_m D_m,
  // with a_m = −w_m²/2, b_m = −w_m before the square and a_m = −w_m, b_m = −1 after it (score()'s
  // formulas with the square root and its square cancelled). Flat passes over keys stored one
  // coordinate per row, which compilers vectorise; the left-out key as in poolGaussian1d.
  bool euclidean() const {
    return model_.kernel == Kernel::Gaussian && dim_ >= 2 && model_.p == 2.0 &&
           (nw_ == 1 || nw_ == dim_);
  }

  double poolGaussianEuclidean(const double* q, Index self, double* dfdw) {
    const Index nk = keys_.rows();
    const bool after = model_.placement == Placement::AfterSquare;
    double* k = k_.data();
    std::fill(k, k + nk, 0.0);
    for (Index m = 0; m < dim_; ++m) {
      const double wm = w_[nw_ == 1 ? 0 : m];
      const double a = after ? -wm : -0.5 * wm * wm, qm = q[m];
      const double* xm = keysByCoordinate_.row(m).data();
      double* dm = squares_.row(m).data();
      for (Index j = 0; j < nk; ++j) {
        const double d = qm - xm[j];
        dm[j] = d * d;
        k[j] += a * dm[j];
      }
    }
    if (self >= 0) k[self] = -std::numeric_limits<double>::infinity();
    const double best = detail::maxOf(k, nk);
    const detail::ExpConstants ec = detail::loopExpConstants();
    for (Index j = 0; j < nk; ++j) k[j] = detail::expNonPositive(k[j] - best, ec);
    if (self >= 0) k[self] = 0.0;
    const double sum = detail::sumOf(k, nk);
    sum_ = sum;
    self_ = self;
    if (!(sum > 0.0) || !std::isfinite(sum)) {
      if (dfdw) std::fill(dfdw, dfdw + nw_, kNaN);
      return kNaN;
    }
    const double* v = values_.data();
    const double f = detail::dotOf(k, v, nk) / sum;
    if (dfdw) {
      // ∂f/∂w_m = b_m Σ_j K_j D_mj (v_j − f) / S.
      double* kr = e_.data();  // K_j (v_j − f); e_ holds nk·nw ≥ nk entries
      for (Index j = 0; j < nk; ++j) kr[j] = k[j] * (v[j] - f);
      if (nw_ == 1) dfdw[0] = 0.0;
      for (Index m = 0; m < dim_; ++m) {
        const double b = after ? -1.0 : -w_[nw_ == 1 ? 0 : m];
        const double term = b * detail::dotOf(kr, squares_.row(m).data(), nk) / sum;
        if (nw_ == 1)
          dfdw[0] += term;
        else
          dfdw[m] = term;
      }
    }
    return f;
  }

  // Gaussian score s(q, k) and ∂s/∂w.
  double score(const double* q, const double* k, double* grad) {
    if (model_.placement == Placement::AfterSquare) {
      if (nw_ == 1) {
        const double norm = scaledDistance(q, k, dim_, unit_);
        grad[0] = -norm * norm;
        return -w_[0] * norm * norm;
      }
      double s = 0.0;  // p = 2 (validated): s = −Σ w_m d_m²
      for (Index m = 0; m < dim_; ++m) {
        const double d = q[m] - k[m];
        grad[m] = -d * d;
        s += -w_[m] * d * d;
      }
      return s;
    }
    if (nw_ == 1) {
      // r = |w|·‖d‖, s = −w²‖d‖²/2, ∂s/∂w = −w‖d‖²: smooth, and exactly 0 at w = 0.
      const double norm = scaledDistance(q, k, dim_, unit_);
      const double r = std::abs(w_[0]) * norm;
      grad[0] = -w_[0] * norm * norm;
      return -0.5 * r * r;
    }
    const double r = scaledPerCoordinate(q, k);
    for (Index m = 0; m < dim_; ++m)
      // p = 2: −r·∂r/∂w_m = −u_m d_m exactly; elsewhere −r·∂r/∂w_m (0 at r = 0).
      grad[m] = model_.p == 2.0 ? -u_[m] * d_[m] : -r * radialPartial(m, r);
    return -0.5 * r * r;
  }

  // K(r) and ∂K/∂w for the non-Gaussian trainable kernels (before the square).
  double kernelAndGradient(const double* q, const double* k, double* grad) {
    if (nw_ == 1) {
      const double norm = scaledDistance(q, k, dim_, unit_);
      const double r = std::abs(w_[0]) * norm;
      // ∂r/∂w = sign(w)‖d‖. At w = 0 the kink of |w| gets the symmetric subgradient 0.
      grad[0] = kernelDerivative(model_.kernel, r) * signOf(w_[0]) * norm;
      return kernelValue(model_.kernel, r, model_.offset);
    }
    const double r = scaledPerCoordinate(q, k);
    const double dk = kernelDerivative(model_.kernel, r);
    for (Index m = 0; m < dim_; ++m) grad[m] = dk * radialPartial(m, r);
    return kernelValue(model_.kernel, r, model_.offset);
  }

  // r = ‖d ∘ w‖_p with d = q − k; leaves d_ and u_ = d ∘ w for radialPartial.
  double scaledPerCoordinate(const double* q, const double* k) {
    for (Index m = 0; m < dim_; ++m) {
      d_[m] = q[m] - k[m];
      u_[m] = d_[m] * w_[m];
    }
    return scaledDistance(u_.data(), zero_.data(), dim_, unit_);
  }

  // ∂r/∂w_m = (|u_m|/r)^(p−1)·sign(u_m)·d_m, written with the ratio |u_m|/r ≤ 1 so large p
  // cannot overflow. p = ∞: r = max|u_m|, whose derivative follows the first maximising
  // coordinate (a subgradient at ties). r = 0: every u_m = 0, and 0 is the symmetric subgradient.
  double radialPartial(Index m, double r) const {
    if (r == 0.0 || u_[m] == 0.0) return 0.0;
    const double sign = signOf(u_[m]) * d_[m];
    if (std::isinf(model_.p)) {
      for (Index l = 0; l < dim_; ++l)
        if (std::abs(u_[l]) == r) return l == m ? sign : 0.0;
      return 0.0;
    }
    if (model_.p == 1.0) return sign;
    if (model_.p == 2.0) return u_[m] / r * d_[m];
    return std::pow(std::abs(u_[m]) / r, model_.p - 1.0) * sign;
  }

  const Matrix& keys_;
  const Vector& values_;
  const Vector& w_;
  const ParametricModel& model_;
  Index dim_, nw_;
  Metric unit_;
  std::vector<double> k_, e_;
  Vector d_, u_, zero_;
  bool sortedKeys_ = false;  // 1-D keys in ascending order (d2l's data)
  Matrix keysByCoordinate_;  // poolGaussianEuclidean: dim × n, one coordinate per row
  Matrix squares_;           // poolGaussianEuclidean: D_mj of the last query
  double sum_ = kNaN;        // Σ K_j of the last pool() call
  Index self_ = -1;          // the key it left out
};

// The pair terms of symmetricGaussianLoo for key i against keys j = i + 1 … (m of them, sorted
// after it): K = e^(s − shift), K·(y_j − y_i), K·g, K·g·(y_j − y_i) with g = coef·d². Separate
// restrict-qualified arrays so that compilers vectorise the loop without alias checks; in WASM
// written out two lanes at a time (detail/exp_f64x2.hpp says why), the same operations in the
// same order, so the same bits.
void pairTerms(const double* __restrict xj, const double* __restrict yj, Index m, double xi,
               double yi, double shift, double outer, double inner, double coef,
               const detail::ExpConstants& ec, double* __restrict k, double* __restrict kr,
               double* __restrict kg, double* __restrict kgr) {
  Index t = 0;
#if defined(__wasm_simd128__)
  const detail::ExpF64x2 e(ec);
  const v128_t vxi = wasm_f64x2_splat(xi), vyi = wasm_f64x2_splat(yi),
               vShift = wasm_f64x2_splat(shift), vOuter = wasm_f64x2_splat(outer),
               vInner = wasm_f64x2_splat(inner), vCoef = wasm_f64x2_splat(coef);
  for (; t + 2 <= m; t += 2) {
    const v128_t d = wasm_f64x2_sub(wasm_v128_load(xj + t), vxi);
    const v128_t r = wasm_f64x2_mul(vInner, d);  // gaussianScore: (outer·r)·r
    const v128_t s = wasm_f64x2_mul(wasm_f64x2_mul(vOuter, r), r);
    const v128_t kt = detail::expNonPositive(wasm_f64x2_sub(s, vShift), e);
    const v128_t dy = wasm_f64x2_sub(wasm_v128_load(yj + t), vyi);
    const v128_t kgt = wasm_f64x2_mul(kt, wasm_f64x2_mul(wasm_f64x2_mul(vCoef, d), d));
    wasm_v128_store(k + t, kt);
    wasm_v128_store(kr + t, wasm_f64x2_mul(kt, dy));
    wasm_v128_store(kg + t, kgt);
    wasm_v128_store(kgr + t, wasm_f64x2_mul(kgt, dy));
  }
#endif
  for (; t < m; ++t) {
    const double d = xj[t] - xi;  // ≥ 0: sorted
    const double kt = detail::expNonPositive(gaussianScore(outer, inner, d) - shift, ec);
    const double dy = yj[t] - yi;
    const double kgt = kt * (coef * d * d);
    k[t] = kt;
    kr[t] = kt * dy;
    kg[t] = kgt;
    kgr[t] = kgt * dy;
  }
}

// to[t] += sign·from[t] (sign ±1: exact).
void addTo(double* __restrict to, const double* __restrict from, Index m, double sign) {
  for (Index t = 0; t < m; ++t) to[t] += sign * from[t];
}

// Leave-one-out loss and gradient of d2l's own case (1-D sorted x, one w, Gaussian) from the
// symmetry of the kernel: s_ij = s_ji, so one exp serves the pair (i, j) in both rows — half the
// exps of the row-by-row Pooler. Every row shares one shift M = max_i m_i (m_i = max_j≠i s_ij, the
// nearest neighbour's score) instead of its own m_i; softmax is shift-invariant, so only rounding
// and underflow can differ, and the function declines (nullopt) unless every m_i ≥ M − 57:
//  * a weight that matters (s_ij ≥ m_i − 57) then has s_ij − M ≥ −114, so its exp is a normal
//    number and its argument is rounded within 114·2^−53 (the row-wise path: 57·2^−53);
//  * one that underflows is clamped to e^−708 (expNonPositive) where its true value is below
//    e^(−708+57) of its row's largest: far below the 2^−64 the cut proof in attention.cpp allows;
//  * S_i ≥ e^(m_i − M) ≥ e^−57 > 0: every row is defined, as leave-one-out with n ≥ 2 must be.
// Residuals are accumulated against y_i, Σ K (y_j − y_i), so f_i − y_i and the gradient's
// Σ K g (y_j − f_i) = Σ K g (y_j − y_i) − (f_i − y_i) Σ K g lose digits only at residual scale.
// Preconditions: as lossUnchecked, w finite.
std::optional<LossAndGradient> symmetricGaussianLoo(const Matrix& x, const Vector& y,
                                                    const Vector& w, const ParametricModel& model,
                                                    double scale) {
  const Index n = x.rows();
  const bool after = model.placement == Placement::AfterSquare;
  const double w0 = w.size() == 1 ? w[0] : 0.0, absW = std::abs(w0);
  if (model.kernel != Kernel::Gaussian || x.cols() != 1 || w.size() != 1 || !model.leaveOneOut ||
      n < 2 || (after && w0 < 0.0) || !std::is_sorted(x.data(), x.data() + n))
    return std::nullopt;
  const double* xs = x.data();
  const double* ys = y.data();
  const double outer = after ? -w0 : -0.5, inner = after ? 1.0 : absW;  // see gaussianScore
  const auto score = [&](double d) { return gaussianScore(outer, inner, d); };
  double top = -std::numeric_limits<double>::infinity(), bottom = -top;
  for (Index i = 0; i < n; ++i) {
    const double left = i > 0 ? xs[i] - xs[i - 1] : std::numeric_limits<double>::infinity();
    const double right = i + 1 < n ? xs[i + 1] - xs[i] : std::numeric_limits<double>::infinity();
    const double m = score(std::min(left, right));
    top = std::max(top, m);
    bottom = std::min(bottom, m);
  }
  if (!(bottom >= top - kGaussianCut)) return std::nullopt;
  const double shift = top;
  const double coef = after ? -1.0 : -w0;  // ∂s/∂w = coef·d²
  // Per point: S = Σ K, R = Σ K (y_j − y_i), G = Σ K g, H = Σ K g (y_j − y_i).
  // One allocation for all eight arrays (at n = 50, eight cost about as much as the pairs).
  std::vector<double> buffer(8 * std::size_t(n), 0.0);
  double* const S = buffer.data();
  double* const R = S + n;
  double* const G = R + n;
  double* const H = G + n;
  double* const k = H + n;  // row i's terms for j > i: k, kr, kg, kgr
  double* const kr = k + n;
  double* const kg = kr + n;
  double* const kgr = kg + n;
  const detail::ExpConstants ec = detail::loopExpConstants();
  for (Index i = 0; i + 1 < n; ++i) {
    const Index m = n - i - 1;  // the keys j = i + 1 … n − 1
    pairTerms(xs + i + 1, ys + i + 1, m, xs[i], ys[i], shift, outer, inner, coef, ec, k, kr, kg,
              kgr);
    // Row j sees i with the opposite residual, y_i − y_j.
    addTo(S + i + 1, k, m, 1.0);
    addTo(R + i + 1, kr, m, -1.0);
    addTo(G + i + 1, kg, m, 1.0);
    addTo(H + i + 1, kgr, m, -1.0);
    S[i] += detail::sumOf(k, m);
    R[i] += detail::sumOf(kr, m);
    G[i] += detail::sumOf(kg, m);
    H[i] += detail::sumOf(kgr, m);
  }
  double sumSquares = 0.0, grad = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double residual = R[i] / S[i];  // f_i − y_i
    const double dfdw = (H[i] - residual * G[i]) / S[i];
    sumSquares += residual * residual;
    grad += scale * residual * dfdw;
  }
  return LossAndGradient{reduced(model.reduction, sumSquares, n), Vector::Constant(1, grad)};
}

// Normalised over queries (the forum's Lenrek as posted): key j's weights A_ij = K_ij / S_j with
// S_j = Σ_i K_ij over the queries (query j left out of column j with leaveOneOut), and
//   f_i = Σ_j A_ij v_j,   ∂f_i/∂w = Σ_j v_j (E_ij − A_ij G_j) / S_j,   G_j = Σ_i E_ij,
// E_ij = ∂K_ij/∂w (the quotient rule per column). For the Gaussian K_ij = exp(s_ij − max_i s_ij):
// the column's shift depends on w but cancels in A and in the formula, as in Pooler. A column
// with no positive weight is undefined, and since every f_i sums over all keys, so is every f_i.
// Column by column, so memory is O(n_queries · nw). dfdw (n_queries × nw) may be null.
// Preconditions: inputs validated; w finite.
Vector poolOverQueries(const Matrix& queries, const Matrix& keys, const Vector& values,
                       const Vector& w, const ParametricModel& model, Matrix* dfdw) {
  const Index nq = queries.rows(), nk = keys.rows(), nw = w.size();
  const bool gaussian = model.kernel == Kernel::Gaussian;
  Pooler pooler(keys, values, w, model);
  Vector f = Vector::Zero(nq);
  if (dfdw) dfdw->setZero(nq, nw);
  Vector k(nq);
  Matrix e(nq, nw);  // row i (contiguous: Matrix is row-major): ∂K_ij/∂w
  Vector g(nw);
  for (Index j = 0; j < nk; ++j) {
    double best = -std::numeric_limits<double>::infinity();
    for (Index i = 0; i < nq; ++i) {
      if (model.leaveOneOut && i == j) {
        k[i] = gaussian ? -std::numeric_limits<double>::infinity() : 0.0;
        e.row(i).setZero();
        continue;
      }
      k[i] = pooler.pair(queries.row(i).data(), keys.row(j).data(), e.row(i).data());
      if (gaussian) best = std::max(best, k[i]);
    }
    if (gaussian)
      for (Index i = 0; i < nq; ++i) {
        // exp(−∞) = 0 for the left-out query; a column with no query at all stays 0.
        k[i] = std::isinf(best) ? 0.0 : std::exp(k[i] - best);
        e.row(i) *= k[i];
      }
    const double sum = k.sum();
    if (!(sum > 0.0) || !std::isfinite(sum)) {
      f.setConstant(kNaN);
      if (dfdw) dfdw->setConstant(kNaN);
      return f;
    }
    g = e.colwise().sum().transpose();
    const double v = values[j];
    for (Index i = 0; i < nq; ++i) {
      const double a = k[i] / sum;
      f[i] += a * v;
      if (dfdw)
        for (Index m = 0; m < nw; ++m) (*dfdw)(i, m) += v * (e(i, m) - a * g[m]) / sum;
    }
  }
  return f;
}

// Loss and gradient without argument checks, for train(), whose iterates may leave the range
// parametricLoss accepts (a diverging run yields NaN rows instead of an exception mid-training).
LossAndGradient lossUnchecked(const Matrix& x, const Vector& y, const Vector& w,
                              const ParametricModel& model) {
  const Index n = x.rows(), nw = w.size();
  LossAndGradient out{0.0, Vector::Zero(nw)};
  if (!w.allFinite()) {
    out.loss = kNaN;
    out.grad.setConstant(kNaN);
    return out;
  }
  // dL/df_i = scale·(f_i − y_i).
  const double scale = model.reduction == Reduction::Sum       ? 2.0
                       : model.reduction == Reduction::HalfSum ? 1.0
                                                               : 2.0 / double(n);
  if (model.normalize == Normalization::Queries) {
    Matrix dfdw;
    const Vector f = poolOverQueries(x, x, y, w, model, &dfdw);
    double sumSquares = 0.0;
    for (Index i = 0; i < n; ++i) {
      const double residual = f[i] - y[i];
      sumSquares += residual * residual;
      out.grad += scale * residual * dfdw.row(i).transpose();
    }
    out.loss = reduced(model.reduction, sumSquares, n);
    return out;
  }
  if (auto symmetric = symmetricGaussianLoo(x, y, w, model, scale)) return *symmetric;
  Pooler pooler(x, y, w, model);
  Vector dfdw(nw);
  double sumSquares = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double f = pooler.pool(x.row(i).data(), model.leaveOneOut ? i : -1, dfdw.data());
    const double residual = f - y[i];  // NaN for an undefined f_i: never dropped
    sumSquares += residual * residual;
    out.grad += scale * residual * dfdw;
  }
  out.loss = reduced(model.reduction, sumSquares, n);
  return out;
}

void validateTraining(const Matrix& x, const Vector& y, const ParametricModel& model) {
  detail::checkPoints(x, "x");
  detail::checkValues(y, x.rows(), "y");
  if (model.leaveOneOut && x.rows() < 2)
    throw Error("leaveOneOut",
                "needs at least 2 points (each point is predicted from the others); "
                "accepted: leaveOneOut false, or n >= 2");
}

// The checks of parametricPredict, parametricWeights and parametricErrors, in this order; values
// may be null; wName names w in the messages.
void validateQueries(const Matrix& queries, const Matrix& keys, const Vector* values,
                     const Vector& w, const ParametricModel& model, const char* wName = "w") {
  detail::checkPoints(queries, "queries");
  detail::checkPoints(keys, "keys");
  detail::checkSameDim(keys, "keys", queries, "queries");
  if (values) detail::checkValues(*values, keys.rows(), "values");
  validateModel(model, keys.cols(), w.size(), wName);
  validateW(w, wName);
  if (model.leaveOneOut && (queries.rows() != keys.rows() || queries != keys || keys.rows() < 2))
    throw Error("leaveOneOut",
                "needs the queries to be the keys and at least 2 of them (query i "
                "leaves out key i); accepted: leaveOneOut false, or queries equal "
                "to keys");
}

}  // namespace

Placement parsePlacement(const std::string& name) {
  if (name == "before-square") return Placement::BeforeSquare;
  if (name == "after-square") return Placement::AfterSquare;
  throw Error("placement",
              "unknown placement '" + name + "'; accepted: before-square, after-square");
}

Reduction parseReduction(const std::string& name) {
  if (name == "sum") return Reduction::Sum;
  if (name == "half-sum") return Reduction::HalfSum;
  if (name == "mean") return Reduction::Mean;
  throw Error("reduction", "unknown reduction '" + name + "'; accepted: sum, half-sum, mean");
}

Optimizer parseOptimizer(const std::string& name) {
  if (name == "sgd") return Optimizer::Sgd;
  if (name == "adam") return Optimizer::Adam;
  throw Error("optimizer", "unknown optimizer '" + name + "'; accepted: sgd, adam");
}

LossAndGradient parametricLoss(const Matrix& x, const Vector& y, const Vector& w,
                               const ParametricModel& model) {
  validateTraining(x, y, model);
  validateModel(model, x.cols(), w.size(), "w");
  validateW(w, "w");
  return lossUnchecked(x, y, w, model);
}

namespace {

// parametricPredict after its checks.
Vector predictChecked(const Matrix& queries, const Matrix& keys, const Vector& values,
                      const Vector& w, const ParametricModel& model) {
  if (model.normalize == Normalization::Queries)
    return poolOverQueries(queries, keys, values, w, model, nullptr);
  Pooler pooler(keys, values, w, model);
  Vector f(queries.rows());
  for (Index i = 0; i < queries.rows(); ++i)
    f[i] = pooler.pool(queries.row(i).data(), model.leaveOneOut ? i : -1, nullptr);
  return f;
}

}  // namespace

Vector parametricPredict(const Matrix& queries, const Matrix& keys, const Vector& values,
                         const Vector& w, const ParametricModel& model) {
  validateQueries(queries, keys, &values, w, model);
  return predictChecked(queries, keys, values, w, model);
}

Vector parametricErrors(const Matrix& queries, const Matrix& keys, const Vector& values,
                        const Vector& truth, const Matrix& ws, const ParametricModel& model) {
  if (ws.rows() == 0) throw Error("ws", "is empty; accepted: at least one w");
  // Everything but the w values is checked once, with a stand-in w of the rows' size.
  validateQueries(queries, keys, &values, Vector::Ones(ws.cols()), model, "ws");
  detail::checkValues(truth, queries.rows(), "truth");
  Vector out(ws.rows());
  for (Index r = 0; r < ws.rows(); ++r) {
    const Vector w = ws.row(r).transpose();
    if (!w.allFinite()) {
      out[r] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    validateW(w, "ws");
    out[r] = meanSquaredError(predictChecked(queries, keys, values, w, model), truth).mse;
  }
  return out;
}

Matrix parametricWeights(const Matrix& queries, const Matrix& keys, const Vector& w,
                         const ParametricModel& model) {
  validateQueries(queries, keys, nullptr, w, model);
  if (model.normalize != Normalization::Keys)
    throw Error("normalize",
                "parametricWeights returns rows that sum to 1; accepted: keys (for weights "
                "normalised over queries use attend)");
  if (queries.rows() > kMaxWeightEntries / keys.rows())
    throw Error("queries", std::to_string(queries.rows()) + " queries × " +
                               std::to_string(keys.rows()) +
                               " keys exceed the limit of weights per call; accepted: at most " +
                               std::to_string(kMaxWeightEntries) + " weights");
  // The values do not affect the weights; zeros keep pool() finite.
  const Vector values = Vector::Zero(keys.rows());
  Pooler pooler(keys, values, w, model);
  Matrix out(queries.rows(), keys.rows());
  for (Index i = 0; i < queries.rows(); ++i) {
    pooler.pool(queries.row(i).data(), model.leaveOneOut ? i : -1, nullptr);
    pooler.lastWeights(out.row(i).data());
  }
  return out;
}

TrainResult train(const Matrix& x, const Vector& y, const TrainOptions& options) {
  validateTraining(x, y, options.model);
  validateModel(options.model, x.cols(), options.w0.size(), "w0");
  validateW(options.w0, "w0");
  detail::checkPositive(options.lr, "lr");
  detail::checkCount(options.epochs, 0, kMaxEpochs, "epochs");

  const Index nw = options.w0.size();
  const int epochs = options.epochs;
  TrainResult out{Matrix(epochs + 1, nw), Vector(epochs + 1), Matrix(epochs + 1, nw)};
  Vector w = options.w0;
  // Adam as torch.optim.Adam (β1 0.9, β2 0.999, ε 1e-8, no weight decay, amsgrad off), including
  // its order of operations: step = lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε).
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  Vector m = Vector::Zero(nw), v = Vector::Zero(nw);
  for (int e = 0; e <= epochs; ++e) {
    const LossAndGradient lg = lossUnchecked(x, y, w, options.model);
    out.w.row(e) = w.transpose();
    out.loss[e] = lg.loss;
    out.grad.row(e) = lg.grad.transpose();
    if (e == epochs) break;
    if (options.optimizer == Optimizer::Sgd) {
      w -= options.lr * lg.grad;
      continue;
    }
    const double t = double(e + 1);
    const double correction1 = 1.0 - std::pow(beta1, t);
    const double correction2 = 1.0 - std::pow(beta2, t);
    for (Index k = 0; k < nw; ++k) {
      m[k] = beta1 * m[k] + (1.0 - beta1) * lg.grad[k];
      v[k] = beta2 * v[k] + (1.0 - beta2) * lg.grad[k] * lg.grad[k];
      const double denom = std::sqrt(v[k]) / std::sqrt(correction2) + eps;
      w[k] -= options.lr / correction1 * (m[k] / denom);
    }
  }
  return out;
}

}  // namespace apl
