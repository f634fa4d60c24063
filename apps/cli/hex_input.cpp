#include "apps/cli/hex_input.hpp"

#include "apps/cli/cli_error.hpp"
#include "sim/wire/hex.hpp"

namespace pushlab::cli {

sim::wire::Bytes parse_hex_argument(std::string_view text, std::string_view what) {
  sim::wire::ParsedHex parsed = sim::wire::parse_hex(text);
  if (parsed.error) {
    throw InputError(std::string(what) + ": character " +
                     std::to_string(parsed.error->position + 1) + ": " + parsed.error->reason);
  }
  return std::move(parsed.bytes);
}

}  // namespace pushlab::cli
