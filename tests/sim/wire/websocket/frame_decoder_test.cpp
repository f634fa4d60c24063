#include "sim/wire/websocket/frame_decoder.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::websocket;

namespace {

const MaskingKey kRfcKey{0x37, 0xfa, 0x21, 0x3d};

struct Decoded {
  std::vector<DecodedFrame> frames;
  std::optional<DecodeError> error;
};

Decoded decode_all(ByteView bytes, FrameDecoderOptions options = {}, std::size_t piece = 0) {
  FrameDecoder decoder(options);
  if (piece == 0) {
    decoder.feed(bytes);
  } else {
    for (std::size_t i = 0; i < bytes.size(); i += piece) {
      decoder.feed(bytes.subspan(i, std::min(piece, bytes.size() - i)));
    }
  }
  decoder.finish();
  Decoded out;
  while (auto frame = decoder.next()) out.frames.push_back(std::move(*frame));
  out.error = decoder.error();
  return out;
}

DecodeError expect_error(const Bytes& bytes, FrameDecoderOptions options = {}) {
  const Decoded decoded = decode_all(bytes, options);
  REQUIRE(decoded.error.has_value());
  return *decoded.error;
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) append(out, part);
  return out;
}

}  // namespace

TEST_CASE("RFC 6455 section 5.7 frames decode to their fields and payloads") {
  const Decoded unmasked = decode_all(Bytes{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f});
  REQUIRE(unmasked.frames.size() == 1);
  CHECK(unmasked.frames[0].frame == text_frame("Hello"));
  CHECK(unmasked.frames[0].header_size == 2);

  const Decoded masked =
      decode_all(Bytes{0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
  REQUIRE(masked.frames.size() == 1);
  CHECK(masked.frames[0].frame == text_frame("Hello", &kRfcKey));
  CHECK(masked.frames[0].header_size == 6);

  const Decoded fragmented =
      decode_all(Bytes{0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f});
  REQUIRE(fragmented.frames.size() == 2);
  CHECK_FALSE(fragmented.frames[0].frame.header.fin);
  CHECK(fragmented.frames[1].frame.header.opcode == Opcode::continuation);
  CHECK(fragmented.frames[1].offset == 5);
  CHECK(as_text(fragmented.frames[1].frame.payload) == "lo");
  CHECK_FALSE(fragmented.error.has_value());
}

TEST_CASE("every split of a stream gives the same frames") {
  const Bytes stream = concat({
      encode_frame(text_frame("Hello", &kRfcKey)),
      encode_frame(binary_frame(Bytes(300, 7), &kRfcKey)),
      encode_frame(ping_frame(to_bytes("p"), &kRfcKey)),
      encode_frame(binary_frame(Bytes(70000, 9), &kRfcKey)),
      encode_frame(close_frame({1000, "done"}, &kRfcKey)),
  });
  const Decoded whole = decode_all(stream, {.role = Role::server});
  REQUIRE(whole.frames.size() == 5);
  CHECK_FALSE(whole.error.has_value());
  for (std::size_t piece : {1, 2, 3, 7, 1000}) {
    CAPTURE(piece);
    const Decoded split = decode_all(stream, {.role = Role::server}, piece);
    REQUIRE(split.frames.size() == whole.frames.size());
    for (std::size_t i = 0; i < whole.frames.size(); ++i) {
      CHECK(split.frames[i].frame == whole.frames[i].frame);
      CHECK(split.frames[i].offset == whole.frames[i].offset);
    }
  }
  CHECK(whole.frames[3].frame.payload == Bytes(70000, 9));
  CHECK(whole.frames[3].header_size == 14);
}

TEST_CASE("encode then decode gives back every kind of frame") {
  std::vector<Frame> frames{text_frame(""),
                            text_frame("a\xc3\xa9"),
                            binary_frame(Bytes(126, 1)),
                            ping_frame(Bytes(125, 2)),
                            pong_frame(Bytes{}),
                            close_frame({1001, "going"}),
                            close_frame({})};
  for (const Frame& frame : frames) {
    for (const MaskingKey* key : {static_cast<const MaskingKey*>(nullptr), &kRfcKey}) {
      Frame sent = frame;
      sent.header.masked = key != nullptr;
      if (key) sent.header.masking_key = *key;
      const Decoded decoded = decode_all(encode_frame(sent));
      REQUIRE(decoded.frames.size() == 1);
      CHECK(decoded.frames[0].frame == sent);
    }
  }
}

TEST_CASE("control frames may arrive between the fragments of a message") {
  Frame first = text_frame("Hel");
  first.header.fin = false;
  Frame last = text_frame("lo");
  last.header.opcode = Opcode::continuation;
  const Decoded decoded = decode_all(
      concat({encode_frame(first), encode_frame(ping_frame(Bytes{})), encode_frame(last)}));
  CHECK_FALSE(decoded.error.has_value());
  CHECK(decoded.frames.size() == 3);
}

TEST_CASE("rejections name the first bad byte and why") {
  struct Case {
    Bytes bytes;
    FrameDecoderOptions options;
    std::string reason;
    std::uint64_t offset;
  };
  const Case cases[] = {
      {{0xc1, 0x00}, {}, "RSV1 is set but no extension was negotiated", 0},
      {{0xa1, 0x00}, {}, "RSV2 is set but no extension was negotiated", 0},
      {{0x81, 0x00, 0x93, 0x00}, {}, "RSV3 is set but no extension was negotiated", 2},
      {{0x83, 0x00}, {}, "opcode 0x3 is reserved", 0},
      {{0x8b, 0x00}, {}, "opcode 0xb is reserved", 0},
      {{0x09, 0x00}, {}, "a ping frame cannot be fragmented (FIN must be 1)", 0},
      {{0x89, 0x7e, 0x00, 0x7e}, {}, "a ping frame carries at most 125 bytes", 1},
      {{0x80, 0x00}, {}, "continuation frame without a message to continue", 0},
      {{0x01, 0x00, 0x82, 0x00},
       {},
       "new binary frame while a fragmented text message is unfinished (expected a continuation "
       "frame)",
       2},
      {{0x81, 0x05, 'H', 'e', 'l', 'l', 'o'},
       {.role = Role::server},
       "a client's frame must be masked (MASK must be 1)",
       1},
      {{0x81, 0x80, 0, 0, 0, 0},
       {.role = Role::client},
       "a server's frame must not be masked (MASK must be 0)",
       1},
      {{0x82, 0x7e, 0x00, 0x05},
       {},
       "payload length 5 is not in its shortest form (RFC 6455 section 5.2)",
       2},
      {{0x82, 0x7f, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
       {},
       "payload length 65535 is not in its shortest form (RFC 6455 section 5.2)",
       2},
      {{0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0},
       {},
       "the most significant bit of a 64-bit payload length must be 0",
       2},
      {{0x82, 0x7e, 0x01, 0x00},
       {.max_message_bytes = 255},
       "message of at least 256 bytes is larger than the limit of 255",
       2},
      {{0x81, 0x03, 'a', 0xff, 'b'}, {}, "text is not valid UTF-8", 3},
      {{0x81, 0x02, 'a', 0xc3}, {}, "text message ends inside a UTF-8 sequence", 4},
      {{0x88, 0x01, 0x03}, {}, "close payload of 1 byte (a status code takes 2)", 2},
      {{0x88, 0x02, 0x03, 0xed}, {}, "close code 1005 may not be sent (RFC 6455 section 7.4)", 2},
      {{0x88, 0x04, 0x03, 0xe8, 'a', 0xff}, {}, "close reason is not valid UTF-8", 5},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    const DecodeError error = expect_error(c.bytes, c.options);
    CHECK(error.reason == c.reason);
    CHECK(error.offset == c.offset);
  }
}

TEST_CASE("UTF-8 is checked across the fragments of a text message") {
  // U+00E9 split between two frames is fine; the offset of a bad byte counts the whole stream.
  const Bytes split_ok{0x01, 0x02, 'a', 0xc3, 0x80, 0x01, 0xa9};
  CHECK_FALSE(decode_all(split_ok).error.has_value());
  const Bytes bad_in_second{0x01, 0x02, 'a', 0xc3, 0x80, 0x01, 0x41};
  const DecodeError error = expect_error(bad_in_second);
  CHECK(error.reason == "text is not valid UTF-8");
  CHECK(error.offset == 6);
}

TEST_CASE("the message size limit counts all fragments") {
  const Bytes stream{0x02, 0x03, 1, 2, 3, 0x80, 0x03, 4, 5, 6};
  CHECK_FALSE(decode_all(stream, {.max_message_bytes = 6}).error.has_value());
  const DecodeError error = expect_error(stream, {.max_message_bytes = 5});
  CHECK(error.offset == 6);
}

TEST_CASE("a truncated frame is reported at the end of the input") {
  DecodeError in_header = expect_error(Bytes{0x81});
  CHECK(in_header.reason == "truncated frame: the input ends inside the frame header");
  CHECK(in_header.offset == 1);
  DecodeError in_payload = expect_error(Bytes{0x81, 0x05, 'H', 'e'});
  CHECK(in_payload.reason ==
        "truncated frame: the header announces 5 payload bytes but the input ends 3 bytes short");
  CHECK(in_payload.offset == 4);
}

TEST_CASE("after an error the decoder stays failed and yields nothing more") {
  FrameDecoder decoder;
  decoder.feed(Bytes{0x83, 0x00});
  REQUIRE(decoder.error().has_value());
  decoder.feed(encode_frame(text_frame("ok")));
  CHECK_FALSE(decoder.next().has_value());
  CHECK(decoder.error()->offset == 0);
}
