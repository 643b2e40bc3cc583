// Argument checks shared by the core's entry points. Every check throws apl::Error naming the
// parameter as the JS API spells it, with a message ending in "; accepted: …".
#pragma once

#include <string>

#include "apl/types.hpp"

namespace apl::detail {

// A point set: 1 … kMaxPoints rows, 1 … kMaxDim columns, every entry finite with
// |x| ≤ kMaxAbsCoordinate. A bad column count is reported as "dim", as attend() does.
void checkPoints(const Matrix& points, const char* name);

// Exactly n entries, each finite with |v| ≤ kMaxAbsCoordinate (the same bound as coordinates, so
// squared residuals and weighted sums of values cannot overflow).
void checkValues(const Vector& values, Index n, const char* name);

// b has as many columns as a (a's name is used in the message, b's is thrown).
void checkSameDim(const Matrix& a, const char* nameA, const Matrix& b, const char* nameB);

// value is finite and > 0.
void checkPositive(double value, const char* name);

// value is finite and in [lo, hi]; `accepted` is the range as the message should print it.
void checkRange(double value, double lo, double hi, const char* name, const std::string& accepted);

// An integer option in [lo, hi].
void checkCount(long long value, long long lo, long long hi, const char* name);

// Shortest round-trip text of a double for error messages ("0.1", "nan", "inf").
std::string formatNumber(double value);

}  // namespace apl::detail
