// Every kind of error, with its exact message: the message is the user interface.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sim/scenario/load.hpp"
#include "tests/sim/scenario/scenario_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

const Json kPeriodicSource = {{"direction", "client-to-server"},
                              {"pattern", "periodic"},
                              {"interval_s", 6},
                              {"payload_bytes", 32}};

Json set(Json json, const std::string& pointer, Json value) {
  json[Json::json_pointer(pointer)] = std::move(value);
  return json;
}

Json without(Json json, const std::string& field) {
  json.erase(field);
  return json;
}

}  // namespace

TEST_CASE("an unknown field lists the known ones and suggests the nearest") {
  CHECK(error_of(set(minimal_scenario(), "/network/latncy_ms", 5)) ==
        "t.json: /network/latncy_ms: unknown field (expected one of latency_ms, jitter_ms, loss, "
        "bandwidth_kbps, tls, client_proxy_latency_ms, proxy_server_latency_ms; did you mean "
        "latency_ms?)");
  CHECK(error_of(set(minimal_scenario(), "/seeed", 1)) ==
        "t.json: /seeed: unknown field (expected one of name, title, description, duration_s, "
        "seed, transports, clients, network, proxy, http, short_poll, long_poll, websocket, sse, "
        "engine_io, traffic, cluster; did you mean seed?)");
  CHECK(error_of(set(minimal_scenario(), "/sse/retry", 5)) ==
        "t.json: /sse/retry: unknown field (expected one of retry_ms, tabs; did you mean "
        "retry_ms?)");
}

TEST_CASE("an unknown field far from every known one gets no suggestion") {
  CHECK(error_of(set(minimal_scenario(), "/proxy/colour", "red")) ==
        "t.json: /proxy/colour: unknown field (expected one of enabled, strip_upgrade, "
        "idle_timeout_s, max_request_s, buffer_bytes)");
}

TEST_CASE("a misspelt required field is reported as unknown, not as missing") {
  Json json = without(minimal_scenario(), "duration_s");
  json["duraton_s"] = 10;
  CHECK(error_of(json) ==
        "t.json: /duraton_s: unknown field (expected one of name, title, description, duration_s, "
        "seed, transports, clients, network, proxy, http, short_poll, long_poll, websocket, sse, "
        "engine_io, traffic, cluster; did you mean duration_s?)");
}

TEST_CASE("a value of the wrong type names the type expected") {
  CHECK(error_of(set(minimal_scenario(), "/duration_s", "120")) ==
        "t.json: /duration_s: \"120\" has the wrong type (expected a number)");
  CHECK(error_of(set(minimal_scenario(), "/network/tls", "yes")) ==
        "t.json: /network/tls: \"yes\" has the wrong type (expected true or false)");
  CHECK(error_of(set(minimal_scenario(), "/clients", nullptr)) ==
        "t.json: /clients: null has the wrong type (expected an integer)");
  CHECK(error_of(set(minimal_scenario(), "/title", 5)) ==
        "t.json: /title: 5 has the wrong type (expected a string)");
  CHECK(error_of(set(minimal_scenario(), "/transports", "sse")) ==
        "t.json: /transports: \"sse\" has the wrong type (expected an array)");
  CHECK(error_of(set(minimal_scenario(), "/proxy", Json::array({1, 2}))) ==
        "t.json: /proxy: [...] has the wrong type (expected an object)");
  CHECK(error_of(set(minimal_scenario(), "/traffic/0", Json::object())) ==
        "t.json: /traffic/0: missing field \"direction\" (expected in every traffic source)");
  CHECK(error_of(Json::array()) == "t.json: [] has the wrong type (expected an object)");
}

TEST_CASE("a value out of range names the range, at both ends") {
  CHECK(error_of(set(minimal_scenario(), "/network/latency_ms", -5)) ==
        "t.json: /network/latency_ms: -5 is out of range (expected a number from 0 to 60000)");
  CHECK(error_of(set(minimal_scenario(), "/network/latency_ms", 60000.5)) ==
        "t.json: /network/latency_ms: 60000.5 is out of range (expected a number from 0 to "
        "60000)");
  CHECK(error_of(set(minimal_scenario(), "/duration_s", 0)) ==
        "t.json: /duration_s: 0 is out of range (expected a number greater than 0 and at most "
        "86400)");
  CHECK(error_of(set(minimal_scenario(), "/duration_s", 86401)) ==
        "t.json: /duration_s: 86401 is out of range (expected a number greater than 0 and at "
        "most 86400)");
  CHECK(error_of(set(minimal_scenario(), "/network/loss", 1)) ==
        "t.json: /network/loss: 1 is out of range (expected a number at least 0 and less than 1)");
  CHECK(error_of(set(minimal_scenario(), "/network/loss", -0.1)) ==
        "t.json: /network/loss: -0.1 is out of range (expected a number at least 0 and less than "
        "1)");
  CHECK(error_of(set(minimal_scenario(), "/clients", 0)) ==
        "t.json: /clients: 0 is out of range (expected an integer from 1 to 1000000)");
  CHECK(error_of(set(minimal_scenario(), "/clients", 1000001)) ==
        "t.json: /clients: 1000001 is out of range (expected an integer from 1 to 1000000)");
  CHECK(error_of(set(minimal_scenario(), "/seed", -1)) ==
        "t.json: /seed: -1 is out of range (expected an integer from 0 to 18446744073709551615)");
  CHECK(error_of(set(minimal_scenario(), "/sse/retry_ms", 3600001)) ==
        "t.json: /sse/retry_ms: 3600001 is out of range (expected a number from 0 to 3600000)");
  CHECK(error_of(set(minimal_scenario(), "/sse/tabs", 0)) ==
        "t.json: /sse/tabs: 0 is out of range (expected an integer from 1 to 64)");
  CHECK(error_of(set(minimal_scenario(), "/sse/tabs", 65)) ==
        "t.json: /sse/tabs: 65 is out of range (expected an integer from 1 to 64)");
  CHECK(error_of(set(minimal_scenario(), "/short_poll/interval_s", 0)) ==
        "t.json: /short_poll/interval_s: 0 is out of range (expected a number from 0.001 to "
        "86400)");
  CHECK(error_of(set(minimal_scenario(), "/proxy/buffer_bytes", 16777217)) ==
        "t.json: /proxy/buffer_bytes: 16777217 is out of range (expected an integer from 0 to "
        "16777216, 0 for no buffering)");
}

TEST_CASE("a ping interval is 0 or at least a millisecond") {
  CHECK(error_of(set(minimal_scenario(), "/websocket/ping_interval_s", 0.0001)) ==
        "t.json: /websocket/ping_interval_s: 0.0001 is out of range (expected 0 for no pings, or "
        "a number from 0.001 to 86400)");
}

TEST_CASE("a value that rounds to the excluded minimum is out of range") {
  CHECK(error_of(set(minimal_scenario(), "/duration_s", 0.0000000001)) ==
        "t.json: /duration_s: 1e-10 is out of range (expected a number greater than 0 and at "
        "most 86400)");
}

TEST_CASE("a missing required field is named, at the root and in a traffic source") {
  CHECK(error_of(without(minimal_scenario(), "name")) ==
        "t.json: missing field \"name\" (expected in every scenario)");
  CHECK(error_of(without(minimal_scenario(), "traffic")) ==
        "t.json: missing field \"traffic\" (expected in every scenario)");
  Json periodic = kPeriodicSource;
  periodic.erase("interval_s");
  CHECK(error_of(with_source(with_source(minimal_scenario(), kPeriodicSource), periodic)) ==
        "t.json: /traffic/1: missing field \"interval_s\" (expected for pattern \"periodic\")");
  CHECK(error_of(with_source(
            minimal_scenario(),
            {{"direction", "server-to-client"}, {"pattern", "poisson"}, {"payload_bytes", 1}})) ==
        "t.json: /traffic/0: missing field \"rate_per_s\" (expected for pattern \"poisson\")");
}

TEST_CASE("a field of another pattern is named as such") {
  Json source = kPeriodicSource;
  source["rate_per_s"] = 1;
  CHECK(error_of(with_source(minimal_scenario(), source)) ==
        "t.json: /traffic/0/rate_per_s: field not used for pattern \"periodic\" (expected only "
        "direction, pattern, interval_s, start_s, payload_bytes, audience, room_size)");
}

TEST_CASE("a name outside a list of choices lists them") {
  CHECK(error_of(set(minimal_scenario(), "/transports",
                     Json::array({"short-poll", "long-poll", "web-socket"}))) ==
        "t.json: /transports/2: \"web-socket\" is not a transport (expected one of short-poll, "
        "long-poll, websocket, sse, engine.io)");
  CHECK(error_of(
            set(with_source(minimal_scenario(), kPeriodicSource), "/traffic/0/direction", "up")) ==
        "t.json: /traffic/0/direction: \"up\" is not a direction (expected one of "
        "server-to-client, client-to-server)");
  CHECK(error_of(
            set(with_source(minimal_scenario(), kPeriodicSource), "/traffic/0/pattern", "burst")) ==
        "t.json: /traffic/0/pattern: \"burst\" is not a pattern (expected one of poisson, "
        "periodic, at)");
}

TEST_CASE("transports must be a non-empty list without repeats") {
  CHECK(
      error_of(set(minimal_scenario(), "/transports", Json::array({"sse", "websocket", "sse"}))) ==
      "t.json: /transports/2: \"sse\" is listed twice (expected each lane once; a second lane "
      "of a transport needs an \"id\" of its own)");
  const Json same_id = {{"id", "websocket"}, {"transport", "sse"}};
  CHECK(error_of(set(minimal_scenario(), "/transports", Json::array({"websocket", same_id}))) ==
        "t.json: /transports/1: \"websocket\" is listed twice (expected each lane once; a second "
        "lane of a transport needs an \"id\" of its own)");
  CHECK(error_of(set(minimal_scenario(), "/transports",
                     Json::array({{{"id", "Blocked Lane"}, {"transport", "sse"}}}))) ==
        "t.json: /transports/0/id: \"Blocked Lane\" is not a valid lane id (expected 1 to 64 of "
        "a-z, 0-9 and '-')");
  CHECK(error_of(set(minimal_scenario(), "/transports", Json::array({{{"id", "sse-2"}}}))) ==
        "t.json: /transports/0: missing field \"transport\" (expected in every lane)");
  CHECK(error_of(set(minimal_scenario(), "/transports", Json::array())) ==
        "t.json: /transports: [] is empty (expected at least one of short-poll, long-poll, "
        "websocket, sse, engine.io)");
}

TEST_CASE("an integer field refuses a fraction") {
  CHECK(error_of(set(minimal_scenario(), "/seed", 1.5)) ==
        "t.json: /seed: 1.5 is not a whole number (expected an integer from 0 to "
        "18446744073709551615)");
  CHECK(error_of(set(with_source(minimal_scenario(), kPeriodicSource), "/traffic/0/payload_bytes",
                     0.5)) ==
        "t.json: /traffic/0/payload_bytes: 0.5 is not a whole number (expected an integer from 0 "
        "to 16777216)");
  CHECK(error_of(set(minimal_scenario(), "/sse/tabs", 1.5)) ==
        "t.json: /sse/tabs: 1.5 is not a whole number (expected an integer from 1 to 64)");
}

TEST_CASE("times must fall within the scenario's duration") {
  const Json at = {{"direction", "server-to-client"},
                   {"pattern", "at"},
                   {"times_s", {1, 10.5}},
                   {"payload_bytes", 20}};
  CHECK(error_of(with_source(minimal_scenario(), at)) ==
        "t.json: /traffic/0/times_s/1: 10.5 is out of range (expected a number from 0 to 10, the "
        "scenario's duration_s)");
  CHECK(error_of(set(with_source(minimal_scenario(), at), "/traffic/0/times_s/0", -1)) ==
        "t.json: /traffic/0/times_s/0: -1 is out of range (expected a number from 0 to 86400)");
  CHECK(error_of(set(with_source(minimal_scenario(), at), "/traffic/0/times_s", Json::array())) ==
        "t.json: /traffic/0/times_s: [] is empty (expected at least one time in seconds)");
  CHECK(error_of(set(with_source(minimal_scenario(), kPeriodicSource), "/traffic/0/start_s", 11)) ==
        "t.json: /traffic/0/start_s: 11 is out of range (expected a number from 0 to 10, the "
        "scenario's duration_s)");
}

TEST_CASE("the name must be a slug") {
  CHECK(error_of(set(minimal_scenario(), "/name", "Chat Room")) ==
        "t.json: /name: \"Chat Room\" is not a valid name (expected 1 to 64 of a-z, 0-9 and '-', "
        "like \"chat-behind-proxy\")");
  CHECK(error_of(set(minimal_scenario(), "/name", "")) ==
        "t.json: /name: \"\" is not a valid name (expected 1 to 64 of a-z, 0-9 and '-', like "
        "\"chat-behind-proxy\")");
  CHECK(error_of(set(minimal_scenario(), "/name", "chat-2")) == "no error");
}

TEST_CASE("header names must be HTTP tokens") {
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/Bad Name", "x")) ==
        "t.json: /http/request_headers/Bad Name: \"Bad Name\" is not a valid header name "
        "(expected an HTTP token: letters, digits and !#$%&'*+-.^_`|~)");
  CHECK(error_of(set(minimal_scenario(), "/http/response_headers/X:Y", "x")) ==
        "t.json: /http/response_headers/X:Y: \"X:Y\" is not a valid header name (expected an HTTP "
        "token: letters, digits and !#$%&'*+-.^_`|~)");
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/a~1b", "x")) ==
        "t.json: /http/request_headers/a~1b: \"a/b\" is not a valid header name (expected an "
        "HTTP token: letters, digits and !#$%&'*+-.^_`|~)");
  Json empty_name = minimal_scenario();
  empty_name["http"]["request_headers"][""] = "x";
  CHECK(error_of(empty_name) ==
        "t.json: /http/request_headers/: \"\" is not a valid header name (expected an HTTP token: "
        "letters, digits and !#$%&'*+-.^_`|~)");
}

TEST_CASE("a field that contradicts the simulator's framing is refused, saying why") {
  const auto refused = [](std::string_view side, std::string_view name, std::string_view value) {
    return error_of(set(minimal_scenario(), "/http/" + std::string(side) + "/" + std::string(name),
                        std::string(value)));
  };
  CHECK(refused("request_headers", "content-length", "5") ==
        "t.json: /http/request_headers/content-length: \"content-length\": \"5\" cannot be set "
        "by a scenario: the simulator writes each body's own length, and one value for every "
        "message would contradict all the others");
  CHECK(refused("response_headers", "Transfer-Encoding", "gzip") ==
        "t.json: /http/response_headers/Transfer-Encoding: \"Transfer-Encoding\": \"gzip\" "
        "cannot be set by a scenario: the simulator frames each body itself: Content-Length on a "
        "whole body, chunked on an event stream");
  CHECK(refused("request_headers", "Upgrade", "websocket") ==
        "t.json: /http/request_headers/Upgrade: \"Upgrade\": \"websocket\" cannot be set by a "
        "scenario: it asks to switch protocols: the simulator writes it on the WebSocket "
        "handshake only, and on a poll it would turn the poll into a handshake");
  CHECK(refused("request_headers", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==") ==
        "t.json: /http/request_headers/Sec-WebSocket-Key: \"Sec-WebSocket-Key\": "
        "\"dGhlIHNhbXBsZSBub25jZQ==\" cannot be set by a scenario: the browser makes a fresh "
        "random key for each handshake (RFC 6455 section 4.1), and the simulator does the same");
  CHECK(refused("request_headers", "Connection", "close") ==
        "t.json: /http/request_headers/Connection: \"Connection\": \"close\" cannot be set by a "
        "scenario: close would end each connection after one response, and the simulator keeps "
        "connections open for the next request, as HTTP/1.1 does (expected keep-alive)");
  CHECK(refused("request_headers", "Connection", "keep-alive, Upgrade")
            .find("Upgrade belongs to the WebSocket handshake") != std::string::npos);
  CHECK(refused("request_headers", "Host", "two words")
            .find("it names the server the browser asks, as a host and an optional port") !=
        std::string::npos);
  CHECK(refused("request_headers", "Host", "example.com:99999").find("cannot be set") !=
        std::string::npos);
  CHECK(refused("request_headers", "Sec-WebSocket-Version", "8").find("(expected 13)") !=
        std::string::npos);
  CHECK(refused("request_headers", "Last-Event-ID", "4").find("resumes an event stream") !=
        std::string::npos);
  CHECK(refused("response_headers", "Content-Encoding", "gzip").find("not compressed") !=
        std::string::npos);
  CHECK(refused("response_headers", "Sec-WebSocket-Protocol", "chat").find("did not offer") !=
        std::string::npos);
}

TEST_CASE("a field the simulator writes is accepted when it agrees, and others are kept") {
  for (const auto& field : {std::pair{"Keep-Alive", "300"},
                            {"Connection", "keep-alive"},
                            {"Host", "localhost:8080"},
                            {"Host", "[::1]:8080"},
                            {"Host", "pushlab.example"},
                            {"Sec-WebSocket-Version", "13"},
                            {"TE", "trailers"},
                            {"Accept", "*/*"},
                            {"Sec-WebSocket-Extensions", "permessage-deflate"}}) {
    CAPTURE(field.first);
    CHECK(error_of(set(minimal_scenario(), "/http/request_headers/" + std::string(field.first),
                       field.second)) == "no error");
  }
  CHECK(error_of(set(minimal_scenario(), "/http/response_headers/Keep-Alive", "timeout=5")) ==
        "no error");
  CHECK(error_of(set(minimal_scenario(), "/http/response_headers/Content-Type",
                     "application/json")) == "no error");
}

TEST_CASE("a field given twice, in any case, is refused") {
  Json twice = minimal_scenario();
  twice["http"]["request_headers"]["Cookie"] = "a=1";
  twice["http"]["request_headers"]["cookie"] = "b=2";
  CHECK(error_of(twice) ==
        "t.json: /http/request_headers/cookie: \"cookie\" is given twice, as \"Cookie\" before "
        "(expected each field once)");
}

TEST_CASE("header values must not break the message") {
  const std::string expected =
      " is not a valid header value (expected no CR, LF or NUL, and no "
      "space or tab at either end)";
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/X-A", "a\r\nInjected: 1")) ==
        "t.json: /http/request_headers/X-A: \"a\\r\\nInjected: 1\"" + expected);
  CHECK(error_of(set(minimal_scenario(), "/http/response_headers/X-A", "a\nb")) ==
        "t.json: /http/response_headers/X-A: \"a\\nb\"" + expected);
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/X-A", std::string("a\0b", 3))) ==
        "t.json: /http/request_headers/X-A: \"a\\u0000b\"" + expected);
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/X-A", " padded")) ==
        "t.json: /http/request_headers/X-A: \" padded\"" + expected);
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/X-A", 5)) ==
        "t.json: /http/request_headers/X-A: 5 has the wrong type (expected a string)");
  CHECK(error_of(set(minimal_scenario(), "/http/request_headers/X-A", "inner  spaces ok")) ==
        "no error");
}

TEST_CASE("long strings are cut short in messages") {
  const std::string long_name(100, 'x');
  CHECK(error_of(set(minimal_scenario(), "/transports/0", long_name)) ==
        "t.json: /transports/0: \"" + std::string(40, 'x') +
            "...\" is not a transport (expected one of short-poll, long-poll, websocket, sse, "
            "engine.io)");
}

TEST_CASE("a repeated key is an error, not a silent overwrite") {
  CHECK(error_of_text(R"({"name": "t", "duration_s": 1, "transports": ["sse"], "traffic": [],
                          "network": {"latency_ms": 10, "latency_ms": 20}})") ==
        "t.json: /network/latency_ms: duplicate field (expected each field once per object)");
  CHECK(error_of_text(R"({"name": "t", "duration_s": 1, "transports": ["sse"], "traffic": [
      {"direction": "client-to-server", "pattern": "at", "times_s": [0], "payload_bytes": 1},
      {"direction": "client-to-server", "pattern": "at", "times_s": [0], "payload_bytes": 1,
       "payload_bytes": 2}]})") ==
        "t.json: /traffic/1/payload_bytes: duplicate field (expected each field once per object)");
  CHECK(error_of_text(R"({"name": "t", "name": "u"})") ==
        "t.json: /name: duplicate field (expected each field once per object)");
}

TEST_CASE("a syntax error names the line and column") {
  CHECK(error_of_text("{\n  \"name\": \"t\",\n  oops\n}") ==
        "t.json: line 3, column 3: syntax error while parsing object key - invalid literal; last "
        "read: '\"t\",<U+000A>  o'; expected string literal");
  CHECK(error_of_text("{\"name\": \"t\"") ==
        "t.json: line 1, column 13: syntax error while parsing object - unexpected end of input; "
        "expected '}'");
  CHECK(error_of_text("") ==
        "t.json: line 1, column 1: syntax error while parsing value - unexpected end of input; "
        "expected '[', '{', or a literal");

  try {
    parse_scenario_text("[1,\n 2,,]", "t.json");
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& error) {
    REQUIRE(error.position().has_value());
    CHECK(*error.position() == TextPosition{2, 4});
    CHECK(error.pointer().empty());
  }
}

TEST_CASE("a number too large for a double is an error, not infinity") {
  CHECK(error_of_text(R"({"duration_s": 1e400})") == "t.json: number overflow parsing '1e400'");
}

TEST_CASE("the parts of an error stay available apart from the message") {
  try {
    parse_scenario(set(minimal_scenario(), "/network/latency_ms", -5), "scenarios/chat.json");
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& error) {
    CHECK(error.source() == "scenarios/chat.json");
    CHECK(error.pointer() == "/network/latency_ms");
    CHECK(error.reason() == "-5 is out of range (expected a number from 0 to 60000)");
    CHECK_FALSE(error.position().has_value());
    CHECK(std::string(error.what()) ==
          "scenarios/chat.json: /network/latency_ms: -5 is out of range (expected a number from 0 "
          "to 60000)");
  }
}

TEST_CASE("a file that is missing or is not a file says so") {
  const auto directory = std::filesystem::temp_directory_path() / "pushlab_scenario_errors_test";
  std::filesystem::create_directories(directory);
  const auto missing = directory / "missing.json";
  CHECK_THROWS_WITH_AS(load_scenario_file(missing), (missing.string() + ": file not found").c_str(),
                       ScenarioError);
  CHECK_THROWS_WITH_AS(load_scenario_file(directory),
                       (directory.string() + ": is a directory, not a file").c_str(),
                       ScenarioError);

  const auto broken = directory / "broken.json";
  std::ofstream(broken) << "{\n\"name\": }";
  CHECK_THROWS_WITH_AS(
      load_scenario_file(broken),
      (broken.string() + ": line 2, column 9: syntax error while parsing value - unexpected '}'; "
                         "expected '[', '{', or a literal")
          .c_str(),
      ScenarioError);
  std::filesystem::remove_all(directory);
}

TEST_CASE("a file that never ends is refused once it passes the size limit") {
  CHECK_THROWS_WITH_AS(load_scenario_file("/dev/zero"),
                       "/dev/zero: file too large (expected at most 67108864 bytes)",
                       ScenarioError);
}
