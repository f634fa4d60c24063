#include "sim/wire/resp/encode.hpp"

#include <vector>

namespace pushlab::sim::wire::resp {

namespace {

void append_line(Bytes& out, char type, std::string_view text) {
  out.push_back(static_cast<std::uint8_t>(type));
  append(out, text);
  append(out, std::string_view("\r\n"));
}

void append_bulk(Bytes& out, std::string_view bytes) {
  append_line(out, '$', std::to_string(bytes.size()));
  append(out, bytes);
  append(out, std::string_view("\r\n"));
}

void append_value(Bytes& out, const Value& value) {
  switch (value.type) {
    case Type::simple_string:
      append_line(out, '+', value.text);
      break;
    case Type::error:
      append_line(out, '-', value.text);
      break;
    case Type::integer:
      append_line(out, ':', std::to_string(value.integer));
      break;
    case Type::bulk_string:
      append_bulk(out, value.text);
      break;
    case Type::null_bulk:
      append_line(out, '$', "-1");
      break;
    case Type::null_array:
      append_line(out, '*', "-1");
      break;
    case Type::array:
      append_line(out, '*', std::to_string(value.elements.size()));
      for (const Value& element : value.elements) append_value(out, element);
      break;
  }
}

}  // namespace

Bytes command(std::span<const std::string_view> arguments) {
  Bytes out;
  append_line(out, '*', std::to_string(arguments.size()));
  for (const std::string_view argument : arguments) append_bulk(out, argument);
  return out;
}

Bytes command(std::initializer_list<std::string_view> arguments) {
  return command(std::span<const std::string_view>(arguments.begin(), arguments.size()));
}

Bytes encode(const Value& value) {
  Bytes out;
  append_value(out, value);
  return out;
}

}  // namespace pushlab::sim::wire::resp
