#include "sim/wire/http/serialize.hpp"

#include <charconv>
#include <stdexcept>
#include <string>
#include <variant>

#include "sim/wire/http/detail/framing.hpp"
#include "sim/wire/http/detail/start_line.hpp"
#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http {

namespace {

constexpr std::string_view kCrlf = "\r\n";

// Quotes text for an error message, with bytes that would not print shown as \xNN.
std::string quoted(std::string_view text) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out + "\"";
}

[[noreturn]] void reject(const std::string& why) {
  throw std::invalid_argument("HTTP message: " + why);
}

void check_version(std::string_view version) {
  if (!detail::is_supported_version(version)) {
    reject("version " + quoted(version) + " is not HTTP/1.0 or HTTP/1.1");
  }
}

void check_fields(const Fields& fields) {
  for (const Field& field : fields) {
    if (!is_token(field.name)) reject("field name " + quoted(field.name) + " is not a token");
    const std::string_view value = field.value;
    if (first_not(value, is_field_value_char) < value.size()) {
      reject("value of " + quoted(field.name) + " holds CR, LF, NUL or another control byte");
    }
    if (!value.empty() && (is_ows(value.front()) || is_ows(value.back()))) {
      reject("value of " + quoted(field.name) + " starts or ends with whitespace");
    }
  }
}

void check_request_line(std::string_view method, std::string_view target,
                        std::string_view version) {
  if (!is_token(method)) reject("method " + quoted(method) + " is not a token");
  if (!detail::is_request_target(target)) {
    reject("request target " + quoted(target) + " must be non-empty visible ASCII without spaces");
  }
  check_version(version);
}

void check_status_line(int status, std::string_view reason, std::string_view version) {
  if (status < 100 || status > 599) {
    reject("status " + std::to_string(status) + " is not between 100 and 599");
  }
  for (const char c : reason) {
    if (!is_field_value_char(c)) reject("reason phrase holds CR, LF, NUL or another control byte");
  }
  check_version(version);
}

void check_not_both_lengths(const Fields& fields) {
  if (fields.find("Content-Length") && fields.find("Transfer-Encoding")) {
    reject("both Content-Length and Transfer-Encoding (a reader could not tell which to trust)");
  }
}

// The body must be the one the fields announce, or a reader would cut the stream elsewhere.
void check_content_length(const Fields& fields, std::size_t body_size) {
  for (const Field& field : fields) {
    if (!iequals(field.name, "Content-Length")) continue;
    const auto parsed = detail::parse_content_length(field.value, 0);
    if (!std::holds_alternative<std::uint64_t>(parsed)) {
      reject("Content-Length " + quoted(field.value) + " is not a number");
    }
    if (std::get<std::uint64_t>(parsed) != body_size) {
      reject("Content-Length " + quoted(field.value) + " but the body has " +
             std::to_string(body_size) + " bytes");
    }
  }
}

// Bytes the fields take once written, with the empty line after them: to allocate once.
std::size_t fields_size(const Fields& fields) {
  std::size_t size = 2;
  for (const Field& field : fields) size += field.name.size() + field.value.size() + 4;
  return size;
}

void write_field_lines_unchecked(Bytes& out, const Fields& fields) {
  for (const Field& field : fields) {
    append(out, field.name);
    append(out, ": ");
    append(out, field.value);
    append(out, kCrlf);
  }
}

void write_fields(Bytes& out, const Fields& fields) {
  write_field_lines_unchecked(out, fields);
  append(out, kCrlf);
}

// Start lines as checked ones are written.
void append_request_line(Bytes& out, std::string_view method, std::string_view target,
                         std::string_view version) {
  append(out, method);
  append(out, " ");
  append(out, target);
  append(out, " ");
  append(out, version);
  append(out, kCrlf);
}

void append_status_line(Bytes& out, int status, std::string_view reason, std::string_view version) {
  char code[3];  // a checked status has three digits
  std::to_chars(std::begin(code), std::end(code), status);
  append(out, version);
  append(out, " ");
  append(out, std::string_view(code, sizeof code));
  append(out, " ");
  append(out, reason);
  append(out, kCrlf);
}

void set_body_fields(Fields& fields, std::size_t size, std::string_view content_type) {
  fields.remove("Transfer-Encoding");
  if (content_type.empty()) {
    fields.remove("Content-Type");
  } else {
    fields.set("Content-Type", std::string(content_type));
  }
  fields.set("Content-Length", std::to_string(size));
}

}  // namespace

void write_request_line(Bytes& out, std::string_view method, std::string_view target,
                        std::string_view version) {
  check_request_line(method, target, version);
  append_request_line(out, method, target, version);
}

void write_status_line(Bytes& out, int status, std::string_view reason, std::string_view version) {
  check_status_line(status, reason, version);
  append_status_line(out, status, reason, version);
}

void write_field_lines(Bytes& out, const Fields& fields) {
  check_fields(fields);
  write_field_lines_unchecked(out, fields);
}

Bytes serialize_head(const Request& request) {
  check_request_line(request.method, request.target, request.version);
  check_fields(request.fields);
  Bytes out;
  out.reserve(request.method.size() + request.target.size() + request.version.size() + 4 +
              fields_size(request.fields) + request.body.size());
  append_request_line(out, request.method, request.target, request.version);
  write_fields(out, request.fields);
  return out;
}

Bytes serialize_head(const Response& response) {
  check_status_line(response.status, response.reason, response.version);
  check_fields(response.fields);
  Bytes out;
  out.reserve(response.version.size() + response.reason.size() + 8 + fields_size(response.fields) +
              response.body.size());
  append_status_line(out, response.status, response.reason, response.version);
  write_fields(out, response.fields);
  return out;
}

Bytes serialize(const Request& request) {
  Bytes out = serialize_head(request);
  check_not_both_lengths(request.fields);
  check_content_length(request.fields, request.body.size());
  const bool delimited =
      request.fields.find("Content-Length") || request.fields.find("Transfer-Encoding");
  if (!delimited && !request.body.empty()) {
    reject("a request with a body needs Content-Length or Transfer-Encoding");
  }
  append(out, request.body);
  return out;
}

// 1xx, 204 and 304 responses end with their head, whatever their fields say (a 304's
// Content-Length describes the representation it did not send).
Bytes serialize(const Response& response) {
  Bytes out = serialize_head(response);
  check_not_both_lengths(response.fields);
  const int status = response.status;
  if (status < 200 || status == 204 || status == 304) {
    if (!response.body.empty()) reject("a " + std::to_string(status) + " response has no body");
  } else {
    check_content_length(response.fields, response.body.size());
  }
  append(out, response.body);
  return out;
}

void set_body(Request& request, Bytes body, std::string_view content_type) {
  set_body_fields(request.fields, body.size(), content_type);
  request.body = std::move(body);
}

void set_body(Response& response, Bytes body, std::string_view content_type) {
  set_body_fields(response.fields, body.size(), content_type);
  response.body = std::move(body);
}

Bytes encode_chunk(ByteView data) {
  if (data.empty()) return {};
  char size[16];
  const auto written = std::to_chars(std::begin(size), std::end(size), data.size(), 16);
  Bytes out;
  append(out, std::string_view(size, static_cast<std::size_t>(written.ptr - size)));
  append(out, kCrlf);
  append(out, data);
  append(out, kCrlf);
  return out;
}

Bytes last_chunk(const Fields& trailers) {
  check_fields(trailers);
  Bytes out =
      to_bytes("0\r\n");  // (appending to an empty vector trips g++ 12's -Wstringop-overflow)
  write_fields(out, trailers);
  return out;
}

}  // namespace pushlab::sim::wire::http
