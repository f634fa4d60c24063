#pragma once
// Hex typed on the command line, with errors that point at the bad character.

#include <string>
#include <string_view>

#include "sim/wire/bytes.hpp"

namespace pushlab::cli {

// Throws InputError naming `what` (the option) and the character at fault.
sim::wire::Bytes parse_hex_argument(std::string_view text, std::string_view what);

}  // namespace pushlab::cli
