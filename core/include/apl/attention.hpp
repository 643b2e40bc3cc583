// Nadaraya–Watson attention pooling: weights of queries over keys and the pooled predictions.
#pragma once

#include <vector>

#include "apl/distance.hpp"
#include "apl/kernels.hpp"
#include "apl/types.hpp"

namespace apl {

enum class Normalization {
  Keys,     // each query's weights sum to 1 over the keys (Nadaraya–Watson)
  Queries,  // each key's weights sum to 1 over the queries (the forum's Lenrek "as written")
};
Normalization parseNormalization(const std::string& name);  // "keys" | "queries"

struct AttentionOptions {
  Kernel kernel = Kernel::Gaussian;
  Metric metric{Vector::Ones(1), 2.0};
  double offset = 0.0;       // Lenrek only: K = r + offset, offset ≥ 0
  bool leaveOneOut = false;  // query i never sees key i; requires queries == keys
  Normalization normalization = Normalization::Keys;
  bool returnWeights = true;  // false: predictions only, O(n_keys) memory
};

struct Attention {
  Matrix weights;      // n_queries × n_keys (empty unless returnWeights); NaN where undefined
  Vector predictions;  // NaN for undefined queries
  std::vector<int> undefinedQueries;  // ascending indices of queries with no defined prediction
};

// Preconditions (checked, apl::Error names the parameter): queries and keys have the same number of
// columns d ≥ 1; values has one entry per key; every entry finite with |x| ≤ kMaxAbsCoordinate;
// at least one key; sizes within the caps of types.hpp.
// Keys normalisation: a query whose kernel values are all 0 is undefined (NaN), never 0 or the
// mean. The Gaussian is a max-subtracted softmax of −r²/2, so at tiny widths it tends to the
// nearest key(s) and never divides 0 by 0.
Attention attend(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options);

}  // namespace apl
