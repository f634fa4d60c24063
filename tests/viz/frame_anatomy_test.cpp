#include "viz/model/frame_anatomy.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/wire/websocket/frame.hpp"
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

TEST_CASE("an engine.io poll's answer: each layer's fields, over the body's bytes") {
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 24\r\n\r\n";
  const std::string body =
      "42[\"message\",\"#0 ab\"]\x1e"
      "2";
  const FrameAnatomy anatomy =
      frame_anatomy(frame_of(sim::Layer::http, head + body), {.engine_io = true, .socketio = true});
  std::vector<std::string> names;
  for (const ByteField& field : anatomy.fields) names.push_back(field.name);
  CHECK(std::find(names.begin(), names.end(), "body") == names.end());
  const ByteField& engine = anatomy.fields.at(3);
  CHECK(engine.name == "Engine.IO type");
  CHECK(engine.value == "4 (message)");
  CHECK(engine.first_byte == head.size());
  CHECK(field_named(anatomy, "Socket.IO type").value == "2 (EVENT)");
  const ByteField& json = field_named(anatomy, "Socket.IO JSON");
  CHECK(json.value == "[\"message\",\"#0 ab\"]");
  CHECK(json.first_byte == head.size() + 2);
  CHECK(json.payload);
  CHECK(field_named(anatomy, "Engine.IO separator").first_byte == head.size() + 21);
  CHECK(anatomy.fields.back().value == "2 (ping)");
  // Without the lane's context the body is one field, as for any HTTP response.
  CHECK(field_named(frame_anatomy(frame_of(sim::Layer::http, head + body)), "body").byte_count ==
        body.size());
}

TEST_CASE("a browser's engine.io WebSocket frame: the packet read from the unmasked payload") {
  const sim::wire::websocket::MaskingKey key{1, 2, 3, 4};
  const sim::wire::Bytes bytes =
      sim::wire::websocket::encode_frame(sim::wire::websocket::text_frame("2probe", &key));
  sim::WireFrame frame{.layer = sim::Layer::websocket, .bytes = bytes};
  const FrameAnatomy anatomy = frame_anatomy(frame, {.engine_io = true, .socketio = true});
  CHECK(field_named(anatomy, "masked payload").byte_count == 6);
  const ByteField& type = field_named(anatomy, "Engine.IO type");
  CHECK(type.value == "2 (ping)");
  CHECK(type.first_byte == 6);  // after 2 bytes of header and 4 of masking key
  CHECK(field_named(anatomy, "Engine.IO data").value == "probe");
}

}  // namespace pushlab::viz
