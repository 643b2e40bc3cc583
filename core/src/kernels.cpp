#include "apl/kernels.hpp"

#include <cmath>

#include "apl/detail/validate.hpp"
#include "apl/error.hpp"

namespace apl {

Kernel parseKernel(const std::string& name) {
  if (name == "gaussian") return Kernel::Gaussian;
  if (name == "boxcar") return Kernel::Boxcar;
  if (name == "constant") return Kernel::Constant;
  if (name == "triangular" || name == "epanechikov") return Kernel::Triangular;
  if (name == "epanechnikov") return Kernel::Epanechnikov;
  if (name == "lenrek") return Kernel::Lenrek;
  throw Error("kernel", "unknown kernel '" + name +
                            "'; accepted: gaussian, boxcar, constant, triangular (alias "
                            "epanechikov, d2l's name), epanechnikov, lenrek");
}

const char* kernelName(Kernel kernel) {
  switch (kernel) {
    case Kernel::Gaussian:
      return "gaussian";
    case Kernel::Boxcar:
      return "boxcar";
    case Kernel::Constant:
      return "constant";
    case Kernel::Triangular:
      return "triangular";
    case Kernel::Epanechnikov:
      return "epanechnikov";
    case Kernel::Lenrek:
      return "lenrek";
  }
  return "?";
}

double kernelValue(Kernel kernel, double r, double offset) {
  switch (kernel) {
    case Kernel::Gaussian:
      return std::exp(-0.5 * r * r);
    case Kernel::Boxcar:
      return r < 1.0 ? 1.0 : 0.0;
    case Kernel::Constant:
      return 1.0;
    case Kernel::Triangular:
      return r < 1.0 ? 1.0 - r : 0.0;
    case Kernel::Epanechnikov:
      return r < 1.0 ? 0.75 * (1.0 - r * r) : 0.0;
    case Kernel::Lenrek:
      return r + offset;
  }
  return 0.0;
}

double kernelDerivative(Kernel kernel, double r) {
  switch (kernel) {
    case Kernel::Gaussian:
      return -r * std::exp(-0.5 * r * r);
    case Kernel::Boxcar:
      return 0.0;
    case Kernel::Constant:
      return 0.0;
    case Kernel::Triangular:
      return r < 1.0 ? -1.0 : 0.0;
    case Kernel::Epanechnikov:
      return r < 1.0 ? -1.5 * r : 0.0;
    case Kernel::Lenrek:
      return 1.0;
  }
  return 0.0;
}

Vector kernelCurve(Kernel kernel, const Vector& u, double offset) {
  detail::checkValues(u, u.size(), "u");
  detail::checkRange(offset, 0.0, kMaxAbsCoordinate, "offset", "a number from 0 to 1e9");
  Vector k(u.size());
  for (Index i = 0; i < u.size(); ++i) k[i] = kernelValue(kernel, std::abs(u[i]), offset);
  return k;
}

bool hasCompactSupport(Kernel kernel) {
  return kernel == Kernel::Boxcar || kernel == Kernel::Triangular || kernel == Kernel::Epanechnikov;
}

}  // namespace apl
