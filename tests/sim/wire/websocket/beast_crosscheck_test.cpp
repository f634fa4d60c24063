// Boost.Beast as an independent implementation of RFC 6455: what our codec writes, Beast must
// read, and what Beast writes, our codec must read, in both roles, over a real socket pair.

#include <doctest/doctest.h>

#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <future>
#include <string>
#include <vector>

#include "sim/wire/http/parser.hpp"
#include "sim/wire/http/serialize.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/handshake.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
using Socket = asio::local::stream_protocol::socket;
using namespace pushlab::sim::wire;
namespace ws = pushlab::sim::wire::websocket;

namespace {

// What one side received, message by message.
struct Received {
  std::vector<Bytes> payloads;
  std::vector<bool> text;
};

Bytes pattern(std::size_t size) {
  Bytes bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i * 31 + 7);
  return bytes;
}

const std::vector<std::size_t> kSizes{0, 1, 125, 126, 65535, 65536, 100000};

// Our side of a raw socket: writes bytes, reads until the decoder has `count` frames.
class RawPeer {
 public:
  explicit RawPeer(Socket socket) : socket_(std::move(socket)) {}

  void send(const Bytes& bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // After the close handshake each side ends its half of the TCP connection (section 7.1.1);
  // Beast's teardown waits for ours.
  void end_sending() { socket_.shutdown(Socket::shutdown_send); }

  Bytes read_some() {
    Bytes chunk(65536);
    chunk.resize(socket_.read_some(asio::buffer(chunk)));
    return chunk;
  }

  // Reads until a close frame has been decoded (or the decoder fails).
  std::vector<ws::DecodedFrame> read_until_close(ws::FrameDecoder& decoder) {
    std::vector<ws::DecodedFrame> frames;
    while (!decoder.error()) {
      while (auto frame = decoder.next()) frames.push_back(std::move(*frame));
      if (!frames.empty() && frames.back().frame.header.opcode == ws::Opcode::close) break;
      decoder.feed(read_some());
    }
    return frames;
  }

 private:
  Socket socket_;
};

// Beast reads `count` messages, then writes its own, then closes with 1000 "bye".
template <class Stream>
Received beast_read_then_write(Stream& stream, std::size_t count) {
  Received received;
  for (std::size_t i = 0; i < count; ++i) {
    beast::flat_buffer buffer;
    stream.read(buffer);
    const auto data = buffer.data();
    const auto* begin = static_cast<const std::uint8_t*>(data.data());
    received.payloads.emplace_back(begin, begin + data.size());
    received.text.push_back(stream.got_text());
  }
  stream.text(true);
  stream.write(asio::buffer(std::string("Hello from Beast")));
  stream.binary(true);
  for (std::size_t size : kSizes) stream.write(asio::buffer(pattern(size)));
  stream.ping(beast::websocket::ping_data("are you there"));
  stream.text(true);
  // Beast splits long messages into frames itself (auto_fragment); this one we split by hand.
  stream.write_some(false, asio::buffer(std::string("frag")));
  stream.write_some(true, asio::buffer(std::string("mented")));
  stream.close(beast::websocket::close_reason(beast::websocket::close_code::normal,
                                              "bye"));  // waits for our close frame
  return received;
}

// The frames our side sends, as a client (masked) or a server (unmasked).
std::vector<ws::Frame> our_frames(const ws::MaskingKey* key) {
  std::vector<ws::Frame> frames{ws::text_frame("Hello from PushLab \xe2\x9c\x93", key)};
  for (std::size_t size : kSizes) frames.push_back(ws::binary_frame(pattern(size), key));
  ws::Frame first = ws::text_frame("Hel", key);
  first.header.fin = false;
  ws::Frame last = ws::text_frame("lo", key);
  last.header.opcode = ws::Opcode::continuation;
  frames.push_back(first);
  frames.push_back(ws::ping_frame(to_bytes("between fragments"), key));
  frames.push_back(last);
  return frames;
}

void check_beast_received_ours(const Received& received) {
  REQUIRE(received.payloads.size() == kSizes.size() + 2);
  CHECK(as_text(received.payloads[0]) == "Hello from PushLab \xe2\x9c\x93");
  CHECK(received.text[0]);
  for (std::size_t i = 0; i < kSizes.size(); ++i) {
    CHECK(received.payloads[i + 1] == pattern(kSizes[i]));
    CHECK_FALSE(received.text[i + 1]);
  }
  CHECK(as_text(received.payloads.back()) == "Hello");
  CHECK(received.text.back());
}

// Frames put back together into messages, with the control frames apart, in order.
struct Reassembled {
  std::vector<ws::Frame> messages;  // opcode of the first frame, payload of all
  std::vector<ws::Frame> controls;
  std::size_t fragmented = 0;  // messages that came in more than one frame
};

Reassembled reassemble(const std::vector<ws::DecodedFrame>& frames) {
  Reassembled out;
  std::optional<ws::Frame> partial;
  std::size_t pieces = 0;
  for (const ws::DecodedFrame& decoded : frames) {
    const ws::Frame& frame = decoded.frame;
    if (ws::is_control(frame.header.opcode)) {
      out.controls.push_back(frame);
      continue;
    }
    if (!partial) {
      partial = frame;
      pieces = 1;
    } else {
      append(partial->payload, frame.payload);
      ++pieces;
    }
    if (frame.header.fin) {
      out.messages.push_back(*partial);
      if (pieces > 1) ++out.fragmented;
      partial.reset();
    }
  }
  return out;
}

// Beast answered our ping with a pong, then wrote its messages, a ping and a close.
void check_we_received_beasts(const std::vector<ws::DecodedFrame>& frames) {
  const Reassembled got = reassemble(frames);
  REQUIRE(got.messages.size() == 1 + kSizes.size() + 1);
  CHECK(got.messages[0].header.opcode == ws::Opcode::text);
  CHECK(as_text(got.messages[0].payload) == "Hello from Beast");
  for (std::size_t i = 0; i < kSizes.size(); ++i) {
    CAPTURE(kSizes[i]);
    CHECK(got.messages[1 + i].header.opcode == ws::Opcode::binary);
    CHECK(got.messages[1 + i].payload == pattern(kSizes[i]));
  }
  CHECK(as_text(got.messages.back().payload) == "fragmented");
  CHECK(got.fragmented >= 1);  // at least our explicit write_some pair

  REQUIRE(got.controls.size() == 3);
  CHECK(got.controls[0].header.opcode == ws::Opcode::pong);
  CHECK(as_text(got.controls[0].payload) == "between fragments");
  CHECK(got.controls[1].header.opcode == ws::Opcode::ping);
  CHECK(as_text(got.controls[1].payload) == "are you there");
  CHECK(got.controls[2].header.opcode == ws::Opcode::close);
  CHECK(ws::parse_close_payload(got.controls[2].payload).close == ws::CloseReason{1000, "bye"});
  for (const ws::DecodedFrame& decoded : frames) {
    CHECK(decoded.header_size == ws::header_size(decoded.frame.header));
  }
}

}  // namespace

TEST_CASE("a Beast server accepts our handshake and reads our frames, we read Beast's") {
  asio::io_context io;
  Socket ours(io), theirs(io);
  asio::local::connect_pair(ours, theirs);

  const std::size_t message_count = kSizes.size() + 2;
  auto beast_side = std::async(std::launch::async, [&theirs, message_count] {
    beast::websocket::stream<Socket> stream(std::move(theirs));
    stream.accept();
    return beast_read_then_write(stream, message_count);
  });

  RawPeer peer(std::move(ours));
  const std::string key = ws::random_key();
  peer.send(http::serialize(ws::handshake_request(key, {.host = "localhost", .target = "/"})));

  http::ResponseParser parser;
  std::optional<http::WholeResponse> response;
  while (!response && !parser.failed()) {
    parser.feed(peer.read_some());
    response = parser.next_message();
  }
  REQUIRE(response.has_value());
  CHECK(response->message.status == 101);
  CHECK(ws::check_handshake_response(response->message, key) == std::nullopt);

  ws::FrameDecoder decoder({.role = ws::Role::client});
  decoder.feed(parser.take_upgraded_bytes());
  const ws::MaskingKey key_bytes{0x12, 0x34, 0x56, 0x78};
  for (const ws::Frame& frame : our_frames(&key_bytes)) peer.send(ws::encode_frame(frame));

  const auto frames = peer.read_until_close(decoder);
  REQUIRE_FALSE(decoder.error().has_value());
  check_we_received_beasts(frames);
  peer.send(ws::encode_frame(ws::close_frame({1000, "bye"}, &key_bytes)));
  peer.end_sending();

  check_beast_received_ours(beast_side.get());
}

TEST_CASE("a Beast client accepts our 101 and reads our frames, we read its masked frames") {
  asio::io_context io;
  Socket ours(io), theirs(io);
  asio::local::connect_pair(ours, theirs);

  const std::size_t message_count = kSizes.size() + 2;
  auto beast_side = std::async(std::launch::async, [&theirs, message_count] {
    beast::websocket::stream<Socket> stream(std::move(theirs));
    stream.handshake("localhost", "/chat");  // throws unless our accept value is right
    return beast_read_then_write(stream, message_count);
  });

  RawPeer peer(std::move(ours));
  http::RequestParser parser;
  std::optional<http::WholeRequest> request;
  while (!request && !parser.failed()) {
    parser.feed(peer.read_some());
    request = parser.next_message();
  }
  REQUIRE(request.has_value());
  REQUIRE(ws::check_handshake_request(request->message) == std::nullopt);
  parser.mark_upgraded();
  const std::string key = *request->message.fields.find("Sec-WebSocket-Key");
  peer.send(http::serialize(ws::handshake_response(key)));

  ws::FrameDecoder decoder({.role = ws::Role::server});  // Beast's frames must be masked
  decoder.feed(parser.take_upgraded_bytes());
  for (const ws::Frame& frame : our_frames(nullptr)) peer.send(ws::encode_frame(frame));

  const auto frames = peer.read_until_close(decoder);
  REQUIRE_FALSE(decoder.error().has_value());
  for (const auto& frame : frames) CHECK(frame.frame.header.masked);
  check_we_received_beasts(frames);
  peer.send(ws::encode_frame(ws::close_frame({1000, "bye"})));
  peer.end_sending();

  check_beast_received_ours(beast_side.get());
}
