#include "apl/detail/validate.hpp"
#include "apl/error.hpp"
#include "apl/parametric.hpp"

namespace apl {

Landscape parametricLandscape(const Matrix& x, const Vector& y, const Matrix& ws,
                              const ParametricModel& model) {
  if (ws.rows() == 0) throw Error("ws", "is empty; accepted: at least one w");
  // Checked here so that a bad entry is reported as "ws", not as parametricLoss's "w".
  detail::checkValues(Eigen::Map<const Vector>(ws.data(), ws.size()), ws.size(), "ws");
  Landscape out{Vector(ws.rows()), Matrix(ws.rows(), ws.cols())};
  for (Index i = 0; i < ws.rows(); ++i) {
    const auto at = parametricLoss(x, y, ws.row(i).transpose(), model);
    out.loss[i] = at.loss;
    out.grad.row(i) = at.grad.transpose();
  }
  return out;
}

}  // namespace apl
