#include "apl/detail/fast_exp.hpp"

namespace apl::detail {

// Out of line on purpose: see fast_exp.hpp.
const ExpConstants kLoopExpConstants{};

}  // namespace apl::detail
