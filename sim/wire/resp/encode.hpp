#pragma once
// Writes RESP2 bytes: a command as clients send it, and any value as a server answers.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "sim/wire/bytes.hpp"
#include "sim/wire/resp/value.hpp"

namespace pushlab::sim::wire::resp {

// A command as an array of bulk strings, the only form clients send (what hiredis's
// redisFormatCommandArgv writes): command({"PUBLISH", "room", "hi"}).
Bytes command(std::span<const std::string_view> arguments);
Bytes command(std::initializer_list<std::string_view> arguments);

// Any value; encode(decode(bytes)) gives back the bytes for every value the Decoder accepts.
Bytes encode(const Value& value);

}  // namespace pushlab::sim::wire::resp
