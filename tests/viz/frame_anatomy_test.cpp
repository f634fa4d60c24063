#include "viz/model/frame_anatomy.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sim/wire/websocket/frame_encoder.hpp"

namespace pushlab::viz {

namespace {

sim::WireFrame frame_of(sim::Layer layer, const std::string& text) {
  return {.layer = layer, .bytes = sim::wire::Bytes(text.begin(), text.end())};
}

const ByteField& field_named(const FrameAnatomy& anatomy, const std::string& name) {
  for (const ByteField& field : anatomy.fields) {
    if (field.name == name) return field;
  }
  FAIL("no field " << name);
  return anatomy.fields.front();
}

}  // namespace

TEST_CASE(
    "an HTTP response: start line, each field, the empty line and the body, with their bytes") {
  const std::string text = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  const FrameAnatomy anatomy = frame_anatomy(frame_of(sim::Layer::http, text));
  REQUIRE(anatomy.fields.size() == 4);
  CHECK(anatomy.fields[0].value == "HTTP/1.1 200 OK");
  CHECK(anatomy.fields[0].byte_count == 17);  // the line and its CRLF
  const ByteField& length = field_named(anatomy, "Content-Length");
  CHECK(length.value == "5");
  CHECK(length.first_byte == 17);
  const ByteField& body = field_named(anatomy, "body");
  CHECK(body.payload);
  CHECK(body.first_byte == text.size() - 5);
  CHECK(anatomy.payload_bytes == 5);
  // The other way round: a byte of the body belongs to the body.
  CHECK(anatomy.field_of(text.size() - 1) == 3u);
  CHECK_FALSE(anatomy.field_of(text.size()));
}

TEST_CASE("an SSE event: its id and data lines; only data is payload") {
  const std::string text = "id: 7\ndata: hi there\n\n";
  const FrameAnatomy anatomy = frame_anatomy(frame_of(sim::Layer::sse, text));
  CHECK(field_named(anatomy, "id").value == "7");
  const ByteField& data = field_named(anatomy, "data");
  CHECK(data.value == "hi there");
  CHECK(data.payload);
  CHECK(data.first_byte == 6);
  CHECK(anatomy.payload_bytes == 8);
}

TEST_CASE("a masked WebSocket frame: header fields by the RFC, masked and unmasked payload") {
  namespace ws = sim::wire::websocket;
  const ws::MaskingKey key{1, 2, 3, 4};
  sim::WireFrame frame{.layer = sim::Layer::websocket,
                       .bytes = ws::encode_frame(ws::text_frame("hi", &key))};
  const FrameAnatomy anatomy = frame_anatomy(frame);
  CHECK(field_named(anatomy, "MASK").value == "1");
  CHECK(field_named(anatomy, "masking key").first_byte == 2);
  CHECK(field_named(anatomy, "masked payload").payload);
  CHECK(field_named(anatomy, "unmasked payload").value == "\"hi\"");
  CHECK(anatomy.payload_bytes == 2);
}

TEST_CASE("a modelled frame has no bytes to take apart") {
  const sim::WireFrame syn{.layer = sim::Layer::tcp, .kind = "syn", .modelled_size = 60};
  CHECK(frame_anatomy(syn).fields.empty());
}

}  // namespace pushlab::viz
