// Parametric attention pooling (d2l's older section 10.2): a learnable w, trained by full-batch
// gradient descent on the training points themselves (queries = keys = x).
#pragma once

#include <string>

#include "apl/attention.hpp"
#include "apl/kernels.hpp"
#include "apl/types.hpp"

namespace apl {

enum class Placement {
  BeforeSquare,  // score −½‖(q − k) ∘ w‖_p²: d2l; a Gaussian of width 1/w; only w² matters
  AfterSquare,  // score −‖q − k‖_p² · w: forum variant, linear in w, w < 0 attends to far keys
};
enum class Reduction { Sum, HalfSum, Mean };  // Σr² (d2l PyTorch), ½Σr² (d2l MXNet), Σr²/n
enum class Optimizer { Sgd, Adam };
Placement parsePlacement(const std::string& name);  // "before-square" | "after-square"
Reduction parseReduction(const std::string& name);  // "sum" | "half-sum" | "mean"
Optimizer parseOptimizer(const std::string& name);  // "sgd" | "adam"

struct ParametricModel {
  Kernel kernel = Kernel::Gaussian;  // BeforeSquare: gaussian, triangular,
                                     // epanechikov/epanechnikov, lenrek; AfterSquare: gaussian only
  Placement placement = Placement::BeforeSquare;
  double p = 2.0;       // Minkowski p of the distance, p ≥ 1 (+∞ allowed)
  double offset = 0.0;  // Lenrek only: K = r + offset
  bool leaveOneOut = true;
  Reduction reduction = Reduction::Sum;
  // Keys: each query's weights sum to 1 (d2l). Queries: each key's weights sum to 1 over the
  // queries, as attend's 'queries' (the forum's Lenrek divides by torch.sum(…, dim=0)); with
  // leaveOneOut, key i is left out of query i's row before the columns are summed, the layout
  // attend uses. A key no query reaches makes its column, and so every prediction, undefined.
  Normalization normalize = Normalization::Keys;
};

// Loss and its analytic gradient at one w. w has 1 entry (shared by all coordinates) or one per
// coordinate. loss is NaN when some training point has no neighbour (compact kernels).
struct LossAndGradient {
  double loss;
  Vector grad;  // dL/dw, same size as w
};
LossAndGradient parametricLoss(const Matrix& x, const Vector& y, const Vector& w,
                               const ParametricModel& model);

// parametricLoss at each row of ws (rows of size 1 or dim): the loss landscape L(w) for plots.
struct Landscape {
  Vector loss;  // ws.rows()
  Matrix grad;  // ws.rows() × ws.cols()
};
Landscape parametricLandscape(const Matrix& x, const Vector& y, const Matrix& ws,
                              const ParametricModel& model);

// The fitted values f(x_i) at w (leave-one-out as in the model), NaN where undefined.
Vector parametricPredict(const Matrix& queries, const Matrix& keys, const Vector& values,
                         const Vector& w, const ParametricModel& model);

// The mean squared error against `truth` (one finite value per query) of parametricPredict at
// each row of ws (rows of size 1 or dim): a training run's test-error curve in one call. NaN for a
// row whose predictions are undefined somewhere, as meanSquaredError's mse, and for a row that is
// not finite (a diverged run has no error to show).
Vector parametricErrors(const Matrix& queries, const Matrix& keys, const Vector& values,
                        const Vector& truth, const Matrix& ws, const ParametricModel& model);

// The model's attention weights at w (normalize Keys only): row i holds query i's weights over the
// keys (summing to 1), for either placement and either sign of w. This is what a heatmap of the
// parametric model shows; with AfterSquare and w < 0 the score −w‖q − k‖² grows with distance, so
// each row's largest weight sits on the farthest key. Leave-one-out as in the model (key i gets
// weight 0 in row i). A row is NaN where no key has positive weight. At most kMaxWeightEntries
// entries.
Matrix parametricWeights(const Matrix& queries, const Matrix& keys, const Vector& w,
                         const ParametricModel& model);

// Full-batch steps of one train() call.
inline constexpr int kMaxEpochs = 100000;

struct TrainOptions {
  ParametricModel model;
  Vector w0 = Vector::Ones(1);
  double lr = 0.5;
  int epochs = 5;  // one full-batch step per epoch, 0 … kMaxEpochs
  Optimizer optimizer = Optimizer::Sgd;
};

// Row e of w / loss / grad is the state before step e+1; row `epochs` is the final state.
struct TrainResult {
  Matrix w;     // (epochs + 1) × size(w0)
  Vector loss;  // epochs + 1
  Matrix grad;  // (epochs + 1) × size(w0)
};
TrainResult train(const Matrix& x, const Vector& y, const TrainOptions& options);

}  // namespace apl
