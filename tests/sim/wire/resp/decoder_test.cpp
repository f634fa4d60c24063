#include "sim/wire/resp/decoder.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "sim/wire/resp/encode.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::resp;

namespace {

struct Decoded {
  std::vector<DecodedValue> values;
  std::optional<DecodeError> error;
};

Decoded decode_all(std::string_view text, std::size_t piece = 0, bool finish = true) {
  Decoder decoder;
  const Bytes bytes = to_bytes(text);
  if (piece == 0) piece = bytes.size() + 1;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    decoder.feed(ByteView(bytes).subspan(at, std::min(piece, bytes.size() - at)));
  }
  if (finish) decoder.finish();
  Decoded out{{}, decoder.error()};
  while (auto value = decoder.next()) out.values.push_back(std::move(*value));
  return out;
}

std::string error_of(std::string_view text) {
  const Decoded decoded = decode_all(text);
  REQUIRE(decoded.error.has_value());
  return decoded.error->reason + " @" + std::to_string(decoded.error->offset);
}

}  // namespace

TEST_CASE("the decoder reads each type back, with its offset and size") {
  const std::string stream =
      "+OK\r\n-ERR no\r\n:-7\r\n$5\r\nhello\r\n$-1\r\n*-1\r\n*2\r\n$1\r\na\r\n:1\r\n";
  const Decoded decoded = decode_all(stream);
  CHECK_FALSE(decoded.error.has_value());
  REQUIRE(decoded.values.size() == 7);
  CHECK(decoded.values[0].value == Value::simple("OK"));
  CHECK(decoded.values[1].value == Value::error("ERR no"));
  CHECK(decoded.values[2].value == Value::number(-7));
  CHECK(decoded.values[3].value == Value::bulk("hello"));
  CHECK(decoded.values[4].value == Value::null_bulk());
  CHECK(decoded.values[5].value == Value::null_array());
  CHECK(decoded.values[6].value == Value::array({Value::bulk("a"), Value::number(1)}));
  CHECK(decoded.values[3].offset == 19);
  CHECK(decoded.values[3].size == 11);
  std::uint64_t end = 0;
  for (const DecodedValue& value : decoded.values) {
    CHECK(value.offset == end);
    CHECK(as_text(encode(value.value)) ==
          std::string_view(stream).substr(value.offset, value.size));
    end = value.offset + value.size;
  }
  CHECK(end == stream.size());
}

TEST_CASE("any split of the stream gives the same values") {
  const Bytes bytes = command({"XADD", "room", "*", "data", "a\r\nb"});
  const std::string text(as_text(bytes));
  const Decoded whole = decode_all(text);
  REQUIRE(whole.values.size() == 1);
  for (std::size_t piece = 1; piece < text.size(); ++piece) {
    const Decoded split = decode_all(text, piece);
    REQUIRE(split.values.size() == 1);
    CHECK(split.values[0].value == whole.values[0].value);
  }
}

TEST_CASE("a value waits for its last byte, and finish() calls a cut one truncated") {
  CHECK(decode_all("$5\r\nhel", 0, false).values.empty());
  CHECK_FALSE(decode_all("$5\r\nhel", 0, false).error.has_value());
  CHECK(error_of("$5\r\nhel") ==
        "truncated value: the input ends inside the value that begins at offset 0 @7");
  CHECK(error_of("+OK\r\n*2\r\n:1\r\n") ==
        "truncated value: the input ends inside the value that begins at offset 5 @13");
}

TEST_CASE("broken bytes are named, with the offset of the first bad one") {
  CHECK(error_of("PING\r\n") == "a value begins with 'P'; RESP2 values begin with + - : $ or * @0");
  CHECK(error_of("+OK\n") == "a line ends with LF alone; RESP lines end with CRLF @3");
  CHECK(error_of("+O\rK\r\n") == "CR not followed by LF inside a line @2");
  CHECK(error_of(":\r\n") == "an integer has no digits @1");
  CHECK(error_of(":012\r\n") ==
        "an integer is not written as Redis writes it (a leading zero or -0) @1");
  CHECK(error_of(":-0\r\n") ==
        "an integer is not written as Redis writes it (a leading zero or -0) @2");
  CHECK(error_of(":+1\r\n") == "an integer has '+' where a digit belongs @1");
  CHECK(error_of(":9223372036854775808\r\n") == "an integer does not fit in 64 bits @19");
  CHECK(error_of("$-2\r\n") == "a bulk length below -1 @1");
  CHECK(error_of("*-5\r\n") == "an array count below -1 @1");
  CHECK(error_of("$2\r\nabc\r\n") == "a bulk string is not followed by CRLF @6");
  CHECK(error_of("$2\r\nab\rx") == "a bulk string is not followed by CRLF @7");
  CHECK(error_of("$1x\r\n") == "a bulk length has 'x' where a digit belongs @2");
  CHECK(error_of("?\r\n") == "a value begins with '?'; RESP2 values begin with + - : $ or * @0");
}

TEST_CASE("the extreme integers are read exactly") {
  CHECK(decode_all(":9223372036854775807\r\n").values.at(0).value ==
        Value::number(9223372036854775807));
  CHECK(decode_all(":-9223372036854775808\r\n").values.at(0).value ==
        Value::number(std::numeric_limits<std::int64_t>::min()));
}

TEST_CASE("limits: bulk length and nesting depth") {
  Decoder small({.max_bulk_bytes = 4, .max_depth = 2});
  small.feed(to_bytes("$5\r\n"));
  REQUIRE(small.error().has_value());
  CHECK(small.error()->reason == "a bulk string of 5 bytes, over the limit of 4");
  CHECK(small.error()->offset == 1);

  Decoder shallow({.max_bulk_bytes = 4, .max_depth = 2});
  shallow.feed(to_bytes("*1\r\n*1\r\n:1\r\n"));
  CHECK_FALSE(shallow.error().has_value());
  shallow.feed(to_bytes("*1\r\n*1\r\n*1\r\n:1\r\n"));
  REQUIRE(shallow.error().has_value());
  CHECK(shallow.error()->reason == "arrays nested deeper than 2");
  CHECK(shallow.error()->offset == 20);
}

TEST_CASE("after an error the decoder reads nothing more, but keeps what came before") {
  Decoder decoder;
  decoder.feed(to_bytes("+OK\r\n!"));
  decoder.feed(to_bytes("+MORE\r\n"));
  CHECK(decoder.error().has_value());
  CHECK(decoder.next()->value == Value::simple("OK"));
  CHECK_FALSE(decoder.next().has_value());
}
