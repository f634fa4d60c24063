#include "sim/wire/engineio/session.hpp"

#include <nlohmann/json.hpp>

#include "sim/wire/base64.hpp"

namespace pushlab::sim::wire::engineio {

namespace {

constexpr std::array<std::string_view, 6> kErrorMessages = {
    "Transport unknown", "Session ID unknown", "Bad handshake method",
    "Bad request",       "Forbidden",          "Unsupported protocol version"};

}  // namespace

std::string encode_open(const OpenInfo& info) {
  nlohmann::ordered_json json;
  json["sid"] = info.sid;
  json["upgrades"] = info.upgrades;
  json["pingInterval"] = info.ping_interval_ms;
  json["pingTimeout"] = info.ping_timeout_ms;
  json["maxPayload"] = info.max_payload;
  return json.dump();
}

std::variant<OpenInfo, DecodeError> decode_open(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return DecodeError{"open packet's data is not a JSON object", 0};
  }
  const auto number = [&](const char* key) -> std::optional<std::uint64_t> {
    const auto at = json.find(key);
    if (at == json.end() || !at->is_number_unsigned()) return std::nullopt;
    return at->get<std::uint64_t>();
  };
  OpenInfo info;
  const auto sid = json.find("sid");
  const auto upgrades = json.find("upgrades");
  const auto interval = number("pingInterval");
  const auto timeout = number("pingTimeout");
  const auto max_payload = number("maxPayload");
  if (sid == json.end() || !sid->is_string()) {
    return DecodeError{"open packet has no string \"sid\"", 0};
  }
  if (upgrades == json.end() || !upgrades->is_array()) {
    return DecodeError{"open packet has no array \"upgrades\"", 0};
  }
  if (!interval || !timeout || !max_payload) {
    return DecodeError{
        "open packet lacks a whole number \"pingInterval\", \"pingTimeout\" or \"maxPayload\"", 0};
  }
  info.sid = sid->get<std::string>();
  info.upgrades.clear();
  for (const nlohmann::json& name : *upgrades) {
    if (!name.is_string()) return DecodeError{"open packet's \"upgrades\" holds a non-string", 0};
    info.upgrades.push_back(name.get<std::string>());
  }
  info.ping_interval_ms = *interval;
  info.ping_timeout_ms = *timeout;
  info.max_payload = *max_payload;
  return info;
}

std::string make_sid(const SidNonce& random, std::uint32_t counter) {
  std::array<std::uint8_t, 15> bytes{};
  std::copy(random.begin(), random.end(), bytes.begin());
  bytes[12] = static_cast<std::uint8_t>(counter >> 16);
  bytes[13] = static_cast<std::uint8_t>(counter >> 8);
  bytes[14] = static_cast<std::uint8_t>(counter);
  std::string sid = base64_encode(bytes);
  for (char& c : sid) {
    if (c == '/') c = '_';
    if (c == '+') c = '-';
  }
  return sid;
}

std::optional<ErrorCode> refusal(const RequestFacts& request) {
  if (request.transport != "polling" && request.transport != "websocket") {
    return ErrorCode::unknown_transport;
  }
  if (!request.sid.empty()) {
    if (!request.session_transport) return ErrorCode::unknown_sid;
    if (!request.upgrade && request.transport != *request.session_transport) {
      return ErrorCode::bad_request;  // TRANSPORT_MISMATCH
    }
    if (request.eio != "4") return ErrorCode::bad_request;  // PROTOCOL_MISMATCH
    return std::nullopt;
  }
  if (request.method != "GET") return ErrorCode::bad_handshake_method;
  if (request.transport == "websocket" && !request.upgrade) return ErrorCode::bad_request;
  if (request.eio != "4") return ErrorCode::unsupported_protocol_version;
  return std::nullopt;
}

std::string_view error_message(ErrorCode code) {
  return kErrorMessages[static_cast<std::size_t>(code)];
}

int error_status(ErrorCode code) {
  return code == ErrorCode::forbidden ? 403 : 400;
}

std::string error_body(ErrorCode code) {
  nlohmann::ordered_json json;
  json["code"] = static_cast<int>(code);
  json["message"] = error_message(code);
  return json.dump();
}

std::string upgrade_refusal(ErrorCode code) {
  const std::string_view message = error_message(code);
  std::string text =
      "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-type: text/html\r\n"
      "Content-Length: " +
      std::to_string(message.size()) + "\r\n\r\n";
  text += message;
  return text;
}

}  // namespace pushlab::sim::wire::engineio
