#pragma once
// A RESP2 value, the protocol Redis speaks
// (https://redis.io/docs/latest/develop/reference/protocol-spec/): what a client sends (an array of
// bulk strings) and everything a server answers.
//
//   Value::array({Value::bulk("PUBLISH"), Value::bulk("room"), Value::bulk("hi")})
//     encodes as *3\r\n$7\r\nPUBLISH\r\n$4\r\nroom\r\n$2\r\nhi\r\n

#include <cstdint>
#include <string>
#include <vector>

namespace pushlab::sim::wire::resp {

enum class Type {
  simple_string,  // +OK\r\n
  error,          // -ERR unknown command\r\n
  integer,        // :3\r\n
  bulk_string,    // $5\r\nhello\r\n
  array,          // *2\r\n...two values...
  null_bulk,      // $-1\r\n: a missing key
  null_array,     // *-1\r\n: a blocking read that timed out
};

struct Value {
  Type type = Type::null_bulk;
  std::string text;             // a simple string's, an error's or a bulk string's bytes
  std::int64_t integer = 0;     // an integer's value
  std::vector<Value> elements;  // an array's values

  static Value simple(std::string text) { return {Type::simple_string, std::move(text), 0, {}}; }
  static Value error(std::string text) { return {Type::error, std::move(text), 0, {}}; }
  static Value number(std::int64_t value) { return {Type::integer, {}, value, {}}; }
  static Value bulk(std::string bytes) { return {Type::bulk_string, std::move(bytes), 0, {}}; }
  static Value array(std::vector<Value> elements) {
    return {Type::array, {}, 0, std::move(elements)};
  }
  static Value null_bulk() { return {Type::null_bulk, {}, 0, {}}; }
  static Value null_array() { return {Type::null_array, {}, 0, {}}; }

  friend bool operator==(const Value&, const Value&) = default;
};

}  // namespace pushlab::sim::wire::resp
