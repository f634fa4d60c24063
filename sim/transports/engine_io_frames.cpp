#include "sim/transports/engine_io_frames.hpp"

#include "sim/scenario/transport.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

namespace pushlab::sim::engine_io {

namespace http = wire::http;
namespace ws = wire::websocket;

namespace {

constexpr std::int64_t kClockStartMs = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr std::string_view kDigits36 = "0123456789abcdefghijklmnopqrstuvwxyz";

std::string base36(std::int64_t value) {
  std::string text;
  do {
    text.insert(text.begin(), kDigits36[static_cast<std::size_t>(value % 36)]);
    value /= 36;
  } while (value > 0);
  return text;
}

std::string with_query(int client, bool socketio, std::string_view transport) {
  std::string target = contract::with_client(endpoint_path(socketio), client);
  target += "&EIO=4&transport=";
  target += transport;
  return target;
}

}  // namespace

std::string cache_buster(Nanoseconds now, Rng& rng) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  std::string t = base36(kClockStartMs + ms).substr(3);
  for (int i = 0; i < 3; ++i) t += kDigits36[rng.next_u64() % kDigits36.size()];
  return t;
}

std::string_view endpoint_path(bool socketio) {
  return socketio ? contract::kSocketIoPath : info(Transport::engine_io).path;
}

std::string polling_target(int client, bool socketio, std::string_view t, std::string_view sid) {
  std::string target = with_query(client, socketio, "polling");
  target += "&t=";
  target += t;
  if (!sid.empty()) {
    target += "&sid=";
    target += sid;
  }
  return target;
}

std::string websocket_target(int client, bool socketio, std::string_view sid) {
  std::string target = with_query(client, socketio, "websocket");
  if (!sid.empty()) {
    target += "&sid=";
    target += sid;
  }
  return target;
}

eio::Packet message_packet(const MessageBook& messages, MessageId id, bool socketio) {
  std::string payload = messages.payload(id);
  if (!socketio) return eio::Packet::text(eio::PacketType::message, std::move(payload));
  return eio::Packet::text(
      eio::PacketType::message,
      wire::socketio::encode(wire::socketio::message_event("message", payload)));
}

WireFrame polling_response(const HttpFrames& http, std::string_view payload) {
  return http.response_as_written(200,
                                  {{"Content-Type", "text/plain; charset=UTF-8"},
                                   {"Content-Length", std::to_string(payload.size())},
                                   {"cache-control", "no-store"}},
                                  payload);
}

WireFrame post_accepted(const HttpFrames& http) {
  return http.response_as_written(
      200, {{"Content-Type", "text/html"}, {"Content-Length", "2"}, {"cache-control", "no-store"}},
      "ok");
}

WireFrame error_response(const HttpFrames& http, eio::ErrorCode code) {
  std::string body(wire::as_text(HttpFrames::chunk(eio::error_body(code))));
  body += wire::as_text(http::last_chunk());
  return http.response_as_written(
      eio::error_status(code),
      {{"Content-Type", "application/json"}, {"Transfer-Encoding", "chunked"}}, body);
}

WireFrame upgrade_refusal(eio::ErrorCode code) {
  return {.layer = Layer::http,
          .kind = "response",
          .setup = true,
          .bytes = wire::to_bytes(eio::upgrade_refusal(code))};
}

WireFrame bare_status(const HttpFrames& http, int status) {
  return http.response_as_written(status, {{"Transfer-Encoding", "chunked"}},
                                  wire::as_text(http::last_chunk()));
}

WireFrame websocket_packet(const eio::Packet& packet, const ws::MaskingKey* key, std::string note) {
  const eio::WebSocketPayload payload = eio::encode_websocket_packet(packet);
  const ws::Frame frame = payload.binary ? ws::binary_frame(wire::to_bytes(payload.bytes), key)
                                         : ws::text_frame(payload.bytes, key);
  return {.layer = Layer::websocket,
          .kind = std::string(eio::packet_type_name(packet.type)),
          .bytes = ws::encode_frame(frame),
          .note = std::move(note)};
}

std::string packet_name(const eio::Packet& packet, bool socketio) {
  std::string name(eio::packet_type_name(packet.type));
  if (!socketio || packet.type != eio::PacketType::message || packet.binary) return name;
  const auto decoded = wire::socketio::decode(packet.data);
  if (const auto* inner = std::get_if<wire::socketio::Packet>(&decoded)) {
    name += " (Socket.IO " + std::string(wire::socketio::packet_type_name(inner->type)) + ")";
  }
  return name;
}

std::string packet_names(const std::vector<eio::Packet>& packets, bool socketio) {
  std::string names;
  for (const eio::Packet& packet : packets) {
    if (!names.empty()) names += ", ";
    names += packet_name(packet, socketio);
  }
  return names;
}

}  // namespace pushlab::sim::engine_io
