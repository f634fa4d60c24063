#include "sim/wire/resp/encode.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::resp;

TEST_CASE("a command is an array of bulk strings") {
  CHECK(as_text(command({"PUBLISH", "room", "hi"})) ==
        "*3\r\n$7\r\nPUBLISH\r\n$4\r\nroom\r\n$2\r\nhi\r\n");
  CHECK(as_text(command({"PING"})) == "*1\r\n$4\r\nPING\r\n");
  CHECK(as_text(command({"SET", "k", ""})) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n");
}

TEST_CASE("a bulk string carries any bytes, CR and LF included, by its length") {
  CHECK(as_text(command({"ECHO", std::string_view("a\r\nb\0c", 6)})) ==
        std::string_view("*2\r\n$4\r\nECHO\r\n$6\r\na\r\nb\0c\r\n", 26));
}

TEST_CASE("every reply type as Redis writes it") {
  CHECK(as_text(encode(Value::simple("OK"))) == "+OK\r\n");
  CHECK(as_text(encode(Value::error("ERR unknown command 'FOO'"))) ==
        "-ERR unknown command 'FOO'\r\n");
  CHECK(as_text(encode(Value::number(3))) == ":3\r\n");
  CHECK(as_text(encode(Value::number(-42))) == ":-42\r\n");
  CHECK(as_text(encode(Value::bulk("hello"))) == "$5\r\nhello\r\n");
  CHECK(as_text(encode(Value::null_bulk())) == "$-1\r\n");
  CHECK(as_text(encode(Value::null_array())) == "*-1\r\n");
  CHECK(as_text(encode(Value::array({}))) == "*0\r\n");
}

TEST_CASE("a pub/sub message as a subscriber receives it") {
  const Value message =
      Value::array({Value::bulk("message"), Value::bulk("room"), Value::bulk("hi")});
  CHECK(as_text(encode(message)) == "*3\r\n$7\r\nmessage\r\n$4\r\nroom\r\n$2\r\nhi\r\n");
}

TEST_CASE("arrays nest: an XREAD reply") {
  // [[stream, [[id, [field, value]]]]]
  const Value entry =
      Value::array({Value::bulk("1-0"), Value::array({Value::bulk("data"), Value::bulk("hi")})});
  const Value reply = Value::array({Value::array({Value::bulk("room"), Value::array({entry})})});
  CHECK(as_text(encode(reply)) ==
        "*1\r\n*2\r\n$4\r\nroom\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$4\r\ndata\r\n$2\r\nhi\r\n");
}
