#include "apl/detail/fast_pow.hpp"

namespace apl::detail {

// Out of line on purpose: see kLoopExpConstants in fast_exp.hpp.
const PowConstants kLoopPowConstants{};

}  // namespace apl::detail
