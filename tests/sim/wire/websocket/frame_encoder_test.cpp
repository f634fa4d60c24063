#include "sim/wire/websocket/frame_encoder.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include "sim/wire/websocket/close.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::websocket;

namespace {
const MaskingKey kRfcKey{0x37, 0xfa, 0x21, 0x3d};  // the key of RFC 6455 section 5.7
}

TEST_CASE("RFC 6455 section 5.7: a single-frame unmasked text message") {
  CHECK(encode_frame(text_frame("Hello")) == Bytes{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f});
}

TEST_CASE("RFC 6455 section 5.7: a single-frame masked text message") {
  CHECK(encode_frame(text_frame("Hello", &kRfcKey)) ==
        Bytes{0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
}

TEST_CASE("RFC 6455 section 5.7: a fragmented unmasked text message") {
  Frame first = text_frame("Hel");
  first.header.fin = false;
  Frame second = text_frame("lo");
  second.header.opcode = Opcode::continuation;
  CHECK(encode_frame(first) == Bytes{0x01, 0x03, 0x48, 0x65, 0x6c});
  CHECK(encode_frame(second) == Bytes{0x80, 0x02, 0x6c, 0x6f});
}

TEST_CASE("RFC 6455 section 5.7: unmasked ping and masked pong") {
  CHECK(encode_frame(ping_frame(to_bytes("Hello"))) ==
        Bytes{0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f});
  CHECK(encode_frame(pong_frame(to_bytes("Hello"), &kRfcKey)) ==
        Bytes{0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
}

TEST_CASE("RFC 6455 section 5.7: 256 bytes and 64 KiB binary messages use 16- and 64-bit lengths") {
  const Bytes small(256, 0xab);
  const Bytes small_frame = encode_frame(binary_frame(small));
  CHECK(Bytes(small_frame.begin(), small_frame.begin() + 4) == Bytes{0x82, 0x7e, 0x01, 0x00});
  CHECK(small_frame.size() == 4 + 256);

  const Bytes large(65536, 0xcd);
  const Bytes large_frame = encode_frame(binary_frame(large));
  CHECK(Bytes(large_frame.begin(), large_frame.begin() + 10) ==
        Bytes{0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00});
  CHECK(large_frame.size() == 10 + 65536);
  CHECK(Bytes(large_frame.begin() + 10, large_frame.end()) == large);
}

TEST_CASE("the length form changes exactly at 126 and 65536 bytes") {
  CHECK(header_size(binary_frame(Bytes(125)).header) == 2);
  CHECK(header_size(binary_frame(Bytes(126)).header) == 4);
  CHECK(header_size(binary_frame(Bytes(65535)).header) == 4);
  CHECK(header_size(binary_frame(Bytes(65536)).header) == 10);
  CHECK(header_size(binary_frame(Bytes(126), &kRfcKey).header) == 8);
  CHECK(encode_frame(binary_frame(Bytes(125)))[1] == 125);
  CHECK(encode_frame(binary_frame(Bytes(65535)))[1] == 126);
}

TEST_CASE("RSV bits land in bits 1 to 3 of the first byte") {
  Frame frame = text_frame("");
  frame.header.rsv1 = true;
  CHECK(encode_frame(frame)[0] == 0xc1);
  frame.header.rsv1 = false;
  frame.header.rsv3 = true;
  CHECK(encode_frame(frame)[0] == 0x91);
}

TEST_CASE("a close frame carries its code big-endian, then the reason") {
  CHECK(encode_frame(close_frame({1000, "bye"})) == Bytes{0x88, 0x05, 0x03, 0xe8, 'b', 'y', 'e'});
  CHECK(encode_frame(close_frame({})) == Bytes{0x88, 0x00});
  CHECK(encode_frame(close_frame({4000, ""})) == Bytes{0x88, 0x02, 0x0f, 0xa0});
}

TEST_CASE("the encoder refuses frames the RFC forbids") {
  CHECK_THROWS_WITH_AS(encode_frame(ping_frame(Bytes(126))),
                       "a ping frame carries at most 125 bytes (RFC 6455 section 5.5)",
                       std::invalid_argument);
  Frame fragmented_ping = ping_frame(Bytes{});
  fragmented_ping.header.fin = false;
  CHECK_THROWS_WITH_AS(encode_frame(fragmented_ping),
                       "a ping frame cannot be fragmented (RFC 6455 section 5.5)",
                       std::invalid_argument);
  Frame reserved = text_frame("x");
  reserved.header.opcode = static_cast<Opcode>(0x3);
  CHECK_THROWS_AS(encode_frame(reserved), std::invalid_argument);
  Frame inconsistent = text_frame("x");
  inconsistent.header.payload_length = 2;
  CHECK_THROWS_AS(encode_frame(inconsistent), std::invalid_argument);
}

TEST_CASE("close_frame refuses codes that may not be sent and oversized or invalid reasons") {
  for (std::uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
    CAPTURE(code);
    CHECK_THROWS_AS(close_frame({code, ""}), std::invalid_argument);
  }
  for (std::uint16_t code : {1000, 1001, 1002, 1003, 1007, 1011, 1014, 3000, 4999}) {
    CAPTURE(code);
    CHECK_NOTHROW(close_frame({code, ""}));
  }
  CHECK_THROWS_AS(close_frame({std::nullopt, "reason without code"}), std::invalid_argument);
  CHECK_NOTHROW(close_frame({1000, std::string(123, 'x')}));
  CHECK_THROWS_AS(close_frame({1000, std::string(124, 'x')}), std::invalid_argument);
  CHECK_THROWS_AS(close_frame({1000, "\xff"}), std::invalid_argument);
}
