#include "sim/scenario/detail/header_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "sim/scenario/detail/header_syntax.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::detail {

namespace {

// Fields whose every value contradicts the simulator's framing, and why, on either side.
struct FramingField {
  std::string_view name;
  std::string_view why;
};

constexpr std::array<FramingField, 6> kFramingFields = {{
    {"Content-Length",
     "the simulator writes each body's own length, and one value for every message would "
     "contradict all the others"},
    {"Transfer-Encoding",
     "the simulator frames each body itself: Content-Length on a whole body, chunked on an "
     "event stream"},
    {"Content-Encoding",
     "the simulator's bodies are not compressed, so a browser could not decode them"},
    {"Trailer", "it announces fields after a chunked body, and the simulator sends none"},
    {"Upgrade",
     "it asks to switch protocols: the simulator writes it on the WebSocket handshake only, and "
     "on a poll it would turn the poll into a handshake"},
    {"Sec-WebSocket-Accept",
     "the server computes it from each handshake's own key (RFC 6455 section 4.2.2)"},
}};

std::optional<std::string> framing_conflict(std::string_view name) {
  for (const FramingField& field : kFramingFields) {
    if (wire::http::iequals(name, field.name)) return std::string(field.why);
  }
  return std::nullopt;
}

// Connection lists options of this hop. keep-alive, and the names of other fields, agree with
// the simulator's persistent connections; close and Upgrade do not.
std::optional<std::string> connection_conflict(std::string_view value) {
  for (const std::string_view option : wire::http::split_list(value)) {
    if (wire::http::iequals(option, "close")) {
      return "close would end each connection after one response, and the simulator keeps "
             "connections open for the next request, as HTTP/1.1 does (expected keep-alive)";
    }
    if (wire::http::iequals(option, "Upgrade")) {
      return "Upgrade belongs to the WebSocket handshake, where the simulator writes it, and on "
             "a poll it would ask to switch protocols (expected keep-alive)";
    }
  }
  return std::nullopt;
}

bool is_host_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 ||
         std::string_view("-._~!$&'()*+,;=%").find(c) != std::string_view::npos;
}

// uri-host [ ":" port ] (RFC 9110 section 7.2): a name or IPv4 address, or an IPv6 address in
// brackets, then an optional port.
bool is_host_and_port(std::string_view value) {
  std::string_view host = value;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    const std::string_view inside = host.substr(1, close - 1);
    const bool ipv6 = std::all_of(inside.begin(), inside.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
    });
    if (!ipv6) return false;
    const std::string_view rest = host.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    port = rest.empty() ? rest : rest.substr(1);
    if (!rest.empty() && port.empty()) return false;
  } else {
    const std::size_t colon = host.rfind(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
      if (port.empty()) return false;
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) return false;
  }
  if (port.size() > 5) return false;
  if (!std::all_of(port.begin(), port.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return false;
  }
  return port.empty() || std::stoi(std::string(port)) <= 65535;
}

std::optional<std::string> request_conflict(std::string_view name, std::string_view value) {
  if (wire::http::iequals(name, "Host")) {
    if (is_host_and_port(value)) return std::nullopt;
    return "it names the server the browser asks, as a host and an optional port (expected "
           "a value like pushlab.example or localhost:8080)";
  }
  if (wire::http::iequals(name, "Sec-WebSocket-Key")) {
    return "the browser makes a fresh random key for each handshake (RFC 6455 section 4.1), "
           "and the simulator does the same";
  }
  if (wire::http::iequals(name, "Sec-WebSocket-Version") && value != "13") {
    return "the simulator speaks RFC 6455, version 13, the only one browsers send (expected 13)";
  }
  if (wire::http::iequals(name, "Last-Event-ID")) {
    return "the browser sends it only when it resumes an event stream, with the id of the last "
           "event it received, and the simulator does the same";
  }
  return std::nullopt;
}

std::optional<std::string> response_conflict(std::string_view name) {
  if (wire::http::iequals(name, "Sec-WebSocket-Extensions")) {
    return "the server would agree to an extension (permessage-deflate, say) that the "
           "simulator's frames do not use";
  }
  if (wire::http::iequals(name, "Sec-WebSocket-Protocol")) {
    return "the server picks a subprotocol only from those the browser offers, and a browser "
           "fails a handshake answered with one it did not offer (RFC 6455 section 4.1)";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> why_not_settable(std::string_view name, std::string_view value,
                                            HeaderSide side) {
  if (auto why = framing_conflict(name)) return why;
  if (wire::http::iequals(name, "Connection")) return connection_conflict(value);
  return side == HeaderSide::request ? request_conflict(name, value) : response_conflict(name);
}

}  // namespace pushlab::sim::detail
