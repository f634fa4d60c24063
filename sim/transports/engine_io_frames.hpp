#pragma once
// The bytes of the simulated Engine.IO lane, as engine.io-client 6.6 and the engine.io 6.6 server
// write them: the targets a browser asks for, the polling responses with the reference server's
// header order, its error answers, and packets in WebSocket frames. The packets themselves come
// from sim/wire/engineio.

#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/rng.hpp"
#include "sim/transports/http_frames.hpp"
#include "sim/transports/message_book.hpp"
#include "sim/wire/engineio/packet.hpp"
#include "sim/wire/engineio/session.hpp"
#include "sim/wire/websocket/frame.hpp"

namespace pushlab::sim::engine_io {

namespace eio = wire::engineio;

// The query's `t`, which the client sets on every polling request so no cache answers it:
// engine.io-client's randomString(), five base-36 digits of the clock (Date.now() from the
// fourth digit on) and three random ones. The simulated clock starts at 2026-01-01 00:00 UTC.
std::string cache_buster(Nanoseconds now, Rng& rng);

// Where the session lives: Socket.IO's "/socket.io/" (socket.io-client's default path), or
// Engine.IO's own "/engine.io/" when the lane runs it without Socket.IO.
std::string_view endpoint_path(bool socketio);

// /socket.io/?client=N&EIO=4&transport=polling&t=... then &sid=... once the session has one:
// the page's own query first (which client it is), as the reference client builds it.
std::string polling_target(int client, bool socketio, std::string_view t, std::string_view sid);
// /socket.io/?client=N&EIO=4&transport=websocket&sid=... (no `t`: the WebSocket sets none), or
// without a sid for a session that opens on the WebSocket.
std::string websocket_target(int client, bool socketio, std::string_view sid);

// A message as the Engine.IO layer carries it: a Socket.IO event 42["message","#12 ..."] on
// namespace "/", or the payload alone in a message packet, 4#12 ...
eio::Packet message_packet(const MessageBook& messages, MessageId id, bool socketio);

// 200 with the packets: Content-Type: text/plain; charset=UTF-8, Content-Length,
// cache-control: no-store (lib/transports/polling.ts doWrite, headers()).
WireFrame polling_response(const HttpFrames& http, std::string_view payload);
// 200 "ok" with Content-Type: text/html: the answer to every POST that is read (onDataRequest).
WireFrame post_accepted(const HttpFrames& http);
// 400 (403 for forbidden) with the JSON error, chunked: Node writes the head before the body's
// length is known (lib/server.ts abortRequest).
WireFrame error_response(const HttpFrames& http, eio::ErrorCode code);
// A refused WebSocket upgrade, written straight onto the socket before it is destroyed
// (lib/server.ts abortUpgrade): 400, Connection: close, the message as text/html.
WireFrame upgrade_refusal(eio::ErrorCode code);
// A status and nothing else, chunked (`res.writeHead(413).end()`): an oversized POST, an
// overlapping poll.
WireFrame bare_status(const HttpFrames& http, int status);

// One packet in one WebSocket frame, masked with `key` when the browser sends it. The frame's
// kind is the packet's name ("ping", "message"), its layer the WebSocket's.
WireFrame websocket_packet(const eio::Packet& packet, const wire::websocket::MaskingKey* key,
                           std::string note);

// "ping", "message (Socket.IO EVENT)", "noop" ... joined by ", " for notes: what a payload
// holds, each message named by the Socket.IO packet it carries when `socketio`.
std::string packet_names(const std::vector<eio::Packet>& packets, bool socketio);
std::string packet_name(const eio::Packet& packet, bool socketio);

}  // namespace pushlab::sim::engine_io
