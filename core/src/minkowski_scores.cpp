#include "apl/detail/minkowski_scores.hpp"

#include <algorithm>
#include <cmath>

#include "apl/detail/fast_pow.hpp"

namespace apl::detail {

namespace {

// Below this many pairs the tables cannot repay their set-up (the polynomials alone take
// 256·(d − 1) powers): such calls are scored per pair.
constexpr double kMinPairs = 16384.0;

// a = |x − k|/h, exactly as scaledDistance forms it, and a², a^p, 1/a^p (0 for a = 0) over keys
// [lo, hi). powNonNegative never returns a subnormal (it clamps at e^−708 ≈ 3e−308), so 1/a^p
// stays finite.
void powersOf(double x, const double* k, double h, double p, Index lo, Index hi, double* squares,
              double* powers, double* inverses) {
  const PowConstants c = loopPowConstants();
  APL_VECTORIZE_LOOP
  for (Index s = lo; s < hi; ++s) {
    const double a = std::abs(x - k[s]) / h;
    const double power = powNonNegative(a, p, c);
    squares[s] = a * a;
    powers[s] = power;
    inverses[s] = power > 0.0 ? 1.0 / power : 0.0;
  }
}

}  // namespace

MinkowskiScores::MinkowskiScores(const Matrix& keys, const Matrix& queries, const Metric& metric)
    : keys_(keys), dim_(keys.rows()), nk_(keys.cols()), p_(metric.p) {
  const Index nq = queries.rows();
  if (dim_ < 2 || dim_ > kMaxDim || !(p_ <= kMaxP) || double(nq) * double(nk_) < kMinPairs) return;
  // Every power must be finite: a ≤ (largest − smallest coordinate)/h on each axis.
  double largest = 0.0;
  for (Index m = 0; m < dim_; ++m) {
    const double h = metric.widths[metric.widths.size() > 1 ? m : 0];
    const double hi = std::max(queries.col(m).maxCoeff(), keys.row(m).maxCoeff());
    const double lo = std::min(queries.col(m).minCoeff(), keys.row(m).minCoeff());
    largest = std::max(largest, (hi - lo) / h);
  }
  if (largest > 1.0 && p_ * std::log(largest) > 700.0) return;
  axes_.resize(std::size_t(dim_));
  Index entries = 0;
  for (Index m = 0; m < dim_; ++m) {
    Axis& axis = axes_[std::size_t(m)];
    axis.width = metric.widths[metric.widths.size() > 1 ? m : 0];
    std::vector<double> values(std::size_t(nq), 0.0);
    for (Index i = 0; i < nq; ++i) values[std::size_t(i)] = queries(i, m);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    const Index distinct = Index(values.size());
    // Shared: at least two queries per value on average, so the table costs at most half the
    // powers that computing the axis per pair would.
    if (2 * distinct > nq || entries + distinct * nk_ > kMaxTableEntries) continue;
    entries += distinct * nk_;
    axis.values = std::move(values);
    const std::size_t size = std::size_t(distinct * nk_);
    axis.squares.resize(size);
    axis.powers.resize(size);
    axis.inverses.resize(size);
    for (Index u = 0; u < distinct; ++u) {
      const std::size_t at = std::size_t(u * nk_);
      powersOf(axis.values[std::size_t(u)], keys.row(m).data(), axis.width, p_, 0, nk_,
               axis.squares.data() + at, axis.powers.data() + at, axis.inverses.data() + at);
    }
  }
  if (entries == 0) return;  // no axis shared: the per-pair path is as fast and bit-identical
  active_ = true;
  root_.emplace(2.0 / p_, double(dim_ - 1));
  scratch_.resize(std::size_t((3 * dim_ + 4) * nk_));
}

MinkowskiScores::Rows MinkowskiScores::rowsFor(Index m, double qm, Index lo, Index hi) {
  const Axis& axis = axes_[std::size_t(m)];
  const auto it = std::lower_bound(axis.values.begin(), axis.values.end(), qm);
  if (it != axis.values.end() && *it == qm) {
    const std::size_t at = std::size_t((it - axis.values.begin()) * nk_);
    return {axis.squares.data() + at, axis.powers.data() + at, axis.inverses.data() + at};
  }
  double* rows = scratch_.data() + 3 * m * nk_;
  powersOf(qm, keys_.row(m).data(), axis.width, p_, lo, hi, rows, rows + nk_, rows + 2 * nk_);
  return {rows, rows + nk_, rows + 2 * nk_};
}

void MinkowskiScores::score(const double* q, Index lo, Index hi, double* row) {
  const OnePlusPower& root = *root_;
  const OnePlusPowerConstants c = loopOnePlusPowerConstants();
  if (dim_ == 2) {
    const Rows a = rowsFor(0, q[0], lo, hi), b = rowsFor(1, q[1], lo, hi);
    const double *aSquares = a.squares, *aPowers = a.powers, *aInverses = a.inverses;
    const double *bSquares = b.squares, *bPowers = b.powers, *bInverses = b.inverses;
    Index s = lo;
#if defined(__wasm_simd128__)
    // Two lanes at a time (the table lookup keeps compilers from vectorising the loop below):
    // both quotients are formed and the mask picks one, the same bits as the scalar branch.
    const OnePlusPowerF64x2 lanes = root.lanes(c);
    const v128_t minusHalf = wasm_f64x2_splat(-0.5);
    for (; s + 2 <= hi; s += 2) {
      const v128_t aPower = wasm_v128_load(aPowers + s), bPower = wasm_v128_load(bPowers + s);
      const v128_t first = wasm_f64x2_ge(aPower, bPower);
      const v128_t square =
          wasm_v128_bitselect(wasm_v128_load(aSquares + s), wasm_v128_load(bSquares + s), first);
      const v128_t t =
          wasm_v128_bitselect(wasm_f64x2_mul(bPower, wasm_v128_load(aInverses + s)),
                              wasm_f64x2_mul(aPower, wasm_v128_load(bInverses + s)), first);
      wasm_v128_store(row + s, wasm_f64x2_mul(minusHalf, wasm_f64x2_mul(square, root(t, lanes))));
    }
#endif
    for (; s < hi; ++s) {
      // The larger power is the reference (t ≤ 1); equal powers give t = 1 either way, and a key
      // at distance 0 has both powers 0, inverse 0, so t = 0 and r² = 0.
      const bool first = aPowers[s] >= bPowers[s];
      const double square = first ? aSquares[s] : bSquares[s];
      const double t = first ? bPowers[s] * aInverses[s] : aPowers[s] * bInverses[s];
      row[s] = -0.5 * (square * root(t, c));
    }
    return;
  }
  // More axes: the running sum of powers, the largest power with its square and inverse.
  double* total = scratch_.data() + 3 * dim_ * nk_;
  double *best = total + nk_, *square = best + nk_, *inverse = square + nk_;
  {
    const Rows a = rowsFor(0, q[0], lo, hi);
    std::copy(a.powers + lo, a.powers + hi, total + lo);
    std::copy(a.powers + lo, a.powers + hi, best + lo);
    std::copy(a.squares + lo, a.squares + hi, square + lo);
    std::copy(a.inverses + lo, a.inverses + hi, inverse + lo);
  }
  for (Index m = 1; m < dim_; ++m) {
    const Rows a = rowsFor(m, q[m], lo, hi);
    const double *squares = a.squares, *powers = a.powers, *inverses = a.inverses;
    Index s = lo;
#if defined(__wasm_simd128__)
    // Written out: clang 14 does not vectorise these selects into four arrays (it warned when
    // asked to).
    for (; s + 2 <= hi; s += 2) {
      const v128_t power = wasm_v128_load(powers + s), top = wasm_v128_load(best + s);
      const v128_t larger = wasm_f64x2_gt(power, top);
      wasm_v128_store(total + s, wasm_f64x2_add(wasm_v128_load(total + s), power));
      wasm_v128_store(best + s, wasm_v128_bitselect(power, top, larger));
      wasm_v128_store(square + s, wasm_v128_bitselect(wasm_v128_load(squares + s),
                                                      wasm_v128_load(square + s), larger));
      wasm_v128_store(inverse + s, wasm_v128_bitselect(wasm_v128_load(inverses + s),
                                                       wasm_v128_load(inverse + s), larger));
    }
#endif
    for (; s < hi; ++s) {
      const bool larger = powers[s] > best[s];
      total[s] += powers[s];
      best[s] = larger ? powers[s] : best[s];
      square[s] = larger ? squares[s] : square[s];
      inverse[s] = larger ? inverses[s] : inverse[s];
    }
  }
  Index s = lo;
#if defined(__wasm_simd128__)
  const OnePlusPowerF64x2 lanes = root.lanes(c);
  const v128_t minusHalf = wasm_f64x2_splat(-0.5);
  for (; s + 2 <= hi; s += 2) {
    const v128_t t =
        wasm_f64x2_mul(wasm_f64x2_sub(wasm_v128_load(total + s), wasm_v128_load(best + s)),
                       wasm_v128_load(inverse + s));
    wasm_v128_store(row + s, wasm_f64x2_mul(minusHalf, wasm_f64x2_mul(wasm_v128_load(square + s),
                                                                      root(t, lanes))));
  }
#endif
  for (; s < hi; ++s) {
    // total ≥ best after rounding (a sum of non-negative terms including best), so t ≥ 0; a key
    // at distance 0 has total = best = inverse = 0 and r² = 0.
    const double t = (total[s] - best[s]) * inverse[s];
    row[s] = -0.5 * (square[s] * root(t, c));
  }
}

}  // namespace apl::detail
