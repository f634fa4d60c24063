#include "live/tls_flow.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace pushlab;
using sim::Nanoseconds;
using sim::wire::Bytes;

// A record of `type` whose body is `body_size` bytes (the content does not matter here).
Bytes record(std::uint8_t type, std::size_t body_size) {
  Bytes bytes(5 + body_size, 0xAA);
  bytes[0] = type;
  bytes[1] = 0x03;  // TLS 1.2 on the record layer, as TLS 1.3 writes it
  bytes[2] = 0x03;
  bytes[3] = static_cast<std::uint8_t>(body_size >> 8);
  bytes[4] = static_cast<std::uint8_t>(body_size & 0xff);
  return bytes;
}

Bytes joined(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const Bytes& part : parts) sim::wire::append(all, part);
  return all;
}

live::RecordedPiece piece(int sent_ms, int arrived_ms, Bytes bytes) {
  return {Nanoseconds{sent_ms * 1'000'000}, Nanoseconds{arrived_ms * 1'000'000}, std::move(bytes)};
}

constexpr std::size_t kExpansion = live::kTls13RecordExpansion;

TEST_CASE("application bytes are placed in the records that carried them, after the handshake") {
  const std::string request = "GET / HTTP/1.1\r\n\r\n";       // 18 bytes
  const std::string message = "POST /send HTTP/1.1\r\n\r\n";  // 23 bytes
  live::RecordedFlow flow;
  // The ClientHello alone; then ChangeCipherSpec, the encrypted Finished and the first request
  // in one piece; then the second request's record split across two pieces.
  flow.pieces.push_back(piece(0, 50, record(22, 512)));
  flow.pieces.push_back(piece(100, 150,
                              joined({record(20, 1), record(23, 36 + kExpansion),
                                      record(23, request.size() + kExpansion)})));
  const Bytes second = record(23, message.size() + kExpansion);
  flow.pieces.push_back(piece(200, 250, Bytes(second.begin(), second.begin() + 10)));
  flow.pieces.push_back(piece(210, 260, Bytes(second.begin() + 10, second.end())));

  const live::TlsFlow read = live::read_tls_flow(flow, sim::wire::to_bytes(request + message));
  REQUIRE(read.handshake.size() == 2);
  CHECK(read.handshake[0].bytes.size() == 517);
  CHECK(read.handshake[1].bytes.size() == 6 + 5 + 36 + kExpansion);  // CCS and Finished
  REQUIRE(read.application.pieces.size() == 2);
  CHECK(sim::wire::as_text(read.application.pieces[0].bytes) == request);
  CHECK(read.application.pieces[0].sent_at == Nanoseconds{100'000'000});
  CHECK(sim::wire::as_text(read.application.pieces[1].bytes) == message);
  CHECK(read.application.pieces[1].sent_at == Nanoseconds{200'000'000});
  CHECK(read.application.pieces[1].arrived_at == Nanoseconds{260'000'000});  // its last byte
}

TEST_CASE("a closing alert after the application data is not taken for data") {
  const std::string response = "HTTP/1.1 204 No Content\r\n\r\n";
  live::RecordedFlow flow;
  flow.pieces.push_back(piece(0, 50, joined({record(22, 90), record(20, 1), record(23, 900)})));
  flow.pieces.push_back(piece(100, 150, record(23, response.size() + kExpansion)));
  flow.pieces.push_back(piece(300, 350, record(23, 2 + kExpansion)));  // close_notify
  const live::TlsFlow read = live::read_tls_flow(flow, sim::wire::to_bytes(response));
  REQUIRE(read.application.pieces.size() == 1);
  CHECK(sim::wire::as_text(read.application.pieces[0].bytes) == response);
  CHECK(read.application.pieces[0].arrived_at == Nanoseconds{150'000'000});
}

}  // namespace
