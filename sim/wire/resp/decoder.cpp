#include "sim/wire/resp/decoder.hpp"

#include <limits>
#include <string>

namespace pushlab::sim::wire::resp {

namespace {

bool is_digit(std::uint8_t byte) {
  return byte >= '0' && byte <= '9';
}

std::string quoted(std::uint8_t byte) {
  if (byte >= 0x20 && byte < 0x7f) return "'" + std::string(1, static_cast<char>(byte)) + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[byte >> 4] + kHex[byte & 0xf];
}

}  // namespace

void Decoder::feed(ByteView bytes) {
  if (error_) return;
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_position_));
  buffer_offset_ += read_position_;
  read_position_ = 0;
  append(buffer_, bytes);
  while (!error_ && read_position_ < buffer_.size()) {
    Value value;
    const std::optional<std::size_t> end = parse(read_position_, 0, value);
    if (!end) return;
    ready_.push_back({.value = std::move(value),
                      .offset = buffer_offset_ + read_position_,
                      .size = *end - read_position_});
    read_position_ = *end;
  }
}

void Decoder::finish() {
  if (error_ || read_position_ == buffer_.size()) return;
  fail("truncated value: the input ends inside the value that begins at offset " +
           std::to_string(buffer_offset_ + read_position_),
       buffer_.size());
}

std::optional<DecodedValue> Decoder::next() {
  if (ready_.empty()) return std::nullopt;
  DecodedValue value = std::move(ready_.front());
  ready_.pop_front();
  return value;
}

void Decoder::fail(std::string reason, std::size_t at) {
  error_ = DecodeError{std::move(reason), buffer_offset_ + at};
}

// Where the CRLF ending the line that begins at `at` starts. A CR or LF anywhere else in the
// line is an error: simple strings, errors and numbers cannot hold them.
std::optional<std::size_t> Decoder::line_end(std::size_t at) {
  for (std::size_t i = at; i < buffer_.size(); ++i) {
    if (buffer_[i] == '\n') {
      fail("a line ends with LF alone; RESP lines end with CRLF", i);
      return std::nullopt;
    }
    if (buffer_[i] != '\r') continue;
    if (i + 1 == buffer_.size()) return std::nullopt;
    if (buffer_[i + 1] != '\n') {
      fail("CR not followed by LF inside a line", i);
      return std::nullopt;
    }
    return i;
  }
  return std::nullopt;
}

// The decimal integer in [at, end), written as Redis writes it.
std::optional<std::int64_t> Decoder::read_integer(std::size_t at, std::size_t end,
                                                  const char* what) {
  const bool negative = at < end && buffer_[at] == '-';
  std::size_t i = negative ? at + 1 : at;
  if (i == end) {
    fail(std::string(what) + " has no digits", i);
    return std::nullopt;
  }
  if (buffer_[i] == '0' && (negative || i + 1 != end)) {
    fail(std::string(what) + " is not written as Redis writes it (a leading zero or -0)", i);
    return std::nullopt;
  }
  std::uint64_t magnitude = 0;
  const std::uint64_t limit =
      negative ? std::uint64_t{1} << 63 : std::uint64_t{std::numeric_limits<std::int64_t>::max()};
  for (; i < end; ++i) {
    if (!is_digit(buffer_[i])) {
      fail(std::string(what) + " has " + quoted(buffer_[i]) + " where a digit belongs", i);
      return std::nullopt;
    }
    const std::uint64_t digit = buffer_[i] - '0';
    if (magnitude > (limit - digit) / 10) {
      fail(std::string(what) + " does not fit in 64 bits", i);
      return std::nullopt;
    }
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  return magnitude == std::uint64_t{1} << 63 ? std::numeric_limits<std::int64_t>::min()
                                             : -static_cast<std::int64_t>(magnitude);
}

std::optional<std::size_t> Decoder::parse(std::size_t at, int depth, Value& out) {
  if (at >= buffer_.size()) return std::nullopt;
  const std::uint8_t type = buffer_[at];
  if (type != '+' && type != '-' && type != ':' && type != '$' && type != '*') {
    fail("a value begins with " + quoted(type) + "; RESP2 values begin with + - : $ or *", at);
    return std::nullopt;
  }
  const std::optional<std::size_t> end = line_end(at + 1);
  if (!end) return std::nullopt;
  const std::size_t after_line = *end + 2;
  if (type == '+' || type == '-') {
    std::string text(as_text(ByteView(buffer_).subspan(at + 1, *end - at - 1)));
    out = type == '+' ? Value::simple(std::move(text)) : Value::error(std::move(text));
    return after_line;
  }
  const char* what = type == ':' ? "an integer" : type == '$' ? "a bulk length" : "an array count";
  const std::optional<std::int64_t> number = read_integer(at + 1, *end, what);
  if (!number) return std::nullopt;
  if (type == ':') {
    out = Value::number(*number);
    return after_line;
  }
  if (*number < -1) {
    fail(std::string(what) + " below -1", at + 1);
    return std::nullopt;
  }
  if (type == '$' && *number > 0 && static_cast<std::uint64_t>(*number) > limits_.max_bulk_bytes) {
    fail("a bulk string of " + std::to_string(*number) + " bytes, over the limit of " +
             std::to_string(limits_.max_bulk_bytes),
         at + 1);
    return std::nullopt;
  }
  if (type == '$') return parse_bulk(after_line, *number, out);
  if (depth + 1 > limits_.max_depth) {
    fail("arrays nested deeper than " + std::to_string(limits_.max_depth), at);
    return std::nullopt;
  }
  return parse_array(after_line, *number, depth + 1, out);
}

std::optional<std::size_t> Decoder::parse_bulk(std::size_t after_line, std::int64_t length,
                                               Value& out) {
  if (length == -1) {
    out = Value::null_bulk();
    return after_line;
  }
  const auto bytes = static_cast<std::size_t>(length);
  const std::size_t data_end = after_line + bytes;
  if (buffer_.size() < data_end + 2) {
    // Only the two bytes after the data can be checked early.
    if (buffer_.size() > data_end && buffer_[data_end] != '\r') {
      fail("a bulk string is not followed by CRLF", data_end);
    }
    return std::nullopt;
  }
  if (buffer_[data_end] != '\r' || buffer_[data_end + 1] != '\n') {
    fail("a bulk string is not followed by CRLF",
         buffer_[data_end] != '\r' ? data_end : data_end + 1);
    return std::nullopt;
  }
  out = Value::bulk(std::string(as_text(ByteView(buffer_).subspan(after_line, bytes))));
  return data_end + 2;
}

std::optional<std::size_t> Decoder::parse_array(std::size_t after_line, std::int64_t count,
                                                int depth, Value& out) {
  if (count == -1) {
    out = Value::null_array();
    return after_line;
  }
  // No reserve(count): the count is untrusted, and every element costs input bytes.
  std::vector<Value> elements;
  std::size_t at = after_line;
  for (std::int64_t i = 0; i < count; ++i) {
    Value element;
    const std::optional<std::size_t> end = parse(at, depth, element);
    if (!end) return std::nullopt;
    elements.push_back(std::move(element));
    at = *end;
  }
  out = Value::array(std::move(elements));
  return at;
}

}  // namespace pushlab::sim::wire::resp
