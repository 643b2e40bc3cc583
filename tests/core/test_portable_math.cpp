#include <doctest/doctest.h>

#include <cmath>

#include "apl/detail/portable_math.hpp"

// The portable functions must agree with the platform libm to a few ulp (they are used for data,
// where determinism matters more than the last bit).
TEST_CASE("portable elementary functions agree with libm to a few ulp") {
  for (double x = -20.0; x <= 20.0; x += 0.0371) {
    CHECK(apl::detail::sin(x) == doctest::Approx(std::sin(x)).epsilon(1e-15).scale(1.0));
    CHECK(apl::detail::cos(x) == doctest::Approx(std::cos(x)).epsilon(1e-15).scale(1.0));
    CHECK(apl::detail::exp(x) == doctest::Approx(std::exp(x)).epsilon(4e-16));
  }
  for (double x = 1e-300; x < 1e300; x *= 7.3) {
    CHECK(apl::detail::log(x) == doctest::Approx(std::log(x)).epsilon(4e-16).scale(1.0));
    CHECK(apl::detail::pow(x, 0.8) == doctest::Approx(std::pow(x, 0.8)).epsilon(2e-13));
  }
  CHECK(apl::detail::log(1.0) == 0.0);
  CHECK(apl::detail::exp(0.0) == 1.0);
}
