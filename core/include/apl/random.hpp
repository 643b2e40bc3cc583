// The project's own random generator and normal sampler. std::normal_distribution differs between
// libstdc++ and libc++ (the WASM build), so data must come from code we own to be bit-identical
// natively and in WASM.
#pragma once

#include <cstdint>

namespace apl {

// xoshiro256** seeded through SplitMix64 (Blackman & Vigna). Every operation is integer
// arithmetic, so the stream is identical on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform on [0, 1) with 53 random bits: exact on every IEEE-754 platform.
  double uniform();
  // Standard normal by Marsaglia's polar method; uses only +, −, ×, ÷, sqrt (correctly rounded by
  // IEEE-754) and detail::log (our own), so it is bit-identical natively and in WASM.
  double normal();

 private:
  std::uint64_t s_[4];
  bool hasSpare_ = false;
  double spare_ = 0.0;
};

}  // namespace apl
