#pragma once
// One message read from bytes that hold it whole, for code that already knows where a message
// starts and ends (a recorded frame) and only wants what it says.

#include <optional>

#include "sim/wire/bytes.hpp"
#include "sim/wire/http/message.hpp"

namespace pushlab::sim::wire::http {

// The request the bytes begin with, body included; nullopt if they do not hold a whole one.
std::optional<Request> parse_request(ByteView bytes);

// The response the bytes begin with, body included (a chunked one decoded); nullopt if they do
// not hold a whole one.
std::optional<Response> parse_response(ByteView bytes);

// The start line and fields of the response the bytes begin with (no body needed).
std::optional<Response> parse_response_head(ByteView bytes);

}  // namespace pushlab::sim::wire::http
