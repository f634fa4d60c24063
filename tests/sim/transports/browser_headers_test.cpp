// A scenario that carries a real browser's request fields, as its developer tools copy them:
// every field is sent once, where the browser would send it, and a request costs exactly its
// lines.

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "sim/wire/http/parse_one.hpp"
#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/support/browser_headers.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;
using pushlab::testing::HeaderSet;

namespace {

Scenario with_headers(Transport transport, const HeaderSet& headers) {
  Scenario scenario = basic_scenario(transport, 3s);
  add_at(scenario, Direction::server_to_client, {1300ms});
  add_at(scenario, Direction::client_to_server, {1500ms});
  for (const auto& [name, value] : headers) scenario.http.request_headers.push_back({name, value});
  return scenario;
}

// The request the frame holds; fails the test when it does not hold one.
wire::http::Request request_in(const WireFrame& frame) {
  const auto request = wire::http::parse_request(frame.bytes);
  REQUIRE(request.has_value());
  return *request;
}

// The size of a head written line by line: the start line, each field, the empty line.
std::size_t size_of_lines(const wire::http::Request& request) {
  std::size_t size =
      request.method.size() + 1 + request.target.size() + 1 + request.version.size() + 2;
  for (const auto& field : request.fields) size += field.name.size() + 2 + field.value.size() + 2;
  return size + 2 + request.body.size();
}

// Every field of the set, with its value, exactly once (`except` has the message's own value).
void check_each_field_once(const wire::http::Request& request, const HeaderSet& headers,
                           std::string_view except = {}) {
  for (const auto& field : headers) {
    CAPTURE(field.first);
    CHECK(request.fields.count(field.first) == 1);
    if (field.first == except) continue;
    REQUIRE(request.fields.find(field.first) != nullptr);
    CHECK(*request.fields.find(field.first) == field.second);
  }
}

}  // namespace

TEST_CASE("a browser's poll: every copied field sent once, the request the sum of its lines") {
  for (const HeaderSet& headers :
       {pushlab::testing::chrome_poll_headers(), pushlab::testing::firefox_poll_headers(),
        pushlab::testing::firefox_2010_poll_headers()}) {
    const Lane lane = run_one_lane(with_headers(Transport::short_poll, headers));
    const auto requests = frames_of(lane, Layer::http, "request");
    REQUIRE(requests.size() >= 2);
    for (const WireFrame* frame : requests) {
      const wire::http::Request request = request_in(*frame);
      CAPTURE(request.target);
      check_each_field_once(request, headers);
      CHECK(frame->bytes.size() == size_of_lines(request));
    }
    // The fields are the browser's and the simulator's own: Host is the copied one, written once.
    const wire::http::Request poll = request_in(*requests.front());
    CHECK(poll.fields.size() == headers.size());
    CHECK(*poll.fields.find("Host") == "localhost:8080");
    CHECK(lane.messages.size() == 2);
  }
}

TEST_CASE("a browser's fields on a handshake and an event stream: the message's own stay") {
  const HeaderSet firefox = pushlab::testing::firefox_poll_headers();
  SUBCASE("the WebSocket handshake joins keep-alive and Upgrade, as Firefox writes it") {
    const Lane lane = run_one_lane(with_headers(Transport::websocket, firefox));
    const wire::http::Request handshake =
        request_in(*frames_of(lane, Layer::http, "request").front());
    check_each_field_once(handshake, firefox, "Connection");
    CHECK(*handshake.fields.find("Connection") == "keep-alive, Upgrade");
    CHECK(handshake.fields.count("Upgrade") == 1);
    REQUIRE(lane.messages.size() == 2);
    CHECK(lane.messages[0].delivered_at.has_value());  // the server took the handshake
  }
  SUBCASE("an EventSource asks for text/event-stream whatever fetch() would accept") {
    const Lane lane = run_one_lane(with_headers(Transport::sse, firefox));
    for (const WireFrame* frame : frames_of(lane, Layer::http, "request")) {
      const wire::http::Request request = request_in(*frame);
      if (request.method != "GET") continue;
      check_each_field_once(request, firefox, "Accept");
      CHECK(*request.fields.find("Accept") == "text/event-stream");
      CHECK(frame->bytes.size() == size_of_lines(request));
    }
  }
}
