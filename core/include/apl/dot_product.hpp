// Dot-product attention, softmax_j(qᵀk_j / scale): what the Gaussian kernel becomes on the unit
// sphere (d2l v1.0, 11.2, exercise 3). There ‖q − k‖² = 2 − 2qᵀk, so
// exp(−‖q − k‖²/(2σ²)) = e^(−1/σ²)·exp(qᵀk/σ²), and the factor cancels in the normalisation:
// Gaussian attention of width σ equals dot-product attention with scale σ².
#pragma once

#include "apl/types.hpp"

namespace apl {

struct DotProductAttention {
  Matrix weights;      // n_queries × n_keys, each row sums to 1 (empty unless returnWeights)
  Vector predictions;  // weights · values
};

// Preconditions (checked, apl::Error names the parameter): queries and keys have the same number
// of columns; values has one entry per key; entries finite with |x| ≤ kMaxAbsCoordinate; scale in
// [kMinWidth², kMaxWidth²] = [1e-18, 1e18]; n_queries × n_keys ≤ kMaxWeightEntries when weights are
// returned. The softmax subtracts each row's largest score, so no score overflows exp and every
// row has a weight of 1 before normalising: no query is ever undefined.
DotProductAttention dotProductAttention(const Matrix& queries, const Matrix& keys,
                                        const Vector& values, double scale,
                                        bool returnWeights = true);

// The scale that matches a Gaussian of width σ on the unit sphere: σ². width must lie in
// [kMinWidth, kMaxWidth] (reported as "width").
double dotProductScaleOfWidth(double width);

}  // namespace apl
