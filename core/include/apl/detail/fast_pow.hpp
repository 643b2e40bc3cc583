// A branch-free x^p for x ≥ 0 that compilers vectorise, for the general-p Minkowski distance
// (apl/distance.hpp), whose terms are |u_i|^p per pair. std::pow is a libm call per element
// (glibc natively, musl in WASM) that no compiler vectorises, and it rounds differently in the two,
// so a portable function also keeps native and WASM results identical.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "apl/detail/fast_exp.hpp"

// Put before a loop that calls powNonNegative, whose arrays must not overlap: clang (WASM SIMD)
// otherwise keeps it scalar, unable to bound the table lookups for its run-time overlap checks
// and rating them too dear; vectorised, the loop measured about twice as fast in node. Other
// compilers decide for themselves.
#if defined(__clang__)
#define APL_VECTORIZE_LOOP _Pragma("clang loop vectorize(assume_safety)")
#else
#define APL_VECTORIZE_LOOP
#endif

namespace apl::detail {

// ln c_j as hi + lo (bit patterns, written by a 60-digit decimal computation) for the table
// points c_j = 1 + j/64, j = 0 … 63, which are exact doubles (ln c_0 = 0: 1^p is exactly 1).
struct LogEntry {
  std::uint64_t hi, lo;
};
inline constexpr LogEntry kLogTable[64] = {
    {0x0000000000000000ULL, 0x0000000000000000ULL}, {0x3f8fc0a8b0fc03e4ULL, 0xbc183092c59642a1ULL},
    {0x3f9f829b0e783300ULL, 0x3c333e3f04f1ef23ULL}, {0x3fa77458f632dcfcULL, 0x3c418d3ca87b9296ULL},
    {0x3faf0a30c01162a6ULL, 0x3c485f325c5bbacdULL}, {0x3fb341d7961bd1d1ULL, 0xbc5b599f227becbbULL},
    {0x3fb6f0d28ae56b4cULL, 0xbc5906d99184b992ULL}, {0x3fba926d3a4ad563ULL, 0x3c5942f48aa70ea9ULL},
    {0x3fbe27076e2af2e6ULL, 0xbc361578001e0162ULL}, {0x3fc0d77e7cd08e59ULL, 0x3c69a5dc5e9030acULL},
    {0x3fc29552f81ff523ULL, 0x3c6301771c407dbfULL}, {0x3fc44d2b6ccb7d1eULL, 0x3c69f4f6543e1f88ULL},
    {0x3fc5ff3070a793d4ULL, 0xbc5bc60efafc6f6eULL}, {0x3fc7ab890210d909ULL, 0x3c4be36b2d6a0608ULL},
    {0x3fc9525a9cf456b4ULL, 0x3c6d904c1d4e2e26ULL}, {0x3fcaf3c94e80bff3ULL, 0xbc5398cff3641985ULL},
    {0x3fcc8ff7c79a9a22ULL, 0xbc64f689f8434012ULL}, {0x3fce27076e2af2e6ULL, 0xbc461578001e0162ULL},
    {0x3fcfb9186d5e3e2bULL, 0xbc6caaae64f21acbULL}, {0x3fd0a324e27390e3ULL, 0x3c77dcfde8061c03ULL},
    {0x3fd1675cababa60eULL, 0x3c2ce63eab883717ULL}, {0x3fd22941fbcf7966ULL, 0xbc776f5eb09628afULL},
    {0x3fd2e8e2bae11d31ULL, 0xbc78f4cdb95ebdf9ULL}, {0x3fd3a64c556945eaULL, 0xbc6c68651945f97cULL},
    {0x3fd4618bc21c5ec2ULL, 0x3c7f42decdeccf1dULL}, {0x3fd51aad872df82dULL, 0x3c43927ac19f55e3ULL},
    {0x3fd5d1bdbf5809caULL, 0x3c74236383dc7fe1ULL}, {0x3fd686c81e9b14afULL, 0xbc6ddea0f7f58e3dULL},
    {0x3fd739d7f6bbd007ULL, 0xbc78c76ceb014b04ULL}, {0x3fd7eaf83b82afc3ULL, 0x3c792ce979ed2950ULL},
    {0x3fd89a3386c1425bULL, 0xbc729639dfbbf0fbULL}, {0x3fd947941c2116fbULL, 0xbc716cc8bae0bbe4ULL},
    {0x3fd9f323ecbf984cULL, 0xbc4a92e513217f5cULL}, {0x3fda9cec9a9a084aULL, 0xbc7cadec02b436afULL},
    {0x3fdb44f77bcc8f63ULL, 0xbc7cd04495459c78ULL}, {0x3fdbeb4d9da71b7cULL, 0xbc40f3c590a887caULL},
    {0x3fdc8ff7c79a9a22ULL, 0xbc74f689f8434012ULL}, {0x3fdd32fe7e00ebd5ULL, 0x3c7877b232fafa37ULL},
    {0x3fddd46a04c1c4a1ULL, 0xbc70467656d8b892ULL}, {0x3fde744261d68788ULL, 0xbc5c825c90c344b9ULL},
    {0x3fdf128f5faf06edULL, 0xbc7328df13bb38c3ULL}, {0x3fdfaf588f78f31fULL, 0xbc6328260d8abca0ULL},
    {0x3fe02552a5a5d0ffULL, 0xbc7cb1cb51408c00ULL}, {0x3fe0723e5c1cdf40ULL, 0x3c8395e58e2445bbULL},
    {0x3fe0be72e4252a83ULL, 0xbc8259da11330801ULL}, {0x3fe109f39e2d4c97ULL, 0xbc30e09b27a4373aULL},
    {0x3fe154c3d2f4d5eaULL, 0xbc859c33171a6876ULL}, {0x3fe19ee6b467c96fULL, 0xbc79d1a11443f10cULL},
    {0x3fe1e85f5e7040d0ULL, 0x3c7ef62cd2f9f1e3ULL}, {0x3fe23130d7bebf43ULL, 0xbc8f48725e374d6eULL},
    {0x3fe2795e1289b11bULL, 0xbc6487c0c246978eULL}, {0x3fe2c0e9ed448e8cULL, 0xbc81a158f3917586ULL},
    {0x3fe307d7334f10beULL, 0x3c6fb590a1f566daULL}, {0x3fe34e289d9ce1d3ULL, 0x3c66eb92d885ce4fULL},
    {0x3fe393e0d3562a1aULL, 0xbc858eef67f2483aULL}, {0x3fe3d9026a7156fbULL, 0xbc86fef670bd4b62ULL},
    {0x3fe41d8fe84672aeULL, 0x3c89192f30bd1806ULL}, {0x3fe4618bc21c5ec2ULL, 0x3c8f42decdeccf1dULL},
    {0x3fe4a4f85db03ebbULL, 0x3c313dfa3d3761b6ULL}, {0x3fe4e7d811b75bb1ULL, 0xbc88d3d9ea6e9ea9ULL},
    {0x3fe52a2d265bc5abULL, 0xbc61883750ea4d0aULL}, {0x3fe56bf9d5b3f399ULL, 0x3c80471885cd8ff3ULL},
    {0x3fe5ad404c359f2dULL, 0xbc435955683f7196ULL}, {0x3fe5ee02a9241675ULL, 0x3c8c358257f49082ULL},
};

// The constants of powNonNegative (below), every one of them, integer masks included; copied
// into locals before hot loops for the reason given at kLoopExpConstants.
struct PowConstants {
  ExpConstants exp;
  double ln2Hi = 0x1.62e42fefa38p-1;  // ln 2 to 42 bits, so that k·ln2Hi is exact for |k| < 2^11
  double ln2Lo = 0x1.ef35793c7673p-45;
  double split = 134217729.0;  // 2^27 + 1: Veltkamp's splitter for exact products
  double c10 = -1.0 / 10, c9 = 1.0 / 9, c8 = -1.0 / 8, c7 = 1.0 / 7, c6 = -1.0 / 6, c5 = 1.0 / 5,
         c4 = -1.0 / 4, c3 = 1.0 / 3, c2 = -0.5;
  double smallest = 0x1p-1022, subnormalScale = 0x1p54, pMax = 1e300;
  double exponentBias = 0x1p52 + 1023.0, subnormalExponent = 54.0, zero = 0.0;
  std::uint64_t exponentBits = 0x4330000000000000ULL;  // 2^52 as a double
  std::uint64_t mantissaMask = 0x000fffffffffffffULL, oneBits = 0x3ff0000000000000ULL;
  std::uint64_t pointMask = 0xffffc00000000000ULL;  // sign, exponent and 6 mantissa bits
};
extern const PowConstants kLoopPowConstants;
inline PowConstants loopPowConstants() { return kLoopPowConstants; }

// x^p for finite x ≥ 0 and p ≥ 0 with p·ln x ≤ 709 (callers: bases in [0, 1], or 1/p-th roots
// of sums in [1, d]). Within 1.5 ulp of the correctly rounded result wherever that result is a
// normal double not below e^kFastExpMin (measured 1.25 on subnormal to 2^8 bases and p up to 300:
// tests/core/test_fast_pow.cpp, against long double powl); below, it returns e^kFastExpMin ≈ 3e−308
// (as expNonPositive) except that 0^p = 0 for p > 0. x^0 = 1 and 1^p = 1 exactly. Precondition: c
// holds PowConstants{}'s values.
//
// Method (as musl's pow, without its special cases): ln x is formed as hi + lo to about 2^−66
// absolute, and p·(hi + lo) as an exact product plus the rest, so that e^(p ln x) is not swamped
// by the rounding of ln x times a large |p ln x| (a plain exp(p·log(x)) loses |p ln x| ulp).
//  * x = 2^k·z, z ∈ [1, 2) read from the bits (subnormal x is scaled by 2^54 first, a select);
//    z's top 6 mantissa bits pick c_j ≤ z < c_j + 1/64, and z − c_j is exact;
//  * r = (z − c_j) / c_j (|r| < 2^−6) plus its rounding error (exactly, by Dekker's product),
//    ln z = ln c_j + ln(1 + r) with ln(1 + r) by Taylor to degree 10 (remainder |r|^11/11 < 2^−69);
//  * k·ln2Hi + ln c_j + r are added with error-free sums (Knuth's TwoSum), the small rest after;
//  * p·hi by Dekker's exact product (Veltkamp splitting, no fma: the core is built with
//    -ffp-contract=off for identical results natively and in WASM), and e^(yhi + ylo) by expSum.
// Always inlined: a call per element would keep the loops that use it from vectorising.
[[gnu::always_inline]] inline double powNonNegative(double x, double p, const PowConstants& c) {
  p = std::min(p, c.pMax);  // a larger p changes nothing for bases ≤ 1 and would overflow the split
  const bool subnormal = x < c.smallest;
  const double xs = subnormal ? x * c.subnormalScale : x;
  std::uint64_t bits;
  std::memcpy(&bits, &xs, sizeof bits);
  // The exponent field as a double without an integer conversion (none is vectorised in WASM):
  // 2^52 + e read as a double, minus 2^52 + 1023 (exact).
  const std::uint64_t eBits = c.exponentBits | (bits >> 52);
  double e;
  std::memcpy(&e, &eBits, sizeof e);
  const double k = (e - c.exponentBias) - (subnormal ? c.subnormalExponent : c.zero);
  const LogEntry& entry = kLogTable[(bits >> 46) & 63u];
  const std::uint64_t zBits = (bits & c.mantissaMask) | c.oneBits;
  double z, logcHi, logcLo;
  std::memcpy(&z, &zBits, sizeof z);
  std::memcpy(&logcHi, &entry.hi, sizeof logcHi);
  std::memcpy(&logcLo, &entry.lo, sizeof logcLo);
  const std::uint64_t pointBits = zBits & c.pointMask;  // z cut to 6 bits: 1 + j/64
  double point;
  std::memcpy(&point, &pointBits, sizeof point);
  const double d = z - point;
  const double r = d / point;
  // The division's rounding error, exactly (Dekker: point has 7 significant bits, so the halves
  // of r times point are exact); without it, p·ln x is off by up to p·2^−59 near x = 1.
  const double rt = c.split * r;
  const double rHi = rt - (rt - r), rLo = r - rHi;
  const double rErr = ((d - rHi * point) - rLo * point) / point;
  double q = c.c10;
  q = q * r + c.c9;
  q = q * r + c.c8;
  q = q * r + c.c7;
  q = q * r + c.c6;
  q = q * r + c.c5;
  q = q * r + c.c4;
  q = q * r + c.c3;
  q = q * r + c.c2;
  q = q * r * r;  // ln(1 + r) − r
  // hi + lo = k·ln2Hi + ln c_j + r exactly (two TwoSums), then the small terms.
  const double a = k * c.ln2Hi;
  const double s1 = a + logcHi;
  const double b1 = s1 - a;
  const double e1 = (a - (s1 - b1)) + (logcHi - b1);
  const double s2 = s1 + r;
  const double b2 = s2 - s1;
  const double e2 = (s1 - (s2 - b2)) + (r - b2);
  const double rest = e1 + e2 + (k * c.ln2Lo + logcLo + (q + rErr));
  const double hi = s2 + rest;
  const double lo = rest - (hi - s2);
  // p·hi = yHi + yErr exactly (Dekker).
  const double yHi = p * hi;
  const double pt = c.split * p, ht = c.split * hi;
  const double pHi = pt - (pt - p), pLo = p - pHi;
  const double hHi = ht - (ht - hi), hLo = hi - hHi;
  const double yErr = ((pHi * hHi - yHi) + pHi * hLo + pLo * hHi) + pLo * hLo;
  const double result = expSum(yHi, yErr + p * lo, c.exp);
  return x == c.zero && p > c.zero ? c.zero : result;
}

inline double powNonNegative(double x, double p) { return powNonNegative(x, p, PowConstants{}); }

}  // namespace apl::detail
