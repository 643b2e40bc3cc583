// Shared Eigen types. Point sets are row-major n×d matrices so that they map 1:1 onto the
// flat row-major arrays of the JS API.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace apl {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;
using Index = Eigen::Index;

// Hard limits, documented in the JS API. They keep every call inside the 1 GiB WASM heap and
// inside a time a page can wait for.
inline constexpr Index kMaxPoints = 200000;  // rows of any point set
inline constexpr Index kMaxDim = 16;         // coordinates per point
inline constexpr Index kMaxWeightEntries =
    25000000;                                     // n_queries × n_keys when weights are returned
inline constexpr double kMaxAbsCoordinate = 1e9;  // |x| bound: scaled distances never overflow
inline constexpr double kMinWidth = 1e-9;
inline constexpr double kMaxWidth = 1e9;

}  // namespace apl
