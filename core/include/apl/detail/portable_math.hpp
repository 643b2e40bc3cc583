// Elementary functions built only from +, −, ×, ÷ and exact scaling, for the places where results
// must be bit-identical across libm implementations (glibc natively, musl in WASM): data generation
// and the noise-free truth. Accuracy is a few ulp, which is plenty for data; the attention code
// uses std::exp, where agreement to ~1e-15 is enough. Precondition for the whole file: compiled
// with -ffp-contract=off (no fused multiply-add), which CMakeLists.txt sets for the core.
#pragma once

namespace apl::detail {

double log(double x);            // x > 0 finite
double exp(double x);            // |x| < 700
double sin(double x);            // |x| < 1e5
double cos(double x);            // |x| < 1e5
double pow(double x, double y);  // x > 0

}  // namespace apl::detail
