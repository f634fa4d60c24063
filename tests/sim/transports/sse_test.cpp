#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/bytes.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;
using pushlab::sim::wire::as_text;

namespace {

// The value of a field in a request's head ("" if absent).
std::string field_of(const WireFrame& request, const std::string& name) {
  const std::string_view text = as_text(request.bytes);
  const std::string key = "\r\n" + name + ": ";
  const auto at = text.find(key);
  if (at == std::string_view::npos) return {};
  const auto start = at + key.size();
  return std::string(text.substr(start, text.find("\r\n", start) - start));
}

// The EventSource's requests as the client sent them (a proxy forwards each once more).
std::vector<const WireFrame*> stream_requests(const Lane& lane) {
  std::vector<const WireFrame*> found;
  for (const WireFrame* request : frames_of(lane, Layer::http, "request")) {
    const bool from_client = lane.endpoints[request->from].role == EndpointRole::client;
    if (from_client && as_text(request->bytes).starts_with("GET /events")) found.push_back(request);
  }
  return found;
}

Nanoseconds latency(const Message& message) {
  REQUIRE(message.delivered_at.has_value());
  return *message.delivered_at - message.created_at;
}

// A proxy halfway: 25 ms from the client to the proxy, 25 ms from the proxy to the server.
Scenario behind_proxy(Nanoseconds duration) {
  Scenario scenario = basic_scenario(Transport::sse, duration);
  scenario.proxy.enabled = true;
  return scenario;
}

}  // namespace

TEST_CASE("SSE: the EventSource asks for an event stream, without caching") {
  Scenario scenario = basic_scenario(Transport::sse, 10s);
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  // One request for the whole run: nothing drops the stream, so nothing asks again. Host comes
  // first (HttpFrames), then what an EventSource adds: Accept and Cache-Control.
  REQUIRE(requests.size() == 1);
  CHECK(as_text(requests[0]->bytes) ==
        "GET /events?client=1 HTTP/1.1\r\n"
        "Host: pushlab.example\r\n"
        "Accept: text/event-stream\r\n"
        "Cache-Control: no-cache\r\n"
        "\r\n");
  CHECK(field_of(*requests[0], "Accept") == "text/event-stream");
  CHECK(field_of(*requests[0], "Last-Event-ID").empty());  // no event yet
}

TEST_CASE("SSE: the response is a chunked text/event-stream that first announces retry") {
  Scenario scenario = basic_scenario(Transport::sse, 10s);
  scenario.sse.retry = 2500ms;
  const Lane lane = run_one_lane(scenario);
  const auto heads = frames_of(lane, Layer::http, "response-head");
  REQUIRE(heads.size() == 1);
  CHECK(as_text(heads[0]->bytes) ==
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: text/event-stream\r\n"
        "Cache-Control: no-cache\r\n"
        "Transfer-Encoding: chunked\r\n"
        "\r\n");
  // "retry: 2500" LF is 12 bytes: chunk size 0xc, CRLF, the line, CRLF.
  const auto retries = frames_of(lane, Layer::sse, "retry");
  REQUIRE(retries.size() == 1);
  CHECK(as_text(retries[0]->bytes) == "c\r\nretry: 2500\n\r\n");
  CHECK(retries[0]->messages.empty());
  // The head is not a whole response: no wasted poll in the metrics.
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.empty_responses == 0);
  CHECK(metrics.http_requests == 1);
}

TEST_CASE("SSE: an event is one chunk: its size in hex, the id and data lines, a blank line") {
  Scenario scenario = basic_scenario(Transport::sse, 5s);
  add_at(scenario, Direction::server_to_client, {1s}, 20);
  const Lane lane = run_one_lane(scenario);
  const auto events = frames_of(lane, Layer::sse, "event");
  REQUIRE(events.size() == 1);
  // Message 0's 20-byte payload: "#0 " and 17 filler letters from 'a' (MessageBook::payload).
  // "id: 1" LF is 6 bytes, "data: #0 abcdefghijklmnopq" LF is 27, the blank line 1: 34 = 0x22.
  CHECK(as_text(events[0]->bytes) == "22\r\nid: 1\ndata: #0 abcdefghijklmnopq\n\n\r\n");
  CHECK(events[0]->messages == std::vector<MessageId>{0});
}

TEST_CASE("SSE: once the stream is open, a message arrives one transit after it is created") {
  // SYN at 0, SYN-ACK back at 100 ms, the GET reaches the server at 150 ms, its head (and any
  // event waiting) reaches the client at 200 ms. A message created at 0.1 s waits for the
  // stream: 100 ms. Every later one leaves at once and takes 50 ms.
  Scenario scenario = basic_scenario(Transport::sse, 10s);
  add_at(scenario, Direction::server_to_client, {100ms, 1s, 2500ms, 7s});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 4);
  CHECK(*lane.messages[0].delivered_at == 200ms);
  CHECK(latency(lane.messages[1]) == 50ms);
  CHECK(latency(lane.messages[2]) == 50ms);
  CHECK(latency(lane.messages[3]) == 50ms);
  CHECK(stream_requests(lane).size() == 1);
}

TEST_CASE("SSE: a stream may carry any amount: 9.6 MB of events on one connection") {
  // More than an HTTP parser's default body limit (8 MiB): a browser reads a stream as it comes.
  Scenario scenario = basic_scenario(Transport::sse, 16s);
  add_periodic(scenario, Direction::server_to_client, 100ms, 200ms, 64 * 1024);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() > 150);
  std::uint64_t carried = 0;
  for (const Message& message : lane.messages) {
    if (message.created_at >= 15s) continue;  // may still be on the way at the end
    CHECK(latency(message) == 50ms);
    carried += message.payload_bytes;
  }
  CHECK(carried > (8u << 20) + (1u << 20));
  CHECK(stream_requests(lane).size() == 1);  // never dropped and opened again
}

TEST_CASE("SSE: a buffering proxy holds small events back until 4 KiB have gathered") {
  // The proxy passes the head at once and holds the body. Chunks of 64-byte messages: id 1..9
  // "id: n" LF (6) + "data: " payload LF (71) + LF (1) = 78 = 0x4e, framed "4e" CRLF ... CRLF:
  // 84 bytes; ids 10..99 one more. The retry chunk "c" CRLF "retry: 3000" LF CRLF: 17 bytes.
  // 17 + 9 * 84 = 773; 773 + 39 * 85 = 4088 < 4096, 773 + 40 * 85 = 4173: the event with id 49
  // (the message of 49 s) fills the buffer. It reaches the proxy at 49.025 s, and everything
  // held reaches the client 25 ms later: the message of 1 s has waited 48.05 s.
  Scenario scenario = behind_proxy(60s);
  scenario.proxy.buffer_bytes = 4096;
  add_periodic(scenario, Direction::server_to_client, 1s, 1s, 64);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 59);  // at 1, 2, ... 59 s
  for (std::size_t i = 0; i < 49; ++i) {
    CAPTURE(i);
    CHECK(lane.messages[i].delivered_at == 49050ms);
  }
  CHECK(latency(lane.messages[0]) == 48050ms);
  CHECK(latency(lane.messages[48]) == 50ms);
  // The next 4 KiB would take until the event of 98 s: nothing more arrives during the run.
  CHECK_FALSE(lane.messages[49].delivered_at.has_value());
  // The head was not held: SYN 0, SYN-ACK 50 ms, GET at the proxy 75 ms, upstream handshake
  // until 125 ms, GET at the server 150 ms, head at the client 200 ms. The retry chunk was.
  const auto heads = frames_of(lane, Layer::http, "response-head");
  REQUIRE(heads.size() == 2);  // the server's to the proxy, the proxy's to the client
  CHECK(heads[1]->received_at == 200ms);
  CHECK(frames_of(lane, Layer::sse, "retry")[1]->received_at == 49050ms);
}

TEST_CASE("SSE: a stream that says X-Accel-Buffering: no passes the buffering proxy at once") {
  Scenario scenario = behind_proxy(60s);
  scenario.proxy.buffer_bytes = 4096;
  scenario.http.response_headers.push_back({"X-Accel-Buffering", "no"});
  add_periodic(scenario, Direction::server_to_client, 1s, 1s, 64);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 59);
  for (const Message& message : lane.messages) CHECK(latency(message) == 50ms);
  const auto heads = frames_of(lane, Layer::http, "response-head");
  REQUIRE(heads.size() == 2);
  CHECK(heads[1]->note.find("X-Accel-Buffering: no") != std::string::npos);
  // Any other value is no refusal.
  scenario.http.response_headers.back().value = "yes";
  CHECK_FALSE(run_one_lane(scenario).messages[0].delivered_at == 1050ms);
}

TEST_CASE("SSE: with TLS the same buffering proxy cannot read the stream, so cannot hold it") {
  // The proxy relays encrypted bytes it cannot parse: every event passes at once, 50 ms.
  Scenario scenario = behind_proxy(60s);
  scenario.proxy.buffer_bytes = 4096;
  scenario.network.tls = true;
  add_periodic(scenario, Direction::server_to_client, 1s, 1s, 64);
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 59);
  for (const Message& message : lane.messages) CHECK(latency(message) == 50ms);
}

TEST_CASE("SSE: an idle proxy closes the stream; the client reconnects with Last-Event-ID") {
  // idle_timeout 10 s, retry 3 s (the default), hops of 25 ms. The GET leaves once the client's
  // handshake is done (50 ms), and the head passes the proxy at 175 ms, so the proxy closes at
  // 10.175 s; the FIN reaches the client at 10.2 s, which opens a new connection at 13.2 s and
  // sends its GET at 13.25 s. Each new stream's head passes the proxy 175 ms after its SYN and
  // the proxy closes it 10 s later: GETs at 0.05, 13.25, 26.45 s. The message of 30 s passes at
  // 30.025 s (the stream of 26.4 s is still open), which keeps the stream 10 s more: closed at
  // 40.025 s, GET at 43.1 s, then 56.3 s; the message of 60 s; GETs at 73.1, 86.3 s; the
  // message of 90 s. Each GET names the last event the client had.
  Scenario scenario = behind_proxy(100s);
  scenario.proxy.idle_timeout = 10s;
  add_periodic(scenario, Direction::server_to_client, 30s, 30s);
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  const std::vector<Nanoseconds> sent = {50ms,    13250ms, 26450ms, 43100ms,
                                         56300ms, 73100ms, 86300ms};
  const std::vector<std::string> last_ids = {"", "", "", "1", "1", "2", "2"};
  REQUIRE(requests.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CAPTURE(i);
    CHECK(requests[i]->sent_at == sent[i]);
    CHECK(field_of(*requests[i], "Last-Event-ID") == last_ids[i]);
  }
  REQUIRE(lane.messages.size() == 3);
  for (const Message& message : lane.messages) CHECK(latency(message) == 50ms);
  CHECK(compute_metrics(lane).lost == 0);
}

TEST_CASE("SSE: the client waits the reconnection time the server announced") {
  // retry 7 s instead of the browser's own 3 s. The proxy closes the idle stream at 10.175 s,
  // the FIN reaches the client at 10.2 s; it opens a new connection at 17.2 s and sends its
  // GET after the 50 ms handshake: 17.25 s.
  Scenario scenario = behind_proxy(20s);
  scenario.proxy.idle_timeout = 10s;
  scenario.sse.retry = 7s;
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  REQUIRE(requests.size() == 2);
  CHECK(requests[1]->sent_at == 17250ms);
}

TEST_CASE("SSE: an event lost as the proxy drops the stream is resent after Last-Event-ID") {
  // idle_timeout 10 s. Event 1 (message of 5 s) passes the proxy at 5.025 s, so the proxy
  // closes at 15.025 s; its FINs reach client and server at 15.05 s. The message of 15.04 s
  // leaves the server on the old stream and reaches the proxy at 15.065 s, after it closed:
  // lost. The client opens a new connection at 18.05 s (FIN + retry 3 s) and sends its GET
  // with Last-Event-ID: 1 at 18.1 s; it reaches the proxy at 18.125 s, the server at 18.2 s
  // (after the upstream handshake), which sends event 2 again: at the client 18.25 s.
  Scenario scenario = behind_proxy(30s);
  scenario.proxy.idle_timeout = 10s;
  add_at(scenario, Direction::server_to_client, {5s, 15040ms});
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  REQUIRE(requests.size() >= 2);
  CHECK(requests[1]->sent_at == 18100ms);
  CHECK(field_of(*requests[1], "Last-Event-ID") == "1");

  std::vector<const WireFrame*> second_event_from_server;
  for (const WireFrame* event : frames_of(lane, Layer::sse, "event")) {
    const bool from_server = lane.endpoints[event->from].role == EndpointRole::server;
    if (from_server && event->messages == std::vector<MessageId>{1}) {
      second_event_from_server.push_back(event);
    }
  }
  REQUIRE(second_event_from_server.size() == 2);
  CHECK(second_event_from_server[0]->lost());
  CHECK(second_event_from_server[1]->sent_at == 18200ms);
  CHECK(as_text(second_event_from_server[1]->bytes).find("\r\nid: 2\n") != std::string_view::npos);
  REQUIRE(lane.messages.size() == 2);
  CHECK(latency(lane.messages[0]) == 50ms);
  CHECK(lane.messages[1].delivered_at == 18250ms);
}

TEST_CASE("SSE: a message created while the stream is down waits for the reconnection") {
  // As above without the first message: the head passes the proxy at 175 ms, the proxy closes
  // at 10.175 s (FIN at the server 10.2 s). The message of 12 s finds no stream; the client
  // reconnects at 13.2 s, its GET (13.25 s) without Last-Event-ID since it has had no event,
  // and the server sends what the client has not had: at the server 13.35 s, client 13.4 s.
  Scenario scenario = behind_proxy(20s);
  scenario.proxy.idle_timeout = 10s;
  add_at(scenario, Direction::server_to_client, {12s});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 13400ms);
  const auto events = frames_of(lane, Layer::sse, "event");
  REQUIRE(events.size() == 2);  // server to proxy, proxy to client: sent once
  CHECK_FALSE(events[0]->lost());
}

TEST_CASE("SSE: a 504 from the proxy fails the EventSource for good") {
  // WHATWG HTML 9.2.3: a response that is not a 200 text/event-stream fails the connection,
  // and a failed EventSource never reconnects. The proxy forwards the GET at 75 ms and gives
  // up 50 ms later, before the server's head (due back at 175 ms) could begin.
  Scenario scenario = behind_proxy(20s);
  scenario.proxy.max_request_time = 50ms;
  add_at(scenario, Direction::server_to_client, {1s});
  const Lane lane = run_one_lane(scenario);
  CHECK(stream_requests(lane).size() == 1);
  const auto responses = frames_of(lane, Layer::http, "response");
  REQUIRE(responses.size() == 1);
  CHECK(as_text(responses[0]->bytes).starts_with("HTTP/1.1 504 Gateway Timeout\r\n"));
  CHECK_FALSE(lane.messages[0].delivered_at.has_value());
}

TEST_CASE("SSE: the stream holds one connection; a message to the server opens a second") {
  Scenario only_stream = basic_scenario(Transport::sse, 10s);
  add_at(only_stream, Direction::server_to_client, {1s, 2s});
  CHECK(run_one_lane(only_stream).connections.size() == 1);

  // The POST at 3 s cannot use the busy stream connection: a handshake of its own (100 ms),
  // then the POST reaches the server at 3.15 s.
  Scenario both_ways = only_stream;
  add_at(both_ways, Direction::client_to_server, {3s});
  const Lane lane = run_one_lane(both_ways);
  CHECK(lane.connections.size() == 2);
  const auto requests = frames_of(lane, Layer::http, "request");
  REQUIRE(requests.size() == 2);
  CHECK(as_text(requests[1]->bytes).starts_with("POST /send?client=1 HTTP/1.1\r\n"));
  CHECK(requests[0]->connection != requests[1]->connection);
  CHECK(lane.messages[2].delivered_at == 3150ms);
}

namespace {

// The tab a stream request names ("GET /events?client=1&tab=3 ..." is 3), 0 for none.
int tab_named(const WireFrame& request) {
  const std::string_view text = as_text(request.bytes);
  const auto at = text.find("&tab=");
  if (at == std::string_view::npos || at > text.find("\r\n")) return 0;
  return text[at + 5] - '0';
}

// The events the server sent that carry the message (behind a proxy, not the proxy's copies).
std::vector<const WireFrame*> events_from_server(const Lane& lane, MessageId id) {
  std::vector<const WireFrame*> found;
  for (const WireFrame* event : frames_of(lane, Layer::sse, "event")) {
    const bool from_server = lane.endpoints[event->from].role == EndpointRole::server;
    if (from_server && event->messages == std::vector<MessageId>{id}) found.push_back(event);
  }
  return found;
}

}  // namespace

TEST_CASE("SSE tabs: each tab's EventSource holds a stream of its own, and the newest delivers") {
  // Two tabs of the page: two GETs naming their tab, on two connections opened at once. Both
  // streams carry event 1; the lane's message is the newest tab's, delivered at 1.05 s.
  Scenario scenario = basic_scenario(Transport::sse, 10s);
  scenario.sse.tabs = 2;
  add_at(scenario, Direction::server_to_client, {1s});
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  REQUIRE(requests.size() == 2);
  CHECK(as_text(requests[0]->bytes).starts_with("GET /events?client=1&tab=1 HTTP/1.1\r\n"));
  CHECK(as_text(requests[1]->bytes).starts_with("GET /events?client=1&tab=2 HTTP/1.1\r\n"));
  CHECK(requests[0]->connection != requests[1]->connection);
  CHECK(requests[1]->sent_at == 100ms);
  const auto events = events_from_server(lane, 0);
  REQUIRE(events.size() == 2);
  CHECK(events[0]->connection == requests[0]->connection);
  CHECK(events[1]->connection == requests[1]->connection);
  for (const WireFrame* event : events) {
    CHECK(as_text(event->bytes) == "22\r\nid: 1\ndata: #0 abcdefghijklmnopq\n\n\r\n");
    CHECK(event->received_at == 1050ms);
  }
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 1050ms);
}

TEST_CASE("SSE tabs: six streams fill the browser's six connections, so the seventh tab waits") {
  // HTTP/1.1 browsers open at most six connections to a host. Six tabs' streams hold them all
  // for as long as they last: the seventh tab's GET never leaves, and neither does the page's
  // POST, queued behind it. The newest tab gets nothing, and sends nothing.
  Scenario scenario = basic_scenario(Transport::sse, 10s);
  scenario.sse.tabs = 7;
  add_at(scenario, Direction::server_to_client, {1s});
  add_at(scenario, Direction::client_to_server, {2s});
  const Lane lane = run_one_lane(scenario);
  CHECK(lane.connections.size() == 6);
  const auto requests = stream_requests(lane);
  REQUIRE(requests.size() == 6);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(i);
    CHECK(tab_named(*requests[i]) == static_cast<int>(i) + 1);
  }
  CHECK(frames_of(lane, Layer::http, "request").size() == 6);  // no POST
  CHECK(events_from_server(lane, 0).size() == 6);              // tabs 1 to 6 have the event
  REQUIRE(lane.messages.size() == 2);
  CHECK_FALSE(lane.messages[0].delivered_at.has_value());
  CHECK_FALSE(lane.messages[1].delivered_at.has_value());
  CHECK(compute_metrics(lane).lost == 2);
}

TEST_CASE("SSE tabs: with six tabs the page's POST waits, with five it opens a sixth connection") {
  Scenario six = basic_scenario(Transport::sse, 10s);
  six.sse.tabs = 6;
  add_at(six, Direction::server_to_client, {1s});
  add_at(six, Direction::client_to_server, {2s});
  const Lane lane = run_one_lane(six);
  REQUIRE(lane.messages.size() == 2);
  CHECK(lane.messages[0].delivered_at == 1050ms);  // the newest tab's stream is the sixth
  CHECK_FALSE(lane.messages[1].delivered_at.has_value());
  CHECK(frames_of(lane, Layer::http, "request").size() == 6);

  Scenario five = six;
  five.sse.tabs = 5;
  const Lane room = run_one_lane(five);
  CHECK(room.connections.size() == 6);
  CHECK(room.messages[1].delivered_at == 2150ms);  // a handshake of its own first
}

TEST_CASE("SSE tabs: a connection that frees up goes to the tab waiting for one") {
  // Behind a proxy that closes streams idle for 10 s. The six streams' heads pass the proxy at
  // 175 ms, so it closes all six at 10.175 s and the FINs reach the browser at 10.2 s. The
  // seventh tab, waiting since the start, opens a connection at once and sends its GET after
  // the 50 ms handshake with the proxy: 10.25 s. Its stream is open when the message of 12 s
  // is created, which arrives at 12.05 s. The six earlier tabs wait their 3 s and reconnect at
  // 13.2 s; five find a connection and get the event they missed (sent again although the
  // newest tab has delivered its message); the sixth waits.
  Scenario scenario = behind_proxy(20s);
  scenario.proxy.idle_timeout = 10s;
  scenario.sse.tabs = 7;
  add_at(scenario, Direction::server_to_client, {12s});
  const Lane lane = run_one_lane(scenario);
  const auto requests = stream_requests(lane);
  REQUIRE(requests.size() == 12);
  CHECK(tab_named(*requests[6]) == 7);
  CHECK(requests[6]->sent_at == 10250ms);
  for (std::size_t i = 7; i < requests.size(); ++i) CHECK(requests[i]->sent_at == 13250ms);
  REQUIRE(lane.messages.size() == 1);
  CHECK(lane.messages[0].delivered_at == 12050ms);
  const auto events = events_from_server(lane, 0);
  REQUIRE(events.size() == 6);  // the newest tab's at 12 s, then five earlier tabs'
  CHECK(events[0]->sent_at == 12s);
  for (std::size_t i = 1; i < events.size(); ++i) {
    CHECK(as_text(events[i]->bytes).find("\r\nid: 1\ndata: #0 ") != std::string_view::npos);
    CHECK(events[i]->sent_at > 13250ms);
  }
}
