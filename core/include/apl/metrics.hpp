// Error of predictions against a reference (the noise-free truth, or held-out values).
#pragma once

#include "apl/types.hpp"

namespace apl {

struct ErrorSummary {
  double mse;       // mean of squared differences; NaN when any prediction is undefined
  Index undefined;  // how many predictions are undefined (NaN)
};

// predictions may hold NaN (undefined queries); reference must be finite and of the same length.
ErrorSummary meanSquaredError(const Vector& predictions, const Vector& reference);

}  // namespace apl
