// expNonPositive two lanes at a time with WASM SIMD intrinsics, for the hot loops that are written
// out for WASM (gaussian_row.hpp, parametric.cpp's pair terms). Why written out: clang 14
// (emscripten 3.1.6) vectorises the plain loops, but it turns the clamp std::max(x, min) into a
// compare and a bitselect instead of f64x2.pmax and rebuilds the exponent-field masks as v128
// constants inside the loop, which V8 (node 20) rematerialises on every iteration. The lanes
// perform exactly expNonPositive's IEEE operations in its order, so the results are the same bits
// (tests/node/native-equals-wasm compares the two builds). Only compiled with -msimd128.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include <cstdint>

#include "apl/detail/fast_exp.hpp"

namespace apl::detail {

// ExpConstants splatted, made once before a loop so that the constants stay in registers.
struct ExpF64x2 {
  explicit ExpF64x2(const ExpConstants& c)
      : min(wasm_f64x2_splat(c.min)),
        scale(wasm_f64x2_splat(c.scale)),
        shift(wasm_f64x2_splat(c.shift)),
        ln2Hi(wasm_f64x2_splat(c.ln2Hi)),
        ln2Lo(wasm_f64x2_splat(c.ln2Lo)),
        c5(wasm_f64x2_splat(c.c5)),
        c4(wasm_f64x2_splat(c.c4)),
        c3(wasm_f64x2_splat(c.c3)),
        c2(wasm_f64x2_splat(c.c2)),
        c1(wasm_f64x2_splat(c.c1)) {}
  v128_t min, scale, shift, ln2Hi, ln2Lo, c5, c4, c3, c2, c1;
};

// expNonPositive(x, c) in each lane. Precondition: no lane is NaN.
[[gnu::always_inline]] inline v128_t expNonPositive(v128_t x, const ExpF64x2& c) {
  x = wasm_f64x2_pmax(x, c.min);  // x < min ? min : x, std::max(x, min) for non-NaN x
  const v128_t t = wasm_f64x2_add(wasm_f64x2_mul(x, c.scale), c.shift);
  const v128_t n = wasm_f64x2_sub(t, c.shift);
  const v128_t r =
      wasm_f64x2_sub(wasm_f64x2_sub(x, wasm_f64x2_mul(n, c.ln2Hi)), wasm_f64x2_mul(n, c.ln2Lo));
  v128_t p = c.c5;
  p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c.c4);
  p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c.c3);
  p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c.c2);
  p = wasm_f64x2_add(wasm_f64x2_mul(p, r), c.c1);
  p = wasm_f64x2_mul(p, r);
  const std::uint64_t b0 = wasm_i64x2_extract_lane(t, 0), b1 = wasm_i64x2_extract_lane(t, 1);
  const v128_t scale = wasm_i64x2_make(std::int64_t(kExp2Table[b0 & 63u] + ((b0 >> 6) << 52)),
                                       std::int64_t(kExp2Table[b1 & 63u] + ((b1 >> 6) << 52)));
  return wasm_f64x2_add(scale, wasm_f64x2_mul(scale, p));
}

}  // namespace apl::detail
#endif
