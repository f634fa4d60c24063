#pragma once
// What the Redis buses (redis_pubsub, redis_streams) share: a RESP frame for the Trace, the data
// a server hands Redis for a publication, and a command's words.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/wire/resp/value.hpp"

namespace pushlab::sim {

// The channel, and the stream's key.
inline constexpr std::string_view kBusChannel = "pushlab";

WireFrame resp_frame(std::string kind, wire::Bytes bytes, std::string note);

// "pub 17 " and filler to the message's size, so a learner finds the publication's number at the
// start of the bytes.
std::string publication_data(std::uint64_t publication, std::size_t payload_bytes);
std::optional<std::uint64_t> publication_of(std::string_view data);

// A command's name and arguments, when the value is one (an array of bulk strings); empty
// otherwise.
std::vector<std::string_view> arguments_of(const wire::resp::Value& value);

}  // namespace pushlab::sim
