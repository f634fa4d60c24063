#pragma once
// The constants of RFC 6455, named as the RFC names them.

#include <cstdint>
#include <optional>
#include <string_view>

namespace pushlab::sim::wire::websocket {

// Section 1.3: appended to Sec-WebSocket-Key before hashing.
inline constexpr std::string_view kHandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Section 4.1: the only version this RFC defines.
inline constexpr std::string_view kVersion = "13";

// Which end of the connection we are: it decides who masks (section 5.3).
enum class Role { client, server };

// Section 5.2.
enum class Opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xa,
};

inline constexpr bool is_control(Opcode op) {
  return static_cast<std::uint8_t>(op) >= 0x8;
}

// True for the six opcodes the RFC defines; 0x3-0x7 and 0xB-0xF are reserved.
inline constexpr bool is_defined_opcode(std::uint8_t value) {
  return value <= 0x2 || (value >= 0x8 && value <= 0xa);
}

std::string_view to_string(Opcode op);                       // "text", "ping", ...
std::optional<Opcode> opcode_from_string(std::string_view);  // the inverse

// Section 5.5: control frames carry at most 125 bytes and are never fragmented.
inline constexpr std::uint64_t kMaxControlPayload = 125;

// Section 5.2: payload lengths up to 125 fit in 7 bits; 126 and 127 announce longer forms.
inline constexpr std::uint8_t kLength16 = 126;
inline constexpr std::uint8_t kLength64 = 127;

// Section 7.4.1: status codes of a close frame.
namespace close_code {
inline constexpr std::uint16_t normal = 1000;
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t protocol_error = 1002;
inline constexpr std::uint16_t unsupported_data = 1003;
inline constexpr std::uint16_t no_status = 1005;  // never sent: "no code was present"
inline constexpr std::uint16_t abnormal = 1006;   // never sent: "closed without a close frame"
inline constexpr std::uint16_t invalid_payload = 1007;
inline constexpr std::uint16_t policy_violation = 1008;
inline constexpr std::uint16_t too_big = 1009;
inline constexpr std::uint16_t missing_extension = 1010;
inline constexpr std::uint16_t internal_error = 1011;
inline constexpr std::uint16_t tls_handshake = 1015;  // never sent
}  // namespace close_code

// May this code appear in a close frame on the wire (sections 7.4.1 and 7.4.2)?
bool is_sendable_close_code(std::uint16_t code);

// "Normal Closure", "Going Away", ...; "" for codes without a registered name.
std::string_view close_code_name(std::uint16_t code);

}  // namespace pushlab::sim::wire::websocket
