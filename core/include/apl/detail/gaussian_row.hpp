// The hot loop of 1-D Gaussian attention (attention.cpp's fast path): one query's unnormalised
// weights over a window of sorted keys, written with WASM SIMD intrinsics where they are
// available (exp_f64x2.hpp says why) and as a plain loop (which g++ vectorises to SSE2/AVX)
// everywhere else. Written out, the loop measured 2.1 against 2.4 ns per weight in node (native
// g++ -O3 SSE2: 1.95), the gap that mattered for W1 in npm run bench.
#pragma once

#include <cmath>
#include <cstdint>

#include "apl/detail/exp_f64x2.hpp"
#include "apl/detail/fast_exp.hpp"
#include "apl/types.hpp"

namespace apl::detail {

// row[s] = e^(coef·(a − nearest)·(a + nearest)) with a = |q − first[s]|, for s in [lo, hi).
// Preconditions: coef < 0 and nearest ≤ a for every s (so the exponent is ≤ 0), row and first do
// not overlap, c holds ExpConstants{}'s values.
inline void gaussianRow1d(const double* first, Index lo, Index hi, double q, double nearest,
                          double coef, double* row, const ExpConstants& c) {
  Index s = lo;
#if defined(__wasm_simd128__)
  const ExpF64x2 e(c);
  const v128_t vq = wasm_f64x2_splat(q), vNearest = wasm_f64x2_splat(nearest),
               vCoef = wasm_f64x2_splat(coef);
  for (; s + 2 <= hi; s += 2) {
    const v128_t a = wasm_f64x2_abs(wasm_f64x2_sub(vq, wasm_v128_load(first + s)));
    const v128_t x = wasm_f64x2_mul(
        vCoef, wasm_f64x2_mul(wasm_f64x2_sub(a, vNearest), wasm_f64x2_add(a, vNearest)));
    wasm_v128_store(row + s, expNonPositive(x, e));
  }
#endif
  for (; s < hi; ++s) {
    const double a = std::abs(q - first[s]);
    row[s] = expNonPositive(coef * ((a - nearest) * (a + nearest)), c);
  }
}

}  // namespace apl::detail
