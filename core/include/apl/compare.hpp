// Comparing two results of the same shape, e.g. two attention weight matrices that theory says
// are equal (Gaussian attention and dot-product attention on the unit sphere).
#pragma once

#include "apl/types.hpp"

namespace apl {

// max_i |a_i − b_i|. An entry undefined (NaN) in both counts as equal; undefined in only one makes
// the result NaN (the two differ in what is defined). Preconditions (checked): the same number
// of entries, at least one; no infinities. Errors name "a" and "b".
double maxAbsDifference(const Vector& a, const Vector& b);

}  // namespace apl
