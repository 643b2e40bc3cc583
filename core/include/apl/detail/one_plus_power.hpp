// (1 + t)^e for t in [0, T] and a fixed e ∈ (0, 2], by piecewise polynomials built once per
// exponent: the root of the general-p Minkowski distance (apl/detail/minkowski_scores.hpp) writes
// r² = m²·(1 + t)^(2/p), with t the other coordinates' powers relative to the largest one's, so a
// call scores many pairs with the same e and a table of polynomials replaces a pow per pair
// (a log and an exp, about 16 ns in WASM) by a lookup and 7 multiply-adds.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace apl::detail {

// The constants of OnePlusPower::operator(), loaded from the out-of-line copy before hot loops
// for the reason given at kLoopExpConstants (fast_exp.hpp).
struct OnePlusPowerConstants {
  double perUnit = 256.0, half = 0.5, zero = 0.0, unit = 1.0 / 256.0;
  double shift = 0x1p52;  // x + 2^52 holds round(x) in its low mantissa bits, for 0 ≤ x < 2^31
  std::uint64_t indexMask = 0xffffffffULL;
};
extern const OnePlusPowerConstants kLoopOnePlusPowerConstants;
inline OnePlusPowerConstants loopOnePlusPowerConstants() { return kLoopOnePlusPowerConstants; }

#if defined(__wasm_simd128__)
// The same constants splatted, made once before a loop (see detail/exp_f64x2.hpp for why WASM's
// hot loops are written out).
struct OnePlusPowerF64x2 {
  OnePlusPowerF64x2(const OnePlusPowerConstants& c, double last)
      : perUnit(wasm_f64x2_splat(c.perUnit)),
        half(wasm_f64x2_splat(c.half)),
        zero(wasm_f64x2_splat(c.zero)),
        unit(wasm_f64x2_splat(c.unit)),
        shift(wasm_f64x2_splat(c.shift)),
        last(wasm_f64x2_splat(last)),
        indexMask(c.indexMask) {}
  v128_t perUnit, half, zero, unit, shift, last;
  std::uint64_t indexMask;
};
#endif

// Method: [0, T] is cut into intervals of width w = 1/256, and on each (1 + t)^e is its Taylor
// polynomial of degree 6 about the interval's centre c, coefficients binom(e, k)·(1 + c)^(e − k)
// from one detail::powNonNegative per interval (≤ 1.5 ulp) and exact-ratio recurrences. For
// 0 < e ≤ 2, |binom(e, k)| ≤ 1 and (1 + c)^(e − k) ≤ 1 for k ≥ 2, so the remainder is at most
// (w/2)^7 = 2^−63 absolute, and the value is ≥ 1: the polynomial is exact to 2^−10 ulp and the
// result within about 2 ulp of (1 + t)^e (measured: tests/core/test_minkowski_scores.cpp). All
// operations are IEEE ones without fused multiply-adds, so native and WASM builds agree bit for
// bit.
class OnePlusPower {
 public:
  static constexpr int kDegree = 6;
  static constexpr int kStride = 8;  // coefficients per interval, padded

  // Precondition: 0 < e ≤ 2 and 0 ≤ tMax ≤ 2^20.
  OnePlusPower(double e, double tMax);

  double exponent() const { return e_; }

  // (1 + t)^e. Precondition: 0 ≤ t ≤ tMax, give or take a few ulp of rounding: a t below 0 uses
  // the first interval's polynomial and one above tMax the last one's (accurate a little beyond
  // their ends). Whatever t is (NaN included, which gives NaN), the table is read in bounds.
  [[gnu::always_inline]] double operator()(double t, const OnePlusPowerConstants& c) const {
    double x = t * c.perUnit - c.half;  // the nearest centre's index, as a double
    x = x > c.zero ? x : c.zero;        // also maps NaN to 0
    x = x < last_ ? x : last_;
    const double shifted = x + c.shift;  // round to nearest: |t − centre| ≤ w/2
    std::uint64_t bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    const double* a = coefficients_.data() + (bits & c.indexMask) * kStride;
    const double delta = t - ((shifted - c.shift) + c.half) * c.unit;
    double y = a[6];
    y = y * delta + a[5];
    y = y * delta + a[4];
    y = y * delta + a[3];
    y = y * delta + a[2];
    y = y * delta + a[1];
    return y * delta + a[0];
  }

#if defined(__wasm_simd128__)
  // Constants for the two-lane operator() below.
  OnePlusPowerF64x2 lanes(const OnePlusPowerConstants& c) const { return {c, last_}; }

  // operator() in each lane, the same IEEE operations in the same order (so the same bits):
  // pmax(0, x) is x > 0 ? x : 0 (NaN to 0) and pmin(x, last) is x < last ? x : last.
  [[gnu::always_inline]] v128_t operator()(v128_t t, const OnePlusPowerF64x2& c) const {
    v128_t x = wasm_f64x2_sub(wasm_f64x2_mul(t, c.perUnit), c.half);
    x = wasm_f64x2_pmin(wasm_f64x2_pmax(c.zero, x), c.last);
    const v128_t shifted = wasm_f64x2_add(x, c.shift);
    const double* a = coefficients_.data() +
                      (std::uint64_t(wasm_i64x2_extract_lane(shifted, 0)) & c.indexMask) * kStride;
    const double* b = coefficients_.data() +
                      (std::uint64_t(wasm_i64x2_extract_lane(shifted, 1)) & c.indexMask) * kStride;
    const v128_t delta = wasm_f64x2_sub(
        t, wasm_f64x2_mul(wasm_f64x2_add(wasm_f64x2_sub(shifted, c.shift), c.half), c.unit));
    v128_t y = wasm_f64x2_make(a[6], b[6]);
    for (int k = 5; k >= 0; --k)
      y = wasm_f64x2_add(wasm_f64x2_mul(y, delta), wasm_f64x2_make(a[k], b[k]));
    return y;
  }
#endif

 private:
  double e_;
  double last_;  // the last interval's index, as a double
  std::vector<double> coefficients_;
};

}  // namespace apl::detail
