// Nadaraya–Watson classification (attention over one-hot values) and Parzen-window densities.
#pragma once

#include <vector>

#include "apl/attention.hpp"

namespace apl {

struct Classification {
  std::vector<int> classes;  // the distinct labels, ascending
  Matrix posteriors;         // n_queries × C, rows sum to 1; NaN rows for undefined queries
  std::vector<int>
      labels;     // argmax class label per query (lowest label on ties); undefined: INT_MIN
  Matrix parzen;  // n_queries × C joint densities p̂(x, y = c) = (1/n)Σ_{yᵢ=c} K_h(x − xᵢ)
                  // with K_h normalised to integrate to 1 (leave-one-out: 1/(n − 1) over
                  // the other points); empty for constant/lenrek
  Vector decision;  // two classes only: p̂(x, y = c₁) − p̂(x, y = c₀), c₁ > c₀; else empty
  std::vector<int> undefinedQueries;
};

// labels: one integer per row of x. options.normalization must be Keys; leaveOneOut is allowed.
// One attend() pass per class: the cap keeps a call with accidental real-valued labels from
// running C = n passes.
inline constexpr int kMaxClasses = 256;

Classification classify(const Matrix& x, const std::vector<int>& labels, const Matrix& queries,
                        const AttentionOptions& options);

}  // namespace apl
