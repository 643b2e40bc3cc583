// Seeded synthetic data sets of the lab; bit-identical natively and in WASM for the same options.
#pragma once

#include <cstdint>
#include <string>

#include "apl/types.hpp"

namespace apl {

enum class Target {
  Classic,  // d2l 10.2: y = 2 sin x + x^0.8 + N(0, 0.5²), n 50, x ~ U[0, 5) sorted
  V1,       // d2l v1.0 11.2: y = 2 sin x + x + N(0, 1), n 40
  Surface,  // d-dimensional regression: y = 2 sin x₁ + Σ_{m≥2} cos(x_m)·… (see datasets.cpp)
  Sphere,  // points on the unit circle (d = 2) or sphere (d = 3): y = 2 x₁x₂ + x₁ + N(0, σ²)
  TwoClass,  // two classes y ∈ {−1, +1}, Gaussian blobs; yTest = P(y = +1 | x)
};
Target parseTarget(
    const std::string& name);  // "classic" | "v1" | "surface" | "sphere" | "two-class"
const char* targetName(Target target);

struct DatasetOptions {
  Target target = Target::Classic;
  Index nTrain = -1;    // −1: the target's default
  Index nTest = -1;     // −1: the target's default
  double noise = -1.0;  // noise sd; −1: the target's default
  std::uint64_t seed = 0;
  Index dim = -1;  // −1: the target's default
  // Sphere only, 0 ≤ s < 1: every point (train and test) is moved along its ray to a radius drawn
  // uniformly from [1 − s, 1 + s], from a stream of its own, so any s keeps the directions, values
  // and noise of s = 0 (and s = 0 gives the unit-sphere data bit for bit). Values stay those of
  // the direction: only the norms leave the sphere (d2l v1.0, 11.2, exercise 3).
  double radiusSpread = 0.0;
};

struct Dataset {
  Matrix xTrain;  // nTrain × dim, sorted by the first coordinate
  Vector yTrain;
  Matrix xTest;  // nTest × dim: a regular grid on [0, 5)^dim where the target has a box domain
  Vector yTest;  // noise-free truth (TwoClass: P(y = +1 | x))
  Vector radiusTrain, radiusTest;  // Sphere: each point's radius (its norm up to rounding; 1 when
                                   // radiusSpread = 0); empty for the other targets
};

Dataset makeDataset(const DatasetOptions& options);

// The noise-free regression function of a target at one point.
double truth(Target target, const double* x, Index dim);

}  // namespace apl
