#include <doctest/doctest.h>

#include <string>

#include "sim/json/parse.hpp"
#include "sim/trace/trace_json.hpp"
#include "tests/sim/trace/trace_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

using Json = nlohmann::ordered_json;

// small_trace's JSON: frame 0 is the lost ACK (0 to 1), frame 1 the text frame (1 to 0), both on
// connection 0; message 0 is delivered.
Json small_json() {
  return to_json(small_trace());
}

Json set(Json json, const std::string& pointer, Json value) {
  json[Json::json_pointer(pointer)] = std::move(value);
  return json;
}

Json erase(Json json, const std::string& pointer) {
  const Json::json_pointer at(pointer);
  json[at.parent_pointer()].erase(at.back());
  return json;
}

std::string error_of(const Json& json) {
  try {
    trace_from_json(json, "t.json");
  } catch (const json::InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a file that is not a trace of this version says so before anything else") {
  CHECK(error_of(set(small_json(), "/format", "pushlab-scenario")) ==
        "t.json: /format: \"pushlab-scenario\" is not a PushLab trace (expected "
        "\"pushlab-trace\")");
  CHECK(error_of(set(small_json(), "/version", 2)) ==
        "t.json: /version: 2 is not a version this PushLab reads (expected 1)");
  CHECK(error_of(set(small_json(), "/version", "1")) ==
        "t.json: /version: \"1\" has the wrong type (expected an integer)");
  // A scenario file given by mistake: its fields are unknown, but the format names the mistake.
  CHECK(error_of({{"name", "chat"}, {"duration_s", 10}}) ==
        "t.json: missing field \"format\" (expected it in every trace)");
  CHECK(error_of(erase(small_json(), "/version")) ==
        "t.json: missing field \"version\" (expected it in every trace)");
  CHECK(error_of(Json::array()) == "t.json: [] has the wrong type (expected an object)");
}

TEST_CASE("an unknown field lists the known ones and suggests the nearest") {
  CHECK(error_of(set(small_json(), "/lanes/0/frames/0/sent", 5)) ==
        "t.json: /lanes/0/frames/0/sent: unknown field (expected one of from, to, connection, "
        "sent_ns, received_ns, layer, kind, setup, bytes_base64, modelled_size, "
        "transport_overhead, messages, note; did you mean sent_ns?)");
  CHECK(error_of(set(small_json(), "/durration_ns", 5)) ==
        "t.json: /durration_ns: unknown field (expected one of format, version, scenario, source, "
        "duration_ns, lanes; did you mean duration_ns?)");
}

TEST_CASE("a missing field is named with where it is needed") {
  CHECK(error_of(erase(small_json(), "/lanes/0/frames/1/kind")) ==
        "t.json: /lanes/0/frames/1: missing field \"kind\" (expected in every frame)");
  CHECK(error_of(erase(small_json(), "/lanes/0/messages/0/created_ns")) ==
        "t.json: /lanes/0/messages/0: missing field \"created_ns\" (expected in every message)");
  CHECK(error_of(erase(small_json(), "/lanes/0/endpoints")) ==
        "t.json: /lanes/0: missing field \"endpoints\" (expected in every lane)");
}

TEST_CASE("a value of the wrong type names the type expected") {
  CHECK(error_of(set(small_json(), "/lanes/0/connections/0/tls", "yes")) ==
        "t.json: /lanes/0/connections/0/tls: \"yes\" has the wrong type (expected true or false)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/messages", 0)) ==
        "t.json: /lanes/0/frames/1/messages: 0 has the wrong type (expected an array)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/note", nullptr)) ==
        "t.json: /lanes/0/frames/1/note: null has the wrong type (expected a string)");
  CHECK(error_of(set(small_json(), "/lanes", Json::object())) ==
        "t.json: /lanes: {} has the wrong type (expected an array)");
}

TEST_CASE("enums take only their JSON names") {
  CHECK(error_of(set(small_json(), "/lanes/0/transport", "carrier-pigeon")) ==
        "t.json: /lanes/0/transport: \"carrier-pigeon\" is not a transport (expected one of "
        "short-poll, long-poll, websocket, sse, engine.io)");
  CHECK(error_of(set(small_json(), "/lanes/0/endpoints/1/role", "Server")) ==
        "t.json: /lanes/0/endpoints/1/role: \"Server\" is not an endpoint role (expected one of "
        "client, proxy, load-balancer, server, broker)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/0/layer", "udp")) ==
        "t.json: /lanes/0/frames/0/layer: \"udp\" is not a layer (expected one of tcp, tls, "
        "http, websocket, sse, resp)");
  CHECK(error_of(set(small_json(), "/lanes/0/messages/0/direction", "up")) ==
        "t.json: /lanes/0/messages/0/direction: \"up\" is not a direction (expected one of "
        "server-to-client, client-to-server)");
  CHECK(error_of(set(small_json(), "/source", "replay")) ==
        "t.json: /source: \"replay\" is not a trace source (expected one of sim, live)");
}

TEST_CASE("times are whole, non-negative nanoseconds") {
  CHECK(error_of(set(small_json(), "/lanes/0/messages/0/created_ns", -5)) ==
        "t.json: /lanes/0/messages/0/created_ns: -5 is out of range (expected an integer from 0 "
        "to 9223372036854775807)");
  CHECK(error_of(set(small_json(), "/duration_ns", 1.5)) ==
        "t.json: /duration_ns: 1.5 is not a whole number (expected an integer from 0 to "
        "9223372036854775807)");
}

TEST_CASE("no time runs backwards") {
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/received_ns", 1499999)) ==
        "t.json: /lanes/0/frames/1/received_ns: 1499999 is before sent_ns (expected at least "
        "1500000)");
  CHECK(error_of(set(small_json(), "/lanes/0/messages/0/delivered_ns", 999999)) ==
        "t.json: /lanes/0/messages/0/delivered_ns: 999999 is before created_ns (expected at "
        "least 1000000)");
  CHECK(error_of(set(set(small_json(), "/lanes/0/connections/0/opened_ns", 10),
                     "/lanes/0/connections/0/closed_ns", 9)) ==
        "t.json: /lanes/0/connections/0/closed_ns: 9 is before opened_ns (expected at least 10)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/sent_ns", 999)) ==
        "t.json: /lanes/0/frames/1/sent_ns: 999 is before the previous frame's sent_ns (expected "
        "at least 1000)");
  // Equal times are fine: a frame received the instant it was sent, two frames sent together.
  CHECK(error_of(set(set(small_json(), "/lanes/0/frames/1/sent_ns", 1000),
                     "/lanes/0/frames/1/received_ns", 1000)) == "no error");
}

TEST_CASE("every id points into its lane") {
  CHECK(error_of(set(small_json(), "/lanes/0/frames/0/to", 7)) ==
        "t.json: /lanes/0/frames/0/to: 7 points nowhere (expected an endpoint id from 0 to 1)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/connection", 1)) ==
        "t.json: /lanes/0/frames/1/connection: 1 points nowhere (expected a connection id from 0 "
        "to 0)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/messages/0", 3)) ==
        "t.json: /lanes/0/frames/1/messages/0: 3 points nowhere (expected a message id from 0 to "
        "0)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/messages", Json::array({0, 0}))) ==
        "t.json: /lanes/0/frames/1/messages/1: 0 is listed twice (expected each message once)");
  CHECK(error_of(set(small_json(), "/lanes/0/messages", Json::array())) ==
        "t.json: /lanes/0/frames/1/messages/0: 0 points nowhere (expected the id of a message, "
        "but the lane has no messages)");
  CHECK(error_of(set(small_json(), "/lanes/0/connections/0/from", 4294967296)) ==
        "t.json: /lanes/0/connections/0/from: 4294967296 is out of range (expected an integer "
        "from 0 to 4294967295)");
}

TEST_CASE("connections join two endpoints, and messages belong to a client") {
  CHECK(error_of(set(small_json(), "/lanes/0/connections/0/to", 0)) ==
        "t.json: /lanes/0/connections/0/to: 0 is also \"from\" (expected the endpoint at the "
        "other end)");
  CHECK(error_of(set(small_json(), "/lanes/0/messages/0/client", 1)) ==
        "t.json: /lanes/0/messages/0/client: 1 is the id of a server (expected the id of a "
        "client)");
}

TEST_CASE("a frame travels between the two ends of its connection, either way") {
  // Connection 0 runs from 0 to 1; add endpoint 2 and send frame 1 from 2.
  Json json = small_json();
  json["lanes"][0]["endpoints"].push_back({{"role", "proxy"}, {"name", "proxy"}});
  CHECK(error_of(set(json, "/lanes/0/frames/1/from", 2)) ==
        "t.json: /lanes/0/frames/1: from 2 to 0 is not along connection 0 (expected from 0 to 1 "
        "or back)");
  CHECK(error_of(set(json, "/lanes/0/frames/1/to", 1)) ==
        "t.json: /lanes/0/frames/1: from 1 to 1 is not along connection 0 (expected from 0 to 1 "
        "or back)");
}

TEST_CASE("a frame holds either exact bytes in base64 or a modelled size") {
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/bytes_base64", "gQJoaQ=")) ==
        "t.json: /lanes/0/frames/1/bytes_base64: \"gQJoaQ=\" is not base64 (expected RFC 4648 "
        "base64, padded)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/bytes_base64", "gQJo aQ=")) ==
        "t.json: /lanes/0/frames/1/bytes_base64: \"gQJo aQ=\" is not base64 (expected RFC 4648 "
        "base64, padded)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/modelled_size", 4)) ==
        "t.json: /lanes/0/frames/1: both \"bytes_base64\" and \"modelled_size\" (expected exact "
        "bytes or a modelled size, not both)");
  CHECK(error_of(erase(small_json(), "/lanes/0/frames/0/modelled_size")) ==
        "t.json: /lanes/0/frames/0: missing field \"bytes_base64\" or \"modelled_size\" (expected "
        "exact bytes or a modelled size in every frame)");
  CHECK(error_of(set(small_json(), "/lanes/0/frames/0/modelled_size", -1)) ==
        "t.json: /lanes/0/frames/0/modelled_size: -1 is out of range (expected an integer from 0 "
        "to 18446744073709551615)");
  // No bytes at all is still exact: an empty frame.
  CHECK(error_of(set(small_json(), "/lanes/0/frames/1/bytes_base64", "")) == "no error");
}

TEST_CASE("a repeated key in a trace file is an error, not a silent overwrite") {
  CHECK_THROWS_WITH_AS(json::parse_text(R"({"format": "pushlab-trace", "format": "x"})", "t.json"),
                       "t.json: /format: duplicate field (expected each field once per object)",
                       json::InputError);
}
