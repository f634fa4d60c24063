// The Trace for handouts: a capture whose headers check out, and a CSV a spreadsheet reads.

#include <doctest/doctest.h>

#include <string>

#include "sim/trace/trace_csv.hpp"
#include "sim/trace/trace_pcap.hpp"
#include "tests/sim/trace/trace_test_support.hpp"

namespace pushlab::sim {

namespace {

using namespace testing;

// A connection opened, a 3,000-byte response (more than two segments), and a FIN.
Trace connection_with_a_long_response() {
  Lane lane{.transport = Transport::short_poll};
  lane.endpoints = {{EndpointRole::client, "client 1"}, {EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 1, .tls = false, .opened_at = 0ns}};
  const auto tcp = [](EndpointId from, EndpointId to, Nanoseconds at, const char* kind) {
    return WireFrame{.from = from,
                     .to = to,
                     .sent_at = at,
                     .received_at = at + 1ms,
                     .layer = Layer::tcp,
                     .kind = kind,
                     .modelled_size = 52};
  };
  wire::Bytes body(3000, 'x');
  lane.frames = {tcp(0, 1, 0ms, "syn"), tcp(1, 0, 1ms, "syn-ack"), tcp(0, 1, 2ms, "ack"),
                 WireFrame{.from = 1,
                           .to = 0,
                           .sent_at = 3ms,
                           .received_at = 4ms,
                           .layer = Layer::http,
                           .kind = "response",
                           .bytes = body},
                 tcp(0, 1, 5ms, "fin")};
  return {.scenario = "long", .duration = 1s, .lanes = {lane}};
}

// The packets of a capture: each one's bytes after its record header.
std::vector<wire::Bytes> packets_of(const wire::Bytes& capture) {
  std::vector<wire::Bytes> packets;
  std::size_t at = 24;
  while (at + 16 <= capture.size()) {
    const std::size_t length = capture[at + 8] | (capture[at + 9] << 8) | (capture[at + 10] << 16) |
                               (std::size_t{capture[at + 11]} << 24);
    packets.emplace_back(capture.begin() + static_cast<long>(at + 16),
                         capture.begin() + static_cast<long>(at + 16 + length));
    at += 16 + length;
  }
  return packets;
}

std::uint32_t read32(const wire::Bytes& bytes, std::size_t at) {
  return (std::uint32_t{bytes[at]} << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) |
         bytes[at + 3];
}

// Ethernet is 14 bytes, then IPv4 (20), then TCP (20).
constexpr std::size_t kIp = 14;
constexpr std::size_t kTcp = 34;

bool checksums_hold(const wire::Bytes& packet) {
  const wire::ByteView bytes(packet);
  if (internet_checksum(bytes.subspan(kIp, 20)) != 0) return false;
  std::uint32_t pseudo = 0;
  for (std::size_t i = 0; i < 8; i += 2)
    pseudo += (packet[kIp + 12 + i] << 8) | packet[kIp + 13 + i];
  pseudo += 6 + static_cast<std::uint32_t>(packet.size() - kTcp);
  return internet_checksum(bytes.subspan(kTcp), pseudo) == 0;
}

}  // namespace

TEST_CASE("the internet checksum of RFC 1071's example") {
  const wire::Bytes words{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  CHECK(internet_checksum(words) == 0x220d);  // the sum is 0xddf2
}

TEST_CASE("a capture: handshake, a response cut into segments, FIN; sequence numbers follow") {
  const wire::Bytes capture = to_pcap(connection_with_a_long_response());
  REQUIRE(capture.size() > 24);
  CHECK(capture[0] == 0x4d);  // 0xa1b23c4d little-endian: nanosecond timestamps
  CHECK(capture[20] == 1);    // Ethernet
  const std::vector<wire::Bytes> packets = packets_of(capture);
  REQUIRE(packets.size() == 3 + 3 + 1);  // SYN, SYN-ACK, ACK; 1460 + 1460 + 80; FIN
  for (const wire::Bytes& packet : packets) CHECK(checksums_hold(packet));
  const std::uint32_t client_isn = read32(packets[0], kTcp + 4);
  const std::uint32_t server_isn = read32(packets[1], kTcp + 4);
  CHECK(read32(packets[1], kTcp + 8) == client_isn + 1);  // SYN-ACK acknowledges the SYN
  CHECK(read32(packets[3], kTcp + 4) == server_isn + 1);  // data after the SYN-ACK
  CHECK(read32(packets[4], kTcp + 4) == server_isn + 1 + 1460);
  CHECK(read32(packets[5], kTcp + 4) == server_isn + 1 + 2920);
  CHECK(packets[5].size() == kTcp + 20 + 80);
  CHECK(read32(packets[6], kTcp + 4) == client_isn + 1);         // the client's FIN
  CHECK(read32(packets[6], kTcp + 8) == server_isn + 1 + 3000);  // acknowledging it all
  CHECK(packets[6][kTcp + 13] == 0x11);                          // FIN and ACK
}

TEST_CASE("CSV: a row per frame and per delivered message, quoted where it must be") {
  const std::string csv = to_csv(small_trace());
  CHECK(csv.starts_with("record,lane,transport,id,connection,from,to,layer,kind,setup,sent_s,"));
  CHECK(csv.find(
            "\r\nframe,0,websocket,0,0,client 1,server,tcp,ack,false,0.000001000,,0,40,,,,\r\n") !=
        std::string::npos);
  CHECK(csv.find("frame,0,websocket,1,0,server,client 1,websocket,text,false,0.001500000,"
                 "0.026500000,4,52,,,0,unmasked: server to client\r\n") != std::string::npos);
  CHECK(csv.find("message,0,websocket,0,,server,client 1,,,,0.001000000,0.026500000,,,2,25.500,,"
                 "\r\n") != std::string::npos);
  Trace quoted = small_trace();
  quoted.lanes[0].frames[1].note = "a \"quoted\", note";
  CHECK(to_csv(quoted).find(",\"a \"\"quoted\"\", note\"\r\n") != std::string::npos);
}

}  // namespace pushlab::sim
