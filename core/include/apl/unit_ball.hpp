// The kernel's unit ball in the plane: the set {u : ‖u ∘ (1/h)‖_p = 1} of offsets q − k at scaled
// distance exactly 1. A compact kernel (boxcar, triangular, Epanechnikov) gives a key weight only
// inside it; the Gaussian's level sets have its shape. p = 1 gives a diamond, p = 2 an ellipse,
// p = ∞ a rectangle; per-coordinate widths stretch it along the axes.
#pragma once

#include "apl/types.hpp"

namespace apl {

inline constexpr Index kMinBallPoints = 4;
inline constexpr Index kMaxBallPoints = 100000;

// `points` boundary points, points × 2 row-major, in counter-clockwise order: point k lies on the
// ray at angle θ_k = 2πk/points, u_k = d_k / ‖d_k ∘ (1/h)‖_p with d_k = (cos θ_k, sin θ_k), so
// that its scaled distance from the origin is 1 (up to rounding). Exact on every ray; straight
// edges (p = 1, ∞) are exact between the rays, and for p = ∞ the corners lie between rays unless a
// ray hits them. Preconditions checked (apl::Error): points in [4, 100000] ("points"); widths 1
// or 2 entries in [1e-9, 1e9] ("width"); p ≥ 1 or +∞ ("p").
Matrix unitBall(double p, Index points, const Vector& widths);

}  // namespace apl
