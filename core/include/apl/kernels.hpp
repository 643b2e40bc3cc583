// Similarity kernels K(r) of a non-negative scaled distance r = ‖(q − k) ∘ (1/h)‖_p.
#pragma once

#include <string>

#include "apl/types.hpp"

namespace apl {

enum class Kernel {
  Gaussian,      // exp(−r²/2)
  Boxcar,        // 1{r < 1}  (strict, as d2l's `abs(x) < 1.0`)
  Constant,      // 1: average pooling
  Triangular,    // max(0, 1 − r); d2l v1.0 calls it "Epanechikov" (alias accepted)
  Epanechnikov,  // ¾·max(0, 1 − r²): the textbook Epanechnikov kernel
  Lenrek,        // r + offset: the forum's inverse kernel, attention grows with distance
};

// Accepts "gaussian", "boxcar", "constant", "triangular", "epanechikov" (d2l's spelling, an alias
// of triangular), "epanechnikov", "lenrek". Throws apl::Error("kernel", …) for anything else.
Kernel parseKernel(const std::string& name);
const char* kernelName(Kernel kernel);

// K(r) for r ≥ 0. `offset` is used by Lenrek only.
double kernelValue(Kernel kernel, double r, double offset = 0.0);
// dK/dr for r ≥ 0 (the right derivative at kinks; 0 where K is flat or r is outside the support).
double kernelDerivative(Kernel kernel, double r);
// K(|u|) at each u: the kernel's shape for plots. u must be finite.
Vector kernelCurve(Kernel kernel, const Vector& u, double offset = 0.0);
// True when K vanishes for r ≥ 1, so a query can be left with no neighbour.
bool hasCompactSupport(Kernel kernel);

}  // namespace apl
