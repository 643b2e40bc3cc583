// Leave-one-out of one-dimensional data in O(n) per width: one sort, then each width costs a pass
// over the sorted points instead of a pass over all pairs (issue 16). Used by looCurve and
// selectWidth for d = 1 with Algorithm::Auto; the brute force stays the reference.
#pragma once

#include <vector>

#include "apl/bandwidth.hpp"
#include "apl/kernels.hpp"
#include "apl/types.hpp"

namespace apl::detail {

class Loo1d {
 public:
  // x, y: n ≥ 2 finite values each (checked by the callers). Sorts once, O(n log n).
  Loo1d(const double* x, const double* y, Index n);

  // Kernels with a fast method: boxcar, triangular and Epanechnikov exactly from running sums of
  // moments; the Gaussian by a fast Gauss transform. Constant and lenrek have none here.
  static bool supports(Kernel kernel);

  // The LOO MSE at width h, as looCurve's brute force defines it: NaN with the count of points
  // that have no neighbour. Precondition: supports(kernel), h in [kMinWidth, kMaxWidth].
  LooPoint at(Kernel kernel, double h);

 private:
  LooPoint compact(Kernel kernel, double h);
  LooPoint gaussian(double h);
  // Error (prediction − y, in centred y) of point i by a direct windowed Gaussian sum, as the
  // brute force weighs it (relative to the nearest other point, so it never underflows).
  double gaussianDirect(Index i, double h) const;
  double compactDirect(Kernel kernel, Index i, Index lo, Index hi, double h) const;

  Index n_;
  std::vector<double> x_, y_;  // sorted by x; y centred on its mean (the predictions' offset)
  double yScale_ = 0.0;        // max |y − ȳ|
  double xScale_ = 0.0;        // max |x|
  // Double-double prefix sums (hi, lo) of the moments x^a·y^b over the sorted points: entry k
  // sums points [0, k). Index: kX, kXX, kY, kXY, kXXY.
  std::vector<double> prefix_[5][2];
  std::vector<double> absY_;  // per-point |y − ȳ| (FGT error bounds)
};

}  // namespace apl::detail
