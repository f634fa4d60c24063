// Our RESP codec against hiredis, the C client Redis ships with: a command we write is byte for
// byte what hiredis's formatter writes, every value we encode reads back in hiredis's reader as
// the same value, and what hiredis writes our decoder reads.

#include <hiredis/hiredis.h>

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/wire/resp/decoder.hpp"
#include "sim/wire/resp/encode.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::resp;

namespace {

std::string hiredis_command(const std::vector<std::string_view>& arguments) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const std::string_view argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  char* target = nullptr;
  const long long length =
      redisFormatCommandArgv(&target, static_cast<int>(argv.size()), argv.data(), lengths.data());
  REQUIRE(length > 0);
  std::string bytes(target, static_cast<std::size_t>(length));
  redisFreeCommand(target);
  return bytes;
}

// hiredis's reading of a reply, in our terms (it reads a null array as nil, as RESP2 allows).
Value from_hiredis(const redisReply& reply) {
  switch (reply.type) {
    case REDIS_REPLY_STATUS:
      return Value::simple(std::string(reply.str, reply.len));
    case REDIS_REPLY_ERROR:
      return Value::error(std::string(reply.str, reply.len));
    case REDIS_REPLY_INTEGER:
      return Value::number(reply.integer);
    case REDIS_REPLY_STRING:
      return Value::bulk(std::string(reply.str, reply.len));
    case REDIS_REPLY_NIL:
      return Value::null_bulk();
    default: {
      std::vector<Value> elements;
      for (std::size_t i = 0; i < reply.elements; ++i) {
        elements.push_back(from_hiredis(*reply.element[i]));
      }
      return Value::array(std::move(elements));
    }
  }
}

Value read_with_hiredis(const Bytes& bytes) {
  std::unique_ptr<redisReader, decltype(&redisReaderFree)> reader(redisReaderCreate(),
                                                                  &redisReaderFree);
  REQUIRE(redisReaderFeed(reader.get(), reinterpret_cast<const char*>(bytes.data()),
                          bytes.size()) == REDIS_OK);
  void* reply = nullptr;
  REQUIRE(redisReaderGetReply(reader.get(), &reply) == REDIS_OK);
  REQUIRE(reply != nullptr);
  const Value value = from_hiredis(*static_cast<redisReply*>(reply));
  freeReplyObject(reply);
  return value;
}

Value read_with_ours(std::string_view bytes) {
  Decoder decoder;
  decoder.feed(to_bytes(bytes));
  REQUIRE_FALSE(decoder.error().has_value());
  auto value = decoder.next();
  REQUIRE(value.has_value());
  CHECK(value->size == bytes.size());
  return value->value;
}

}  // namespace

TEST_CASE("our commands are hiredis's bytes (redisFormatCommandArgv)") {
  const std::vector<std::vector<std::string_view>> commands = {
      {"PING"},
      {"SUBSCRIBE", "pushlab"},
      {"PUBLISH", "pushlab", "{\"client\":3,\"id\":17}"},
      {"XADD", "pushlab", "*", "data", "hello"},
      {"XREAD", "BLOCK", "0", "STREAMS", "pushlab", "1700000000000-0"},
      {"SET", "empty", ""},
      {"ECHO", std::string_view("cr\r\nlf\0nul", 10)},
  };
  for (const auto& arguments : commands) {
    CAPTURE(arguments[0]);
    const Bytes ours = command(std::span<const std::string_view>(arguments));
    const std::string theirs = hiredis_command(arguments);
    CHECK(as_text(ours) == theirs);
    CHECK(read_with_ours(theirs) == read_with_hiredis(ours));
  }
}

TEST_CASE("a command hiredis formats from a printf-like format reads back as its arguments") {
  char* target = nullptr;
  const int length = redisFormatCommand(&target, "PUBLISH %s %b", "room", "a\r\nb", 4ul);
  REQUIRE(length > 0);
  const std::string theirs(target, static_cast<std::size_t>(length));
  redisFreeCommand(target);
  CHECK(read_with_ours(theirs) ==
        Value::array({Value::bulk("PUBLISH"), Value::bulk("room"), Value::bulk("a\r\nb")}));
}

TEST_CASE("every value we encode reads back in hiredis's reader as itself") {
  const Value entry =
      Value::array({Value::bulk("1-0"), Value::array({Value::bulk("data"), Value::bulk("hi")})});
  const std::vector<Value> values = {
      Value::simple("OK"),
      Value::error("ERR wrong number of arguments for 'publish' command"),
      Value::number(0),
      Value::number(-9223372036854775807 - 1),
      Value::bulk(""),
      Value::bulk(std::string("bin\0ary\r\n", 9)),
      Value::null_bulk(),
      Value::array({Value::bulk("message"), Value::bulk("room"), Value::bulk("hi")}),
      Value::array({Value::bulk("subscribe"), Value::bulk("room"), Value::number(1)}),
      Value::array({Value::array({Value::bulk("room"), Value::array({entry})})}),
  };
  for (const Value& value : values) {
    const Bytes bytes = encode(value);
    CAPTURE(as_text(bytes));
    CHECK(read_with_hiredis(bytes) == value);
    CHECK(read_with_ours(as_text(bytes)) == value);
  }
}
