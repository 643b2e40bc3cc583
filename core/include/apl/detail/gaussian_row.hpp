// The hot loop of 1-D Gaussian attention (attention.cpp's fast path): one query's unnormalised
// weights over a window of sorted keys, written with WASM SIMD intrinsics where they are
// available and as a plain loop (which g++ vectorises to SSE2/AVX) everywhere else.
//
// Why a hand-written f64x2 loop for WASM: clang 14 (emscripten 3.1.6) vectorises the plain loop,
// but it turns the clamp std::max(x, min) into a compare and a bitselect instead of f64x2.pmax
// (one maxpd in V8) and rebuilds the exponent-field masks as v128 constants inside the loop, which
// V8 (node 20) rematerialises on every iteration. Written out, the loop measured 2.1 against 2.4
// ns per weight in node (native g++ -O3 SSE2: 1.95), the gap that mattered for W1 in npm run bench.
// The intrinsics perform exactly expNonPositive's IEEE operations in its order, so both loops give
// the same bits (tests/core cannot see this file's WASM branch; tests/node/native-equals-wasm
// does).
#pragma once

#include <cmath>
#include <cstdint>

#include "apl/detail/fast_exp.hpp"
#include "apl/types.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace apl::detail {

// row[s] = e^(coef·(a − nearest)·(a + nearest)) with a = |q − first[s]|, for s in [lo, hi).
// Preconditions: coef < 0 and nearest ≤ a for every s (so the exponent is ≤ 0), row and first do
// not overlap, c holds ExpConstants{}'s values.
inline void gaussianRow1d(const double* first, Index lo, Index hi, double q, double nearest,
                          double coef, double* row, const ExpConstants& c) {
  Index s = lo;
#if defined(__wasm_simd128__)
  const v128_t vq = wasm_f64x2_splat(q), vNearest = wasm_f64x2_splat(nearest),
               vCoef = wasm_f64x2_splat(coef), vMin = wasm_f64x2_splat(c.min),
               vScale = wasm_f64x2_splat(c.scale), vShift = wasm_f64x2_splat(c.shift),
               vLn2Hi = wasm_f64x2_splat(c.ln2Hi), vLn2Lo = wasm_f64x2_splat(c.ln2Lo),
               c5 = wasm_f64x2_splat(c.c5), c4 = wasm_f64x2_splat(c.c4),
               c3 = wasm_f64x2_splat(c.c3), c2 = wasm_f64x2_splat(c.c2),
               c1 = wasm_f64x2_splat(c.c1);
  for (; s + 2 <= hi; s += 2) {
    const v128_t a = wasm_f64x2_abs(wasm_f64x2_sub(vq, wasm_v128_load(first + s)));
    v128_t x = wasm_f64x2_mul(
        vCoef, wasm_f64x2_mul(wasm_f64x2_sub(a, vNearest), wasm_f64x2_add(a, vNearest)));
    x = wasm_f64x2_pmax(x, vMin);  // x < min ? min : x, std::max(x, min) for non-NaN x
    // expNonPositive and scaledExpOfReduced, two lanes at a time (see fast_exp.hpp).
    const v128_t t = wasm_f64x2_add(wasm_f64x2_mul(x, vScale), vShift);
    const v128_t n = wasm_f64x2_sub(t, vShift);
    const v128_t r =
        wasm_f64x2_sub(wasm_f64x2_sub(x, wasm_f64x2_mul(n, vLn2Hi)), wasm_f64x2_mul(n, vLn2Lo));
    v128_t p = c5;
    p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c4);
    p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c3);
    p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c2);
    p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c1);
    p = wasm_f64x2_mul(p, r);
    const std::uint64_t b0 = wasm_i64x2_extract_lane(t, 0), b1 = wasm_i64x2_extract_lane(t, 1);
    const v128_t scale = wasm_i64x2_make(std::int64_t(kExp2Table[b0 & 63u] + ((b0 >> 6) << 52)),
                                         std::int64_t(kExp2Table[b1 & 63u] + ((b1 >> 6) << 52)));
    wasm_v128_store(row + s, wasm_f64x2_add(scale, wasm_f64x2_mul(scale, p)));
  }
#endif
  for (; s < hi; ++s) {
    const double a = std::abs(q - first[s]);
    row[s] = expNonPositive(coef * ((a - nearest) * (a + nearest)), c);
  }
}

}  // namespace apl::detail
