#pragma once
// How pushlab-cli ends: 0 fine, 1 bad input (a file, hex or value that is wrong), 2 usage.

#include <stdexcept>

namespace pushlab::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;

// Thrown by a command for input it cannot use; main prints it and exits 1.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pushlab::cli
