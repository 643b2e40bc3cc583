// A branch-free e^x for x ≤ 0 that compilers vectorise (SSE2/AVX natively, f64x2 with -msimd128
// in WASM), for the hot loops of the Gaussian kernel. std::exp is a libm call per element (glibc
// natively, musl in WASM) that no compiler vectorises.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace apl::detail {

// Inputs below this are clamped: e^−708 ≈ 3.3e−308 is the smallest result that stays a normal
// double, and subnormal results are several times slower on every FPU. Callers only pass
// x ≥ −kGaussianCut (attention.cpp), far above it.
inline constexpr double kFastExpMin = -708.0;

// 2^(j/64), j = 0 … 63, correctly rounded (bit patterns, written by a 60-digit decimal
// computation), so that the table itself contributes at most ½ ulp.
inline constexpr std::uint64_t kExp2Table[64] = {
    0x3ff0000000000000ULL, 0x3ff02c9a3e778061ULL, 0x3ff059b0d3158574ULL, 0x3ff0874518759bc8ULL,
    0x3ff0b5586cf9890fULL, 0x3ff0e3ec32d3d1a2ULL, 0x3ff11301d0125b51ULL, 0x3ff1429aaea92de0ULL,
    0x3ff172b83c7d517bULL, 0x3ff1a35beb6fcb75ULL, 0x3ff1d4873168b9aaULL, 0x3ff2063b88628cd6ULL,
    0x3ff2387a6e756238ULL, 0x3ff26b4565e27cddULL, 0x3ff29e9df51fdee1ULL, 0x3ff2d285a6e4030bULL,
    0x3ff306fe0a31b715ULL, 0x3ff33c08b26416ffULL, 0x3ff371a7373aa9cbULL, 0x3ff3a7db34e59ff7ULL,
    0x3ff3dea64c123422ULL, 0x3ff4160a21f72e2aULL, 0x3ff44e086061892dULL, 0x3ff486a2b5c13cd0ULL,
    0x3ff4bfdad5362a27ULL, 0x3ff4f9b2769d2ca7ULL, 0x3ff5342b569d4f82ULL, 0x3ff56f4736b527daULL,
    0x3ff5ab07dd485429ULL, 0x3ff5e76f15ad2148ULL, 0x3ff6247eb03a5585ULL, 0x3ff6623882552225ULL,
    0x3ff6a09e667f3bcdULL, 0x3ff6dfb23c651a2fULL, 0x3ff71f75e8ec5f74ULL, 0x3ff75feb564267c9ULL,
    0x3ff7a11473eb0187ULL, 0x3ff7e2f336cf4e62ULL, 0x3ff82589994cce13ULL, 0x3ff868d99b4492edULL,
    0x3ff8ace5422aa0dbULL, 0x3ff8f1ae99157736ULL, 0x3ff93737b0cdc5e5ULL, 0x3ff97d829fde4e50ULL,
    0x3ff9c49182a3f090ULL, 0x3ffa0c667b5de565ULL, 0x3ffa5503b23e255dULL, 0x3ffa9e6b5579fdbfULL,
    0x3ffae89f995ad3adULL, 0x3ffb33a2b84f15fbULL, 0x3ffb7f76f2fb5e47ULL, 0x3ffbcc1e904bc1d2ULL,
    0x3ffc199bdd85529cULL, 0x3ffc67f12e57d14bULL, 0x3ffcb720dcef9069ULL, 0x3ffd072d4a07897cULL,
    0x3ffd5818dcfba487ULL, 0x3ffda9e603db3285ULL, 0x3ffdfc97337b9b5fULL, 0x3ffe502ee78b3ff6ULL,
    0x3ffea4afa2a490daULL, 0x3ffefa1bee615a27ULL, 0x3fff50765b6e4540ULL, 0x3fffa7c1819e90d8ULL,
};

// The constants of expNonPositive (below).
struct ExpConstants {
  double scale = 64.0 * 1.4426950408889634074;       // 64/ln 2
  double shift = 6755399441055744.0;                 // 1.5·2^52
  double ln2Hi = 6.93147180369123816490e-01 / 64.0;  // exact: a power-of-2 division
  double ln2Lo = 1.90821492927058770002e-10 / 64.0;
  double c5 = 1.0 / 120.0, c4 = 1.0 / 24.0, c3 = 1.0 / 6.0, c2 = 0.5, c1 = 1.0;
  double min = kFastExpMin;
};

// The same constants, defined out of line in fast_exp.cpp so that other translation units cannot
// fold them into the loop body. Hot loops copy them into locals once (loopExpConstants()) and
// pass them to expNonPositive: V8 (node 20) rematerialises every WASM SIMD constant on every
// iteration, while values loaded before the loop stay in registers — measured 3.8 → 2.5 ns per
// e^x in WASM; natively it makes no difference.
extern const ExpConstants kLoopExpConstants;
inline ExpConstants loopExpConstants() { return kLoopExpConstants; }

// 2^k·2^(j/64)·e^r, the last step of expNonPositive and expSum: t = x·64/ln2 + 1.5·2^52 holds
// 64k + j in its low mantissa bits and r is the reduced argument (see expNonPositive).
[[gnu::always_inline]] inline double scaledExpOfReduced(double t, double r, const ExpConstants& c) {
  double p = c.c5;
  p = p * r + c.c4;
  p = p * r + c.c3;
  p = p * r + c.c2;
  p = p * r + c.c1;
  p = p * r;  // e^r − 1
  std::uint64_t bits;
  std::memcpy(&bits, &t, sizeof bits);
  // (bits >> 6) << 52 keeps exactly the low bits of 2^45 + k, i.e. k in the exponent field (the
  // rest is shifted out); the table entry's exponent field is 1023, so the sum is 2^k·2^(j/64).
  const std::uint64_t scaleBits = kExp2Table[bits & 63u] + ((bits >> 6) << 52);
  double scale;
  std::memcpy(&scale, &scaleBits, sizeof scale);
  return scale + scale * p;
}

// e^x for x ≤ 0 (x < kFastExpMin gives e^kFastExpMin; NaN is not allowed). Within 2 ulp of the
// correctly rounded result on [kFastExpMin, 0] (measured 1.3; tests/core/test_fast_paths.cpp
// checks it against long double expl). Precondition: c holds ExpConstants{}'s values.
//
// Method (as musl's exp, without its special cases): x = (64k + j)·ln2/64 + r with |r| ≤ ln2/128,
// so e^x = 2^k · 2^(j/64) · e^r.
//  * 64k + j is rounded by adding 1.5·2^52: the sum's low mantissa bits are then 2^51 + 64k + j,
//    which gives j (low 6 bits) and 2^k (the bits above, shifted into the exponent field) by
//    integer arithmetic — no floor(), no branch.
//  * r = (x − n·ln2hi/64) − n·ln2lo/64, n = 64k + j: ln2hi has 32 significant bits, so n·ln2hi/64
//    is exact for |n| < 2^21 and the subtraction is exact (Sterbenz); r is off by ~1e−20.
//  * e^r − 1 by Taylor to degree 5: the remainder |r|^6/720 < 4e−17 relative to e^r, and the
//    result is formed as s + s·(e^r − 1) with s = 2^k·2^(j/64), so only the final addition rounds
//    at full weight: ½ ulp (table) + ½ ulp (addition) + a small part for the polynomial.
//  * k ≥ −1022 after the clamp, so s is a normal number and adding k to its exponent is exact.
inline double expNonPositive(double x, const ExpConstants& c) {
  x = std::max(x, c.min);
  const double t = x * c.scale + c.shift;
  const double n = t - c.shift;
  const double r = (x - n * c.ln2Hi) - n * c.ln2Lo;
  return scaledExpOfReduced(t, r, c);
}

inline double expNonPositive(double x) { return expNonPositive(x, ExpConstants{}); }

// e^(hi + lo) for hi ≤ 709 and |lo| ≤ 2^−40·max(1, |hi|) (a double-double exponent: powNonNegative
// in fast_pow.hpp), hi < kFastExpMin giving e^kFastExpMin. The method of expNonPositive with lo
// added to the reduced argument r, where it is not rounded away; positive hi works the same (2^k
// stays a normal double for k ≤ 1023). Precondition: c holds ExpConstants{}'s values.
[[gnu::always_inline]] inline double expSum(double hi, double lo, const ExpConstants& c) {
  const bool clamped = hi < c.min;
  hi = clamped ? c.min : hi;
  lo = clamped ? 0.0 : lo;
  const double t = hi * c.scale + c.shift;
  const double n = t - c.shift;
  const double r = ((hi - n * c.ln2Hi) - n * c.ln2Lo) + lo;
  return scaledExpOfReduced(t, r, c);
}

}  // namespace apl::detail
