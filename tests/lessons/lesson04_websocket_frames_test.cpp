// Lesson 4, WebSocket frames: every figure its text states, computed from the scenarios it points
// at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"
#include "sim/wire/websocket/mask.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

TEST_CASE("lesson 4, WebSocket frames: their bytes are the simulator's") {
  const LoadedLesson lesson = load("04-websocket-frames.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  namespace ws = sim::wire::websocket;

  SUBCASE("FIN and the opcode: chat's first frame, and Hello built and decoded") {
    const std::string& text = lesson.step("FIN and the opcode: the first byte").text;
    const sim::Trace trace = lesson.run("FIN and the opcode: the first byte");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(5);  // the selected websocket:5
    REQUIRE(frame.messages == std::vector<sim::MessageId>{0});
    CHECK(lane.messages[0].created_at == 1s);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.frame.header.fin);
    CHECK(first.frame.header.opcode == ws::Opcode::text);
    CHECK_FALSE(first.frame.header.masked);
    CHECK(first.header_size == 2);
    says(text, std::to_string(frame.size()) + " bytes, of which " +
                   std::to_string(first.frame.payload.size()) + " are\npayload. It begins `" +
                   hex_bytes(frame.bytes, 2) + "`");
    says(text, "`0x" + hex_bytes(frame.bytes, 1) + "`, is four fields");
    says(text,
         "`0x" + hex_bytes(sim::wire::ByteView(frame.bytes).subspan(1), 1) + "`, is the MASK bit");
    says(text, "low seven bits: " + std::to_string(first.frame.header.payload_length));
    says(quiz, "length of " + std::to_string(first.frame.header.payload_length));
    using Op = ws::Opcode;
    for (const auto& [op, written] :
         {std::pair{Op::continuation, "`0x0` continuation"}, std::pair{Op::binary, "`0x2` binary"},
          std::pair{Op::close, "`0x8` close"}, std::pair{Op::ping, "`0x9` ping"},
          std::pair{Op::pong, "`0xA` pong"}}) {
      CHECK(std::string_view(written).ends_with(ws::to_string(op)));
      CHECK(written[3] == "0123456789A"[static_cast<int>(op)]);
      says(text, written);
    }
    const sim::wire::Bytes hello = ws::encode_frame(ws::text_frame("Hello"));
    says(text, std::to_string(hello.size()) + " bytes:\n`" + hex_bytes(hello, hello.size()) + "`");
    says(text, "`pushlab-cli decode --from server " + hex_bytes(hello, hello.size()) + "`");
  }

  SUBCASE("the 7- and 16-bit lengths: 2 bytes of header up to 125, 4 up to 65535") {
    CHECK(ws::length_form(125) == ws::LengthForm::bits7);
    CHECK(ws::length_form(126) == ws::LengthForm::bits16);
    CHECK(ws::length_form(65535) == ws::LengthForm::bits16);
    CHECK(ws::length_form(65536) == ws::LengthForm::bits64);
    CHECK(ws::header_size({.payload_length = 125}) == 2);
    CHECK(ws::header_size({.payload_length = 126}) == 4);
    CHECK(ws::header_size({.payload_length = 65535}) == 4);
    CHECK(ws::header_size({.payload_length = 65536}) == 10);
    const std::string& text = lesson.step("Three sizes of length: 7, 16 and 64 bits").text;
    says(text, "length up to 125\nis written in byte 1 itself: the header is 2 bytes");
    says(text, "For 126 to 65535 bytes");
    says(text, "4 bytes of header");
    says(text, "10 bytes of header");
    const sim::Trace trace = lesson.run("Three sizes of length: 7, 16 and 64 bits");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(5);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.header_size == 4);
    says(text, "messages at 1.0 s and 1.2 s " + std::to_string(first.frame.payload.size()) +
                   " bytes long");
    CHECK(decoded(lane.frames.at(6)).frame.payload.size() == first.frame.payload.size());
    says(text, "now\n" + std::to_string(frame.size()) + " bytes and begins `" +
                   hex_bytes(frame.bytes, 4) + "`");
    says(quiz, "payload of " + std::to_string(first.frame.payload.size()) + " bytes");
  }

  SUBCASE("the 64-bit length") {
    const std::string& text = lesson.step("The 64-bit length").text;
    const sim::Trace trace = lesson.run("The 64-bit length");
    const sim::WireFrame& frame = lane_of(trace, Transport::websocket).frames.at(5);
    const ws::DecodedFrame first = decoded(frame);
    CHECK(first.header_size == 10);
    says(text, "At " + std::to_string(first.frame.payload.size()) + " bytes");
    says(text, "selected frame is " + std::to_string(frame.size()) + " bytes and\nbegins `" +
                   hex_bytes(frame.bytes, 10) + "`");
  }

  SUBCASE("the browser masks: a fresh key per frame, and an unmasked one refused") {
    const std::string& text = lesson.step("The browser masks every frame").text;
    const sim::Trace trace = lesson.run("The browser masks every frame");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& frame = lane.frames.at(10);  // the selected websocket:10
    REQUIRE(frame.messages.size() == 1);
    const sim::Message& sent = lane.messages.at(frame.messages[0]);
    CHECK(sent.direction == sim::Direction::client_to_server);
    const ws::DecodedFrame masked = decoded(frame);
    CHECK(masked.frame.header.masked);
    CHECK(masked.header_size == 6);
    says(text, "at " + seconds(sent.created_at, 1) + ", " +
                   std::to_string(masked.frame.payload.size()) +
                   " bytes\nof payload in a frame of " + std::to_string(frame.size()) +
                   " bytes. It begins `" + hex_bytes(frame.bytes, 6) + "`");
    says(text, "`0x" + hex_bytes(sim::wire::ByteView(frame.bytes).subspan(1), 1) +
                   "`, the MASK\nbit is set and the length is " +
                   std::to_string(masked.frame.payload.size()));
    says(text, "The four bytes after it, `" +
                   hex_bytes(sim::wire::ByteView(frame.bytes).subspan(2), 4) +
                   "`, are the masking key");
    says(text, "the first, `" + std::string(1, static_cast<char>(masked.frame.payload[0])) +
                   "` (`0x" + hex_bytes(masked.frame.payload, 1) + "`), goes on\nthe wire as `0x" +
                   hex_bytes(sim::wire::ByteView(frame.bytes).subspan(6), 1) + "`");
    CHECK((masked.frame.payload[0] ^ frame.bytes[2]) == frame.bytes[6]);
    // The next frame from the browser, websocket:15, and its own key.
    const sim::WireFrame& next = lane.frames.at(15);
    REQUIRE(next.messages.size() == 1);
    const sim::Message& next_sent = lane.messages.at(next.messages[0]);
    CHECK(next_sent.direction == sim::Direction::client_to_server);
    CHECK(hex_bytes(sim::wire::ByteView(next.bytes).subspan(2), 4) !=
          hex_bytes(sim::wire::ByteView(frame.bytes).subspan(2), 4));
    says(text, "next message, at " + seconds(next_sent.created_at, 1) + ", has the key\n`" +
                   hex_bytes(sim::wire::ByteView(next.bytes).subspan(2), 4) + "`");
    // Every frame the server sends is unmasked; every one the browser sends, masked.
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer != sim::Layer::websocket) continue;
      CHECK(decoded(f).frame.header.masked == (f.from == lane.frames.at(10).from));
    }
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.delivered > 0);
    says(quiz, "server's frames have 2 bytes of header; the browser's have 6");

    const sim::wire::Bytes hello = ws::encode_frame(ws::text_frame("Hello"));
    ws::FrameDecoder server({.role = ws::Role::server});
    server.feed(hello);
    CHECK_FALSE(server.next());
    REQUIRE(server.error());
    says(text, "`pushlab-cli decode --from client " + hex_bytes(hello, hello.size()) +
                   "` refuses one: \"" + server.error()->reason + "\"");
    const ws::MaskingKey key{0x37, 0xfa, 0x21, 0x3d};
    const sim::wire::Bytes rfc = ws::encode_frame(ws::text_frame("Hello", &key));
    says(text, "`pushlab-cli frame --text Hello --mask 37fa213d`, gives `" +
                   hex_bytes(rfc, rfc.size()) + "`");
    CHECK(hex_bytes(rfc, rfc.size()) == "81 85 37 fa 21 3d 7f 9f 4d 51 58");  // section 5.7
  }

  SUBCASE("why clients mask: the selected frame is a masked one") {
    const std::string& text = lesson.step("Why clients mask: cache poisoning").text;
    says(text, "section\n10.3");
    says(quiz, "section 10.3");
    const sim::Trace trace = lesson.run("Why clients mask: cache poisoning");
    const sim::WireFrame& frame = lane_of(trace, Transport::websocket).frames.at(15);
    CHECK(decoded(frame).frame.header.masked);
  }
}

}  // namespace pushlab::lesson_test
