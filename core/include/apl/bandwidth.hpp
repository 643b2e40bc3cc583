// Leave-one-out cross-validation of the width, and a rule-of-thumb width.
#pragma once

#include "apl/attention.hpp"
#include "apl/distance.hpp"
#include "apl/kernels.hpp"
#include "apl/types.hpp"

namespace apl {

struct LooPoint {
  double mse;  // mean over i of (f₋ᵢ(xᵢ) − yᵢ)²; NaN when some point has no neighbour
  Index undefined;  // how many points had no neighbour at this width
};

// LOO MSE at each scalar width (the metric's p is used; widths are isotropic).
// `algorithm` as in attend(): BruteForce is the reference the fast windows are tested against.
std::vector<LooPoint> looCurve(const Matrix& x, const Vector& y, Kernel kernel, double p,
                               const Vector& widths, Algorithm algorithm = Algorithm::Auto);

// looCurve at each row of `widths`: one width per coordinate (rows × dim, an axis-aligned scaled
// metric ‖(q − k) ∘ (1/h)‖_p), or rows × 1 for isotropic widths as above. This is what a trained
// per-coordinate w means (h_m = 1/|w_m|), so it can be compared with LOO-CV's isotropic choice
// on the same footing.
std::vector<LooPoint> looCurvePerCoordinate(const Matrix& x, const Vector& y, Kernel kernel,
                                            double p, const Matrix& widths,
                                            Algorithm algorithm = Algorithm::Auto);

struct WidthSelection {
  double width;  // the global minimiser of the LOO MSE over [lo, hi]
  double mse;
  double lo, hi;    // the searched interval
  bool atBoundary;  // the minimum is at an end of the interval (the curve is flat there)
};
// Global search: a dense log grid over [lo, hi] brackets the best basin, then Brent's method
// (parabolic and golden-section steps) refines it. For 1-D data with the default algorithm every
// evaluation is detail::Loo1d's O(n) pass over one sorted copy. lo and hi come from the data
// (nearest-neighbour spacing and the range). The boxcar's LOO curve is a step function of h (it
// changes only where h crosses a pairwise distance), so for n ≤ 2000 it is minimised exactly by a
// sweep over the sorted pairwise distances instead.
WidthSelection selectWidth(const Matrix& x, const Vector& y, Kernel kernel, double p,
                           Algorithm algorithm = Algorithm::Auto);

// Normal-reference rule 1.06·σ̂·n^(−1/(4+d)), σ̂ the mean over coordinates of the sample sd.
double ruleOfThumbWidth(const Matrix& x);

}  // namespace apl
