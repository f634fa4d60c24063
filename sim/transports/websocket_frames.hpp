#pragma once
// The WireFrames both ends of a simulated WebSocket send, and the words their notes use.

#include <cstdint>
#include <string>

#include "sim/engine/rng.hpp"
#include "sim/trace/trace.hpp"
#include "sim/transports/message_book.hpp"
#include "sim/wire/websocket/frame.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace pushlab::sim {

// The frame's kind is its opcode's name: "text", "ping", "pong", "close".
WireFrame websocket_frame(const wire::websocket::Frame& frame, std::string note);

// A close frame with `code` and no reason; masked with `key` when a client sends it.
WireFrame websocket_close_frame(std::uint16_t code, const wire::websocket::MaskingKey* key,
                                std::string note);

// "1000 Normal Closure"
std::string close_code_text(std::uint16_t code);

// A text or binary frame: the messages its carrier holds are delivered. False for a control
// frame, which carries none.
bool delivered_data(MessageBook& messages, const wire::websocket::Frame& frame,
                    const WireFrame& carrier);

// A browser's random Sec-WebSocket-Key nonce, and (section 5.3) a fresh, unpredictable masking
// key for every frame a client sends, from the lane's transport stream.
wire::websocket::KeyNonce random_nonce(Rng& rng);
wire::websocket::MaskingKey random_masking_key(Rng& rng);

// "6 bytes of header"
std::string header_cost(const wire::websocket::Frame& frame);

}  // namespace pushlab::sim
