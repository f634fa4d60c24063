#pragma once
// Reads RESP2 values from bytes as they arrive, in either direction (commands are arrays of
// bulk strings). Strict: every line ends in CRLF, integers and lengths are written the one way
// Redis writes them (no sign but a leading '-', no leading zeros, no "-0"), a bulk string is
// followed by CRLF, and nothing nests deeper than hiredis's reader allows. The first broken
// rule stops it with the offending byte's offset.

#include <cstdint>
#include <deque>
#include <optional>

#include "sim/wire/bytes.hpp"
#include "sim/wire/decode_error.hpp"
#include "sim/wire/resp/value.hpp"

namespace pushlab::sim::wire::resp {

struct DecoderLimits {
  std::uint64_t max_bulk_bytes = 512ULL << 20;  // Redis's proto-max-bulk-len default
  int max_depth =
      7;  // arrays inside arrays: hiredis refuses "nested multi bulk replies with depth > 7"
};

struct DecodedValue {
  Value value;
  std::uint64_t offset = 0;  // index of its first byte in everything fed
  std::uint64_t size = 0;    // its bytes are [offset, offset + size)
};

class Decoder {
 public:
  explicit Decoder(DecoderLimits limits = {}) : limits_(limits) {}

  // Any split of the stream gives the same values and the same error.
  void feed(ByteView bytes);

  // End of input: a partly received value becomes an error.
  void finish();

  std::optional<DecodedValue> next();

  const std::optional<DecodeError>& error() const { return error_; }

 private:
  // Parses the value that begins at `at` in the buffer into `out`: its end, or nullopt when
  // more bytes are needed or on error.
  std::optional<std::size_t> parse(std::size_t at, int depth, Value& out);
  std::optional<std::size_t> line_end(std::size_t at);
  std::optional<std::int64_t> read_integer(std::size_t at, std::size_t end, const char* what);
  std::optional<std::size_t> parse_bulk(std::size_t after_line, std::int64_t length, Value& out);
  std::optional<std::size_t> parse_array(std::size_t after_line, std::int64_t count, int depth,
                                         Value& out);
  void fail(std::string reason, std::size_t at);

  DecoderLimits limits_;
  Bytes buffer_;  // received; bytes before read_position_ are decoded
  std::size_t read_position_ = 0;
  std::uint64_t buffer_offset_ = 0;  // stream offset of buffer_[0]
  std::deque<DecodedValue> ready_;
  std::optional<DecodeError> error_;
};

}  // namespace pushlab::sim::wire::resp
