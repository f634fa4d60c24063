#include "viz/model/frame_anatomy.hpp"

#include <string_view>

#include <algorithm>

#include "sim/wire/engineio/fields.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_fields.hpp"

namespace pushlab::viz {

namespace {

using sim::Layer;
using sim::WireFrame;

// Lines of `text` ending in `newline` (the last may lack it): [first, first + size) each,
// the line break included.
template <typename OnLine>
void for_each_line(std::string_view text, std::string_view newline, OnLine on_line) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find(newline, start);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + newline.size();
    on_line(text.substr(start, (end == std::string_view::npos ? text.size() : end) - start), start,
            next - start);
    start = next;
  }
}

void http_fields(std::string_view text, FrameAnatomy& anatomy) {
  const std::size_t head_end = text.find("\r\n\r\n");
  const std::size_t head_size = head_end == std::string_view::npos ? text.size() : head_end + 4;
  bool first = true;
  for_each_line(text.substr(0, head_size), "\r\n",
                [&](std::string_view line, std::size_t at, std::size_t size) {
                  if (line.empty()) {
                    anatomy.fields.push_back({"end of head", "empty line", at, size});
                  } else if (first) {
                    anatomy.fields.push_back({"start line", std::string(line), at, size});
                  } else {
                    const std::size_t colon = line.find(':');
                    std::string_view value = line.substr(colon == line.npos ? 0 : colon + 1);
                    while (value.starts_with(' ')) value.remove_prefix(1);
                    anatomy.fields.push_back(
                        {std::string(line.substr(0, colon)), std::string(value), at, size});
                  }
                  first = false;
                });
  if (head_size < text.size()) {
    const std::size_t body = text.size() - head_size;
    anatomy.fields.push_back({"body", std::to_string(body) + " bytes", head_size, body, true});
    anatomy.payload_bytes = body;
  }
}

void sse_fields(std::string_view text, FrameAnatomy& anatomy) {
  for_each_line(text, "\n", [&](std::string_view line, std::size_t at, std::size_t size) {
    if (line.empty()) {
      anatomy.fields.push_back({"end of event", "empty line", at, size});
      return;
    }
    const std::size_t colon = line.find(':');
    std::string_view value = line.substr(colon == line.npos ? line.size() : colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
    const bool data = line.substr(0, colon) == "data";
    anatomy.fields.push_back(
        {std::string(line.substr(0, colon)), std::string(value), at, size, data});
    if (data) anatomy.payload_bytes += value.size();
  });
}

void websocket_fields(const WireFrame& frame, FrameAnatomy& anatomy) {
  namespace websocket = sim::wire::websocket;
  websocket::FrameDecoder decoder;
  decoder.feed(frame.bytes);
  const auto decoded = decoder.next();
  if (!decoded) return;
  for (websocket::FrameField& field : websocket::frame_fields(decoded->frame)) {
    const bool payload = field.name.ends_with("payload");  // masked, unmasked, or plain
    anatomy.fields.push_back({std::move(field.name), std::move(field.value), field.first_byte,
                              field.byte_count, payload});
  }
  anatomy.payload_bytes = decoded->frame.payload.size();
}

// The Engine.IO (and Socket.IO) fields of the frame's body or WebSocket payload, in the place
// of that field. A browser's frame keeps its "masked payload" (the bytes on the wire); the
// packets are read from the payload unmasked, over the same bytes.
void engine_io_fields(const WireFrame& frame, AnatomyContext context, FrameAnatomy& anatomy) {
  namespace eio = sim::wire::engineio;
  const auto whole = std::find_if(anatomy.fields.begin(), anatomy.fields.end(), [](const auto& f) {
    return f.name == "body" || f.name == "payload" || f.name == "unmasked payload";
  });
  if (whole == anatomy.fields.end()) return;
  const std::size_t start = whole->first_byte;
  const std::string_view text(reinterpret_cast<const char*>(frame.bytes.data()) + start,
                              whole->byte_count);
  std::vector<eio::PacketField> packets;
  if (frame.layer == Layer::http) {
    packets = eio::payload_fields(text, context.socketio);
  } else {
    sim::wire::websocket::FrameDecoder decoder;
    decoder.feed(frame.bytes);
    const auto decoded = decoder.next();
    if (!decoded) return;
    packets = eio::websocket_fields(
        sim::wire::as_text(decoded->frame.payload),
        decoded->frame.header.opcode == sim::wire::websocket::Opcode::binary, context.socketio);
  }
  if (packets.empty()) return;
  const auto at = anatomy.fields.erase(whole);
  std::vector<ByteField> replaced;
  for (eio::PacketField& packet : packets) {
    const bool payload =
        packet.name == "data" || packet.name == "JSON payload" || packet.name == "binary message";
    // Short, to fit the inspector's column: "Engine.IO type", "Socket.IO JSON".
    const std::string name = packet.name == "packet type"    ? "type"
                             : packet.name == "JSON payload" ? "JSON"
                                                             : packet.name;
    replaced.push_back({packet.layer + " " + name, std::move(packet.value),
                        start + packet.first_byte, packet.byte_count, payload});
  }
  anatomy.fields.insert(at, replaced.begin(), replaced.end());
}

}  // namespace

std::optional<std::size_t> FrameAnatomy::field_of(std::size_t byte) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].covers(byte)) return i;
  }
  return std::nullopt;
}

FrameAnatomy frame_anatomy(const WireFrame& frame, AnatomyContext context) {
  FrameAnatomy anatomy;
  const std::string_view text(reinterpret_cast<const char*>(frame.bytes.data()),
                              frame.bytes.size());
  switch (frame.layer) {
    case Layer::http:
      http_fields(text, anatomy);
      break;
    case Layer::sse:
      sse_fields(text, anatomy);
      break;
    case Layer::websocket:
      websocket_fields(frame, anatomy);
      break;
    case Layer::tcp:
    case Layer::tls:
    case Layer::resp:
      break;
  }
  const bool packets = frame.layer == Layer::http || frame.layer == Layer::websocket;
  if (context.engine_io && packets) engine_io_fields(frame, context, anatomy);
  return anatomy;
}

}  // namespace pushlab::viz
