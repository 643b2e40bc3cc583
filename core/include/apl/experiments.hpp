// Experiments the page needs: how the error against the noise-free truth shrinks with n.
#pragma once

#include <string>
#include <vector>

#include "apl/datasets.hpp"
#include "apl/kernels.hpp"

namespace apl {

enum class WidthRule {
  Fixed,      // h = width for every n
  Shrinking,  // h = c · n^(−1/(4+d))
  Loo,        // h = selectWidth(...) on each sample
};
WidthRule parseWidthRule(const std::string& name);  // "fixed" | "shrinking" | "loo"

struct ConsistencyOptions {
  DatasetOptions data;         // target, nTest, noise, dim, seed (the first seed)
  std::vector<Index> nValues;  // training sizes
  int seeds = 5;               // data sets per n: seeds data.seed … data.seed + seeds − 1
  Kernel kernel = Kernel::Gaussian;
  WidthRule rule = WidthRule::Fixed;
  double width = 0.5;  // Fixed
  double c = 1.0;      // Shrinking
};

// For each n: error of NW against the noise-free truth on the test grid, averaged over seeds, and
// its split mse = bias² + variance (bias² and variance over seeds, then averaged over test points).
// Seeds × n values × O(n·nTest) attention: the caps keep one call within what a page can wait for.
inline constexpr int kMaxSeeds = 1000;
inline constexpr int kMaxNValues = 100;

struct ConsistencyPoint {
  Index n;
  double mse, bias2, variance;
  double meanWidth;  // mean over seeds of the width used
};
std::vector<ConsistencyPoint> consistencyCurve(const ConsistencyOptions& options);

}  // namespace apl
