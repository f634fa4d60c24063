#include "viz/model/frame_label.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "viz/model/frame_anatomy.hpp"

namespace pushlab::viz {

namespace {

using sim::Layer;
using sim::WireFrame;
namespace websocket = sim::wire::websocket;

std::string_view text_of(const WireFrame& frame) {
  return {reinterpret_cast<const char*>(frame.bytes.data()), frame.bytes.size()};
}

std::string bytes_suffix(std::size_t size) {
  return " (" + std::to_string(size) + " B)";
}

// Up to `limit` characters of `text` in quotes, unprintable bytes as dots.
std::string quoted_preview(std::string_view text, std::size_t limit = 14) {
  std::string preview = "\"";
  for (char c : text.substr(0, limit)) {
    preview += std::isprint(static_cast<unsigned char>(c)) ? c : '.';
  }
  if (text.size() > limit) preview += "...";
  return preview + "\"";
}

std::size_t head_size(std::string_view text) {
  const std::size_t end = text.find("\r\n\r\n");
  return end == std::string_view::npos ? text.size() : end + 4;
}

std::string request_label(const WireFrame& frame) {
  const auto request = sim::wire::http::parse_request(frame.bytes);
  if (!request) return "HTTP request" + bytes_suffix(frame.bytes.size());
  const std::string path = request->target.substr(0, request->target.find('?'));
  std::string label = request->method + " " + path;
  if (!request->body.empty()) label += bytes_suffix(request->body.size());
  return label;
}

std::string response_label(const WireFrame& frame) {
  const auto response = sim::wire::http::parse_response_head(frame.bytes);
  if (!response) return "HTTP response" + bytes_suffix(frame.bytes.size());
  std::string label = std::to_string(response->status) + " " + response->reason;
  if (frame.kind == "response-head") return label + ", stream opens";
  const std::size_t body = frame.bytes.size() - head_size(text_of(frame));
  if (response->status == 101) return label;
  return label + (body == 0 ? " (empty)" : bytes_suffix(body));
}

std::string http_label(const WireFrame& frame) {
  if (frame.kind == "request") return request_label(frame);
  if (frame.kind == "last-chunk") return "end of stream";
  return response_label(frame);
}

std::optional<websocket::DecodedFrame> decode_websocket(const WireFrame& frame) {
  websocket::FrameDecoder decoder;
  decoder.feed(frame.bytes);
  return decoder.next();
}

std::string websocket_label(const WireFrame& frame) {
  const auto decoded = decode_websocket(frame);
  if (!decoded) return "WS " + frame.kind + bytes_suffix(frame.bytes.size());
  const websocket::Frame& ws = decoded->frame;
  std::string label = "WS " + std::string(websocket::to_string(ws.header.opcode));
  const std::string_view payload(reinterpret_cast<const char*>(ws.payload.data()),
                                 ws.payload.size());
  if (ws.header.opcode == websocket::Opcode::text) label += " " + quoted_preview(payload);
  if (ws.header.opcode == websocket::Opcode::close) {
    const auto code = websocket::parse_close_payload(ws.payload).close.code;
    if (code) label += " " + std::to_string(*code);
  }
  return label + " (" + std::to_string(decoded->header_size) + "+" +
         std::to_string(ws.payload.size()) + " B)";
}

// Read from the event's fields, as the inspector takes them apart.
std::string sse_label(const WireFrame& frame) {
  const FrameAnatomy anatomy = frame_anatomy(frame);
  const auto field = [&](std::string_view name) -> std::string {
    for (const ByteField& f : anatomy.fields) {
      if (f.name == name) return f.value;
    }
    return {};
  };
  if (frame.kind == "retry") return "SSE retry: " + field("retry") + " ms";
  std::string label = "SSE event";
  if (const std::string id = field("id"); !id.empty()) label += " id " + id;
  return label + bytes_suffix(anatomy.payload_bytes);
}

std::string transport_label(const WireFrame& frame) {
  std::string label = frame.kind;
  std::transform(label.begin(), label.end(), label.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (frame.layer == Layer::tls) label = "TLS " + frame.kind;
  return label;
}

}  // namespace

int response_status(const WireFrame& frame) {
  if (frame.layer != Layer::http || frame.kind == "request" || frame.kind == "last-chunk") {
    return 0;
  }
  const auto response = sim::wire::http::parse_response_head(frame.bytes);
  return response ? response->status : 0;
}

std::string frame_label(const WireFrame& frame) {
  switch (frame.layer) {
    case Layer::http:
      return http_label(frame);
    case Layer::websocket:
      return websocket_label(frame);
    case Layer::sse:
      return sse_label(frame);
    case Layer::resp:
      return frame.kind;  // the command or the reply: "PUBLISH", "message"
    case Layer::tcp:
    case Layer::tls:
      return transport_label(frame);
  }
  return frame.kind;
}

FrameColour frame_colour(const WireFrame& frame) {
  if (frame.lost() || response_status(frame) >= 400) return FrameColour::error;
  switch (frame.layer) {
    case Layer::tcp:
      return FrameColour::tcp;
    case Layer::tls:
      return FrameColour::tls;
    case Layer::http:
      return FrameColour::http;
    case Layer::websocket:
      return FrameColour::websocket;
    case Layer::sse:
      return FrameColour::sse;
    case Layer::resp:
      return FrameColour::broker;
  }
  return FrameColour::http;
}

}  // namespace pushlab::viz
