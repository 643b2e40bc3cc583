// The one error type of the core: a rejected argument, naming the parameter.
#pragma once

#include <stdexcept>
#include <string>

namespace apl {

// Thrown for every invalid argument. `parameter()` is the option's name as the JS API spells it
// (e.g. "width", "keys"); what() reads "<parameter>: <problem>; accepted: <range>".
class Error : public std::invalid_argument {
 public:
  Error(std::string parameter, const std::string& message)
      : std::invalid_argument(parameter + ": " + message), parameter_(std::move(parameter)) {}
  const std::string& parameter() const noexcept { return parameter_; }

 private:
  std::string parameter_;
};

}  // namespace apl
