#pragma once
// The classic hex dump: offset, 16 bytes in hex in two groups of 8, the same bytes as ASCII.

#include <iosfwd>

#include "sim/wire/bytes.hpp"

namespace pushlab::cli {

// Offsets start at `first_offset`. Past `max_lines` lines, the middle is left out and said so.
void print_hex_dump(std::ostream& out, sim::wire::ByteView bytes, std::uint64_t first_offset,
                    std::size_t max_lines = 8);

}  // namespace pushlab::cli
