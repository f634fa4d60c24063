#include <doctest/doctest.h>

#include "sim/transports/message_book.hpp"
#include "sim/wire/base64.hpp"
#include "sim/wire/bytes.hpp"
#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/handshake.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

namespace ws = pushlab::sim::wire::websocket;
using pushlab::sim::wire::as_text;

// Endpoint ids: the client first, then the proxy when there is one, then the server.
constexpr EndpointId kClient = 0;
constexpr EndpointId kProxy = 1;
constexpr EndpointId kServerBehindProxy = 2;

std::vector<const WireFrame*> frames_from(const Lane& lane, EndpointId from, Layer layer,
                                          std::string_view kind) {
  std::vector<const WireFrame*> found;
  for (const WireFrame* frame : frames_of(lane, layer, kind)) {
    if (frame->from == from) found.push_back(frame);
  }
  return found;
}

std::vector<const WireFrame*> frames_to(const Lane& lane, EndpointId to, Layer layer,
                                        std::string_view kind) {
  std::vector<const WireFrame*> found;
  for (const WireFrame* frame : frames_of(lane, layer, kind)) {
    if (frame->to == to) found.push_back(frame);
  }
  return found;
}

// Every frame the bytes hold, read as the given role reads them.
std::vector<ws::Frame> decode_all(const wire::Bytes& bytes, ws::Role role) {
  ws::FrameDecoder decoder({.role = role});
  decoder.feed(bytes);
  std::vector<ws::Frame> frames;
  while (auto decoded = decoder.next()) frames.push_back(decoded->frame);
  CHECK_FALSE(decoder.error().has_value());
  return frames;
}

// The payload a message travels with (MessageBook's rule), for a lane's message `id`.
std::string payload_of(const Lane& lane, MessageId id) {
  Simulator simulator;
  TraceRecorder recorder(Transport::websocket);
  MessageBook book(simulator, recorder, 1);
  for (const Message& message : lane.messages) {
    book.create(message.direction, 0, message.payload_bytes);
  }
  return book.payload(id);
}

bool note_has(const WireFrame& frame, std::string_view text) {
  return frame.note.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("websocket: the opening handshake is a real Upgrade request and its 101") {
  // 50 ms one way: SYN 0 -> 50 ms, SYN-ACK 50 -> 100 ms, then the request (with the ACK) at
  // 100 ms reaches the server at 150 ms, whose 101 reaches the client at 200 ms.
  Scenario scenario = basic_scenario(Transport::websocket, 2s);
  scenario.http.request_headers = {{"User-Agent", "PushLabTest/1.0"}};
  scenario.http.response_headers = {{"Server", "pushlab"}};
  const Lane lane = run_one_lane(scenario);

  const auto requests = frames_of(lane, Layer::http, "request");
  REQUIRE(requests.size() == 1);
  const WireFrame& request_frame = *requests[0];
  CHECK(request_frame.setup);
  CHECK(request_frame.sent_at == 100ms);
  CHECK(request_frame.received_at == 150ms);
  const std::string_view request_text = as_text(request_frame.bytes);
  CHECK(request_text.starts_with("GET /ws?client=1 HTTP/1.1\r\nHost: pushlab.example\r\n"));
  CHECK(request_text.find("\r\nUpgrade: websocket\r\n") != std::string_view::npos);
  CHECK(request_text.find("\r\nConnection: Upgrade\r\n") != std::string_view::npos);
  CHECK(request_text.find("\r\nSec-WebSocket-Version: 13\r\n") != std::string_view::npos);
  CHECK(request_text.ends_with("\r\nUser-Agent: PushLabTest/1.0\r\n\r\n"));

  const auto request = wire::http::parse_request(request_frame.bytes);
  REQUIRE(request.has_value());
  const std::string* key = request->fields.find("Sec-WebSocket-Key");
  REQUIRE(key != nullptr);
  // Section 4.1: base64 of 16 bytes is 24 characters, "==" at the end.
  CHECK(key->size() == 24);
  const auto nonce = wire::base64_decode(*key);
  REQUIRE(nonce.has_value());
  CHECK(nonce->size() == 16);

  const auto responses = frames_of(lane, Layer::http, "response");
  REQUIRE(responses.size() == 1);
  const WireFrame& response_frame = *responses[0];
  CHECK(response_frame.setup);
  CHECK(response_frame.sent_at == 150ms);
  CHECK(response_frame.received_at == 200ms);
  CHECK(as_text(response_frame.bytes).starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
  const auto response = wire::http::parse_response_head(response_frame.bytes);
  REQUIRE(response.has_value());
  const std::string* accept = response->fields.find("Sec-WebSocket-Accept");
  REQUIRE(accept != nullptr);
  CHECK(*accept == ws::compute_accept(*key).accept);
  CHECK(response->fields.has_token("Upgrade", "websocket"));
  CHECK(response->fields.find("Server") != nullptr);
  CHECK_FALSE(ws::check_handshake_response(*response, *key).has_value());

  // A handshake is setup, not a poll: no empty responses.
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.empty_responses == 0);
  CHECK(metrics.http_requests == 1);
  CHECK(metrics.bytes.setup == request_frame.size() + response_frame.size());
}

TEST_CASE("websocket: after the handshake a message takes one transit") {
  // The 101 reaches the client at 200 ms. A message created at 1 s is framed and sent at once:
  // it arrives 50 ms later, at 1.05 s.
  Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::server_to_client, {1000ms});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 1050ms);
}

TEST_CASE("websocket: messages created before the handshake completes wait, then go at once") {
  // A server message at 0 waits at the server until the 101 goes at 150 ms, then follows it:
  // it arrives at 200 ms. A client message at 100 ms waits in the browser until the 101
  // arrives at 200 ms, then takes one transit: 250 ms.
  Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::server_to_client, {0ms});
  add_at(scenario, Direction::client_to_server, {100ms});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 2);
  CHECK(lane.messages[0].delivered_at == 200ms);
  CHECK(lane.messages[1].delivered_at == 250ms);
}

TEST_CASE("websocket: on a lossless link every message takes exactly one transit") {
  // No jitter, no loss, no bandwidth limit: a frame sent at t arrives at t + 50 ms, both ways.
  Scenario scenario = basic_scenario(Transport::websocket, 10s);
  add_periodic(scenario, Direction::server_to_client, 100ms, 500ms);
  add_periodic(scenario, Direction::client_to_server, 150ms, 520ms);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() > 100);
  for (const Message& message : lane.messages) {
    REQUIRE(message.delivered_at.has_value());
    CHECK(*message.delivered_at - message.created_at == 50ms);
  }
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.lost == 0);
  CHECK(metrics.latency.max == 50ms);
  CHECK(metrics.connections_opened == 1);
}

TEST_CASE("websocket: a server frame's header is 2 bytes up to 125 bytes of payload, then 4") {
  // Section 5.2: a length up to 125 fits in the 7 bits of byte 1; 126 needs the 16-bit form
  // (byte 1 = 126, then two bytes of length). The server does not mask. So a 125-byte message
  // is a 127-byte frame, a 126-byte one 130 bytes.
  Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::server_to_client, {1000ms}, 125);
  add_at(scenario, Direction::server_to_client, {1500ms}, 126);
  const Lane lane = run_one_lane(scenario);
  const auto texts = frames_of(lane, Layer::websocket, "text");
  REQUIRE(texts.size() == 2);
  const WireFrame& short_frame = *texts[0];
  const WireFrame& long_frame = *texts[1];
  CHECK(short_frame.messages == std::vector<MessageId>{0});
  CHECK(short_frame.size() == 127);
  CHECK(short_frame.bytes[0] == 0x81);  // FIN, text
  CHECK(short_frame.bytes[1] == 125);   // not masked, length 125
  CHECK(long_frame.messages == std::vector<MessageId>{1});
  CHECK(long_frame.size() == 130);
  CHECK(long_frame.bytes[1] == 126);
  CHECK(long_frame.bytes[2] == 0x00);
  CHECK(long_frame.bytes[3] == 126);
  CHECK(note_has(short_frame, "2 bytes of header"));
  CHECK(note_has(long_frame, "4 bytes of header"));
}

TEST_CASE("websocket: client frames are masked with a fresh key and decode to the payload") {
  // Section 5.3: every client frame sets the MASK bit and carries a 4-byte key: 2 + 4 + 30 =
  // 36 bytes for a 30-byte message. A server's decoder (which refuses unmasked frames) gets
  // the original payload back.
  Scenario scenario = basic_scenario(Transport::websocket, 3s);
  add_at(scenario, Direction::client_to_server, {1000ms, 1200ms}, 30);
  const Lane lane = run_one_lane(scenario);
  const auto texts = frames_of(lane, Layer::websocket, "text");
  REQUIRE(texts.size() == 2);
  for (const WireFrame* frame : texts) {
    CHECK(frame->from == kClient);
    CHECK(frame->size() == 36);
    CHECK((frame->bytes[1] & 0x80) != 0);
    const std::vector<ws::Frame> decoded = decode_all(frame->bytes, ws::Role::server);
    REQUIRE(decoded.size() == 1);
    REQUIRE(frame->messages.size() == 1);
    const std::string payload = payload_of(lane, frame->messages[0]);
    CHECK(as_text(decoded[0].payload) == payload);
    // Masked: the payload does not appear as it is on the wire.
    CHECK(as_text(frame->bytes).find(payload) == std::string_view::npos);
  }
  const wire::Bytes key1(texts[0]->bytes.begin() + 2, texts[0]->bytes.begin() + 6);
  const wire::Bytes key2(texts[1]->bytes.begin() + 2, texts[1]->bytes.begin() + 6);
  CHECK(key1 != key2);
  CHECK(lane.messages[0].delivered_at == 1050ms);
  CHECK(lane.messages[1].delivered_at == 1250ms);
}

TEST_CASE("websocket: a proxy that strips Upgrade makes the handshake fail with the server's 400") {
  // The proxy removes Upgrade and Connection; the server sees a plain GET and answers 400 Bad
  // Request. Hops of 25 ms: the request reaches the proxy at 75 ms; its upstream connection
  // takes 50 ms to open, so the request reaches the server at 150 ms; the 400 reaches the
  // client at 200 ms, which fails the connection and closes TCP then. Nothing is delivered.
  Scenario scenario = basic_scenario(Transport::websocket, 5s);
  scenario.proxy.enabled = true;
  scenario.proxy.strip_upgrade = true;
  add_at(scenario, Direction::server_to_client, {1000ms});
  add_at(scenario, Direction::client_to_server, {1000ms});
  const Lane lane = run_one_lane(scenario);

  const auto upstream_requests = frames_from(lane, kProxy, Layer::http, "request");
  REQUIRE(upstream_requests.size() == 1);
  CHECK(as_text(upstream_requests[0]->bytes).find("Upgrade:") == std::string_view::npos);

  const auto rejections = frames_to(lane, kClient, Layer::http, "response");
  REQUIRE(rejections.size() == 1);
  CHECK(rejections[0]->received_at == 200ms);
  CHECK(as_text(rejections[0]->bytes).starts_with("HTTP/1.1 400 Bad Request\r\n"));
  CHECK(as_text(rejections[0]->bytes).find("Upgrade") != std::string_view::npos);
  CHECK(note_has(*rejections[0], "400 Bad Request"));

  const auto client_fins = frames_from(lane, kClient, Layer::tcp, "fin");
  REQUIRE(client_fins.size() == 1);
  CHECK(client_fins[0]->sent_at == 200ms);
  CHECK(note_has(*client_fins[0], "400 Bad Request"));

  CHECK(frames_of(lane, Layer::websocket, "text").empty());
  for (const Message& message : lane.messages) CHECK_FALSE(message.delivered_at.has_value());
  CHECK(compute_metrics(lane).lost == 2);
}

TEST_CASE("websocket: through the same proxy wss succeeds, since it cannot read inside TLS") {
  // With TLS the proxy only relays bytes: the 101 comes back and messages take one transit
  // (25 + 25 ms) once the socket is open.
  Scenario scenario = basic_scenario(Transport::websocket, 5s);
  scenario.network.tls = true;
  scenario.proxy.enabled = true;
  scenario.proxy.strip_upgrade = true;
  add_at(scenario, Direction::server_to_client, {2000ms});
  add_at(scenario, Direction::client_to_server, {2000ms});
  const Lane lane = run_one_lane(scenario);

  const auto upstream_requests = frames_from(lane, kProxy, Layer::http, "request");
  REQUIRE(upstream_requests.size() == 1);
  CHECK(as_text(upstream_requests[0]->bytes).find("\r\nUpgrade: websocket\r\n") !=
        std::string_view::npos);
  const auto responses = frames_to(lane, kClient, Layer::http, "response");
  REQUIRE(responses.size() == 1);
  CHECK(as_text(responses[0]->bytes).starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
  REQUIRE(lane.messages.size() == 2);
  CHECK(lane.messages[0].delivered_at == 2050ms);
  CHECK(lane.messages[1].delivered_at == 2050ms);
}

TEST_CASE("websocket: a silent connection is closed by an idle proxy, and the client reconnects") {
  // Hops of 25 ms. The 101 passes the proxy at 175 ms (request at the proxy at 75 ms, upstream
  // handshake 75-125 ms, at the server 150 ms); then nothing passes. With idle_timeout 60 s
  // the proxy closes both sides at 60.175 s. The client gets the FIN at 60.2 s: no close frame
  // came, so 1006; it closes and reconnects 1 s later, at 61.2 s (new TCP handshake until
  // 61.25 s, when the new request goes).
  // A message created at 61 s, while the client is away, waits at the server: the new request
  // reaches the proxy at 61.275 s, the server at 61.35 s (upstream handshake 61.275-61.325 s),
  // and the message follows the 101 to arrive at 61.4 s.
  Scenario scenario = basic_scenario(Transport::websocket, 90s);
  scenario.proxy.enabled = true;
  scenario.proxy.idle_timeout = 60s;
  add_at(scenario, Direction::server_to_client, {61000ms});
  const Lane lane = run_one_lane(scenario);

  const auto proxy_fins = frames_from(lane, kProxy, Layer::tcp, "fin");
  REQUIRE(proxy_fins.size() >= 1);
  const WireFrame& to_client = *frames_to(lane, kClient, Layer::tcp, "fin").at(0);
  CHECK(to_client.from == kProxy);
  CHECK(to_client.sent_at == 60175ms);
  CHECK(note_has(to_client, "idle for 60 s"));

  const auto client_fins = frames_from(lane, kClient, Layer::tcp, "fin");
  REQUIRE(client_fins.size() >= 1);
  CHECK(client_fins[0]->sent_at == 60200ms);
  CHECK(note_has(*client_fins[0], "closed without a close frame: code 1006 Abnormal Closure"));

  const auto requests = frames_from(lane, kClient, Layer::http, "request");
  REQUIRE(requests.size() == 2);
  CHECK(requests[1]->sent_at == 61250ms);
  CHECK(note_has(*requests[1], "1006"));

  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 61400ms);
}

TEST_CASE("websocket: pings every 30 s keep an idle proxy from closing the connection") {
  // The 101 leaves the server at 150 ms, so pings go at 30.15, 60.15 and 90.15 s; the proxy
  // never sees 60 s of silence. The client stops at 100 s (no traffic), so the one connection
  // lasts the whole run and each ping is answered by a masked pong.
  Scenario scenario = basic_scenario(Transport::websocket, 100s);
  scenario.proxy.enabled = true;
  scenario.proxy.idle_timeout = 60s;
  scenario.websocket.ping_interval = 30s;
  const Lane lane = run_one_lane(scenario);

  const auto pings = frames_from(lane, kServerBehindProxy, Layer::websocket, "ping");
  REQUIRE(pings.size() == 3);
  CHECK(pings[0]->sent_at == 30150ms);
  CHECK(pings[2]->sent_at == 90150ms);
  const auto pongs = frames_from(lane, kClient, Layer::websocket, "pong");
  REQUIRE(pongs.size() == 3);
  for (const WireFrame* pong : pongs) {
    CHECK((pong->bytes[1] & 0x80) != 0);
    const auto decoded = decode_all(pong->bytes, ws::Role::server);
    REQUIRE(decoded.size() == 1);
    CHECK(decoded[0].header.opcode == ws::Opcode::pong);
  }
  for (const WireFrame& frame : lane.frames) CHECK_FALSE(note_has(frame, "idle for"));
  CHECK(frames_from(lane, kClient, Layer::http, "request").size() == 1);
  // The only FIN from the client is the one that ends the close handshake, after 100 s.
  const auto client_fins = frames_from(lane, kClient, Layer::tcp, "fin");
  REQUIRE(client_fins.size() == 1);
  CHECK(client_fins[0]->sent_at > 100s);
}

TEST_CASE("websocket: the close handshake, close frames both ways with code 1000") {
  // The client stops at 5 s (no traffic): its close frame (masked: 2 + 4 + 2 bytes) reaches the
  // server at 5.05 s, which answers with its own (unmasked: 0x88 0x02 0x03 0xE8, 1000 =
  // 0x03E8) and closes TCP first, at 5.05 s. Both reach the client at 5.1 s, which then sends
  // its FIN; that arrives at 5.15 s and the connection is closed.
  Scenario scenario = basic_scenario(Transport::websocket, 5s);
  const Lane lane = run_one_lane(scenario);
  constexpr EndpointId kServer = 1;

  const auto closes = frames_of(lane, Layer::websocket, "close");
  REQUIRE(closes.size() == 2);
  const WireFrame& from_client = *closes[0];
  const WireFrame& from_server = *closes[1];
  CHECK(from_client.from == kClient);
  CHECK(from_client.sent_at == 5s);
  CHECK(from_client.size() == 8);
  const auto client_close = decode_all(from_client.bytes, ws::Role::server);
  REQUIRE(client_close.size() == 1);
  CHECK(ws::parse_close_payload(client_close[0].payload).close.code == 1000);

  CHECK(from_server.from == kServer);
  CHECK(from_server.sent_at == 5050ms);
  CHECK(from_server.bytes == wire::Bytes{0x88, 0x02, 0x03, 0xE8});
  const auto server_close = decode_all(from_server.bytes, ws::Role::client);
  REQUIRE(server_close.size() == 1);
  CHECK(ws::parse_close_payload(server_close[0].payload).close.code == 1000);

  const auto server_fins = frames_from(lane, kServer, Layer::tcp, "fin");
  const auto client_fins = frames_from(lane, kClient, Layer::tcp, "fin");
  REQUIRE(server_fins.size() == 1);
  REQUIRE(client_fins.size() == 1);
  CHECK(server_fins[0]->sent_at == 5050ms);
  CHECK(client_fins[0]->sent_at == 5100ms);
  REQUIRE(lane.connections.size() == 1);
  CHECK(lane.connections[0].closed_at == 5150ms);
}

TEST_CASE("websocket: each client has its own connection and gets only its own messages") {
  // Three clients: three handshakes on three connections. A server message goes to the client
  // it was created for, one transit after creation, whatever the others do.
  Scenario scenario = basic_scenario(Transport::websocket, 5s);
  scenario.clients = 3;
  add_periodic(scenario, Direction::server_to_client, 250ms, 1000ms);
  add_periodic(scenario, Direction::client_to_server, 400ms, 1100ms);
  const Lane lane = run_one_lane(scenario);
  CHECK(lane.connections.size() == 3);
  CHECK(frames_of(lane, Layer::http, "request").size() == 3);
  for (const WireFrame* frame : frames_of(lane, Layer::websocket, "text")) {
    REQUIRE(frame->messages.size() == 1);
    const Message& message = lane.messages.at(frame->messages[0]);
    const EndpointId client_end =
        message.direction == Direction::server_to_client ? frame->to : frame->from;
    CHECK(client_end == message.client);
  }
  for (const Message& message : lane.messages) {
    REQUIRE(message.delivered_at.has_value());
    CHECK(*message.delivered_at - message.created_at == 50ms);
  }
}
