// Gaussian scores −½·r(q, k)² at a general p (apl/distance.hpp) for many queries over the same
// keys, when the queries share coordinate values, as a grid does (60 distinct values per axis
// for the Minkowski exercise's 3600 queries). The distance is
//   r² = (Σ_i a_i^p)^(2/p) = m²·(1 + t)^(2/p),  a_i = |q_i − k_i|/h_i,
// with m the coordinate of the largest power a_m^p and t = Σ_(i≠m) a_i^p / a_m^p ∈ [0, d − 1]. The
// powers a_i^p depend on one query coordinate and one key only, so per axis they are tabulated
// once per distinct query value (with a_i² and 1/a_i^p); the root and the square fold into one
// power of 1 + t, evaluated from a table of polynomials (detail::OnePlusPower). Per pair that
// leaves table reads, a product and a polynomial, where scaledDistance needs d powers and a root
// (two pows in 2-D after its exact m/m = 1). Axes whose values are not shared are computed per
// query (one pow per pair on that axis).
//
// Accuracy: the result differs from scaledDistance's −½r² by a few ulp of itself (powers within
// 1.5 ulp, the polynomial within about 2, a few roundings; tests/core/test_minkowski_scores.cpp
// bounds it against a long double reference), not bit for bit as the per-pair path is: so the
// Gaussian weights exp(s − max s) carry an absolute error of a few ulp times (1 + max|s|), the
// same order as the brute force's own rounding.
#pragma once

#include <optional>
#include <vector>

#include "apl/detail/one_plus_power.hpp"
#include "apl/distance.hpp"
#include "apl/types.hpp"

namespace apl::detail {

class MinkowskiScores {
 public:
  // Axes beyond this are scored per pair: the polynomial table grows with the dimension.
  static constexpr Index kMaxDim = 8;
  // Table entries over all axes (three doubles each): 12 MiB at most.
  static constexpr Index kMaxTableEntries = Index(1) << 19;
  // p above this is scored per pair: a_i^p below e^−708 is clamped by powNonNegative, which is
  // harmless (an error below 1e−17 in r²) only while the clamp's p-th root is that small.
  static constexpr double kMaxP = 32.0;

  // keys: the keys one coordinate per row (dim × n_keys), in the order scores are written;
  // queries: the queries to be scored (n × dim), from which the shared values are taken.
  // Preconditions: validateMetric(metric, dim) passed; 2 ≤ dim; p is not 1, 2 or ∞.
  MinkowskiScores(const Matrix& keys, const Matrix& queries, const Metric& metric);

  // Whether the tables apply: some axis has values shared by at least two queries on average,
  // dim ≤ kMaxDim, p ≤ kMaxP, every power finite (p·ln of the largest scaled coordinate ≤ 700)
  // and the call large enough to repay building them. Otherwise score() must not be called.
  bool active() const { return active_; }

  // row[s] = −½·r(q, k_s)² for s in [lo, hi). Precondition: active(); q has dim coordinates (any
  // values: one not among the queries given to the constructor is computed per pair).
  void score(const double* q, Index lo, Index hi, double* row);

 private:
  struct Axis {
    double width = 1.0;
    std::vector<double> values;  // the distinct query coordinates, ascending (empty: not shared)
    // Row u (n_keys entries each) for a = |values[u] − k|/width: a², a^p and 1/a^p (0 for a = 0).
    std::vector<double> squares, powers, inverses;
  };
  // Pointers to q[m]'s rows: the tables', or scratch rows filled for [lo, hi).
  struct Rows {
    const double *squares, *powers, *inverses;
  };
  Rows rowsFor(Index m, double qm, Index lo, Index hi);

  const Matrix& keys_;
  Index dim_, nk_;
  double p_;
  bool active_ = false;
  std::vector<Axis> axes_;
  std::optional<OnePlusPower> root_;  // (1 + t)^(2/p) on [0, dim − 1], when active
  std::vector<double> scratch_;       // 3 rows per axis (rowsFor), then 4 for dim ≥ 3 (score)
};

}  // namespace apl::detail
