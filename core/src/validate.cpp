#include "apl/detail/validate.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "apl/error.hpp"

namespace apl::detail {

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  // 17 significant digits always round-trip; try shorter first so messages stay readable.
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

void checkPoints(const Matrix& points, const char* name) {
  if (points.rows() < 1) throw Error(name, "is empty; accepted: at least one point");
  if (points.rows() > kMaxPoints)
    throw Error(name, "has " + std::to_string(points.rows()) + " points; accepted: at most " +
                          std::to_string(kMaxPoints));
  if (points.cols() < 1 || points.cols() > kMaxDim)
    throw Error("dim", "got " + std::to_string(points.cols()) + " coordinates in " + name +
                           "; accepted: 1 to " + std::to_string(kMaxDim));
  for (Index i = 0; i < points.rows(); ++i)
    for (Index m = 0; m < points.cols(); ++m) {
      const double v = points(i, m);
      if (!(std::abs(v) <= kMaxAbsCoordinate))  // also rejects NaN
        throw Error(name, "point " + std::to_string(i) + ", coordinate " + std::to_string(m) +
                              " is " + formatNumber(v) +
                              "; accepted: finite numbers with |x| <= 1e9");
    }
}

void checkValues(const Vector& values, Index n, const char* name) {
  if (values.size() != n)
    throw Error(name, "has " + std::to_string(values.size()) + " entries for " + std::to_string(n) +
                          " points; accepted: one per point");
  for (Index i = 0; i < n; ++i)
    if (!(std::abs(values[i]) <= kMaxAbsCoordinate))
      throw Error(name, "entry " + std::to_string(i) + " is " + formatNumber(values[i]) +
                            "; accepted: finite numbers with |v| <= 1e9");
}

void checkSameDim(const Matrix& a, const char* nameA, const Matrix& b, const char* nameB) {
  if (a.cols() != b.cols())
    throw Error(nameB, "has " + std::to_string(b.cols()) + " coordinates but " + nameA + " has " +
                           std::to_string(a.cols()) + "; accepted: the same dim");
}

void checkPositive(double value, const char* name) {
  if (!(value > 0.0 && std::isfinite(value)))
    throw Error(name, "got " + formatNumber(value) + "; accepted: a finite number > 0");
}

void checkRange(double value, double lo, double hi, const char* name, const std::string& accepted) {
  if (!(value >= lo && value <= hi && std::isfinite(value)))
    throw Error(name, "got " + formatNumber(value) + "; accepted: " + accepted);
}

void checkCount(long long value, long long lo, long long hi, const char* name) {
  if (value < lo || value > hi)
    throw Error(name, "got " + std::to_string(value) + "; accepted: an integer from " +
                          std::to_string(lo) + " to " + std::to_string(hi));
}

}  // namespace apl::detail
