// Nadaraya–Watson attention pooling: weights of queries over keys and the pooled predictions.
#pragma once

#include <functional>
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

enum class Algorithm {
  Auto,        // windows over sorted keys and the negligible-weight cut where they apply
  BruteForce,  // every query against every key with std::exp: the reference the tests compare to
};
Algorithm parseAlgorithm(const std::string& name);  // "auto" | "brute-force"

struct AttentionOptions {
  Kernel kernel = Kernel::Gaussian;
  Metric metric{Vector::Ones(1), 2.0};
  double offset = 0.0;       // Lenrek only: K = r + offset, offset ≥ 0
  bool leaveOneOut = false;  // query i never sees key i; requires queries == keys
  Normalization normalization = Normalization::Keys;
  bool returnWeights = true;  // false: predictions only, O(n_keys) memory
  Algorithm algorithm = Algorithm::Auto;
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

// Receives rows [first, first + rows) of the weights as rows × n_keys row-major doubles, valid
// during the call only.
using WeightRowsSink = std::function<void(Index first, Index rows, const double* data)>;

// Weights per block handed to a sink (at least one row): 256 KiB, so that a block stays in cache
// until the sink copies it.
inline constexpr Index kSinkBlockEntries = 32768;

// attend() handing the weights to `sink` in blocks of consecutive rows, in order and covering every
// row, instead of returning them (the result's weights stay empty): for callers that keep the
// weights elsewhere (the WASM bindings write them into a JS array), so that the fast paths never
// hold the n_queries × n_keys matrix. Requires options.returnWeights; otherwise as attend().
Attention attend(const Matrix& queries, const Matrix& keys, const Vector& values,
                 const AttentionOptions& options, const WeightRowsSink& sink);

// The attention heatmap at display resolution, without the n_queries × n_keys matrix: queries are
// split by index into `rows` consecutive bins and keys (in the order given) into `cols` bins; cell
// (r, c) is the mean over the defined queries of row bin r of their total weight on the keys of
// column bin c, so every defined image row sums to 1. NaN where every query of a row bin is
// undefined. rows and cols are in [1, kMaxImageSide] and are reduced to n_queries and n_keys.
// Memory O(n_keys + rows·cols). Options as attend(), except normalization must be Keys and
// returnWeights is ignored.
inline constexpr Index kMaxImageSide = 4096;
struct AttentionImage {
  Matrix image;  // rows × cols
  Vector predictions;
  std::vector<int> undefinedQueries;
};
AttentionImage attentionImage(const Matrix& queries, const Matrix& keys, const Vector& values,
                              const AttentionOptions& options, Index rows, Index cols);

// Gaussian weights with exp(s − max s) < e^−kGaussianCut may be skipped (taken as 0) by the fast
// paths; see attention.cpp for the proof that this cannot change a float64 result beyond the
// brute force's own rounding.
extern const double kGaussianCut;

}  // namespace apl
