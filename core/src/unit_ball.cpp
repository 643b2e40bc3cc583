#include "apl/unit_ball.hpp"

#include <cmath>

#include "apl/detail/validate.hpp"
#include "apl/distance.hpp"

namespace apl {

Matrix unitBall(double p, Index points, const Vector& widths) {
  detail::checkCount(static_cast<long long>(points), kMinBallPoints, kMaxBallPoints, "points");
  const Metric metric{widths, p};
  validateMetric(metric, 2);
  // 2π as the closest double; every angle is computed from k directly (no accumulated steps).
  const double twoPi = 6.283185307179586;
  const double origin[2] = {0.0, 0.0};
  Matrix out(points, 2);
  for (Index k = 0; k < points; ++k) {
    const double theta = twoPi * double(k) / double(points);
    const double d[2] = {std::cos(theta), std::sin(theta)};
    // r(d) > 0 because |d| = 1 and the widths are finite: the ray meets the boundary once.
    const double r = scaledDistance(d, origin, 2, metric);
    out(k, 0) = d[0] / r;
    out(k, 1) = d[1] / r;
  }
  return out;
}

}  // namespace apl
