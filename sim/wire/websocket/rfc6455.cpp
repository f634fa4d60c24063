#include "sim/wire/websocket/rfc6455.hpp"

#include <array>
#include <utility>

namespace pushlab::sim::wire::websocket {

namespace {

constexpr std::array<std::pair<Opcode, std::string_view>, 6> kOpcodeNames{{
    {Opcode::continuation, "continuation"},
    {Opcode::text, "text"},
    {Opcode::binary, "binary"},
    {Opcode::close, "close"},
    {Opcode::ping, "ping"},
    {Opcode::pong, "pong"},
}};

}  // namespace

std::string_view to_string(Opcode op) {
  for (const auto& [opcode, name] : kOpcodeNames) {
    if (opcode == op) return name;
  }
  return "reserved";
}

std::optional<Opcode> opcode_from_string(std::string_view text) {
  for (const auto& [opcode, name] : kOpcodeNames) {
    if (name == text) return opcode;
  }
  return std::nullopt;
}

bool is_sendable_close_code(std::uint16_t code) {
  // 1000-1003 and 1007-1011 are defined for use; 1012-1014 are registered with IANA since;
  // 3000-4999 belong to libraries, frameworks and applications. 1004-1006, 1015 and the rest
  // of 1000-2999 must never be sent.
  if (code >= 1000 && code <= 1003) return true;
  if (code >= 1007 && code <= 1014) return true;
  return code >= 3000 && code <= 4999;
}

std::string_view close_code_name(std::uint16_t code) {
  switch (code) {
    case close_code::normal:
      return "Normal Closure";
    case close_code::going_away:
      return "Going Away";
    case close_code::protocol_error:
      return "Protocol Error";
    case close_code::unsupported_data:
      return "Unsupported Data";
    case close_code::no_status:
      return "No Status Received";
    case close_code::abnormal:
      return "Abnormal Closure";
    case close_code::invalid_payload:
      return "Invalid Frame Payload Data";
    case close_code::policy_violation:
      return "Policy Violation";
    case close_code::too_big:
      return "Message Too Big";
    case close_code::missing_extension:
      return "Mandatory Extension";
    case close_code::internal_error:
      return "Internal Error";
    case 1012:
      return "Service Restart";
    case 1013:
      return "Try Again Later";
    case 1014:
      return "Bad Gateway";
    case close_code::tls_handshake:
      return "TLS Handshake";
    default:
      return "";
  }
}

}  // namespace pushlab::sim::wire::websocket
