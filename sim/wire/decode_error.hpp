#pragma once
// What an incremental decoder reports when the bytes it was given break the format.

#include <cstdint>
#include <string>

namespace pushlab::sim::wire {

struct DecodeError {
  std::string reason;    // what is wrong, for a person: "control frame longer than 125 bytes"
  std::uint64_t offset;  // index of the first bad byte in everything fed to the decoder
};

}  // namespace pushlab::sim::wire
