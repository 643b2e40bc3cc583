#include "apl/metrics.hpp"

#include <cmath>
#include <limits>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

ErrorSummary meanSquaredError(const Vector& predictions, const Vector& reference) {
  if (predictions.size() == 0) throw Error("predictions", "is empty; accepted: at least one value");
  detail::checkValues(reference, predictions.size(), "truth");
  ErrorSummary out{0.0, 0};
  for (Index i = 0; i < predictions.size(); ++i) {
    if (std::isnan(predictions[i])) {
      ++out.undefined;
      continue;
    }
    if (!std::isfinite(predictions[i]))
      throw Error("predictions", "entry " + std::to_string(i) + " is " +
                                     detail::formatNumber(predictions[i]) +
                                     "; accepted: finite numbers or NaN (undefined)");
    const double r = predictions[i] - reference[i];
    out.mse += r * r;
  }
  out.mse = out.undefined > 0 ? std::numeric_limits<double>::quiet_NaN()
                              : out.mse / double(predictions.size());
  return out;
}

}  // namespace apl
