// Long polling against RFC 6202 section 2. Every scenario has 50 ms one way and no loss unless it
// says otherwise: a transit is 50 ms, and a new connection's handshake (SYN, SYN-ACK) costs one
// round trip, 100 ms, before the first request leaves.

#include <doctest/doctest.h>

#include <string>

#include "sim/wire/bytes.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

std::string_view text_of(const WireFrame& frame) {
  return pushlab::sim::wire::as_text(frame.bytes);
}

std::string_view first_line(const WireFrame& frame) {
  const std::string_view text = text_of(frame);
  return text.substr(0, text.find("\r\n"));
}

// HTTP frames of a kind that leave or reach one endpoint, in send order.
std::vector<const WireFrame*> http_frames(const Lane& lane, std::string_view kind,
                                          std::optional<EndpointId> from,
                                          std::optional<EndpointId> to) {
  std::vector<const WireFrame*> found;
  for (const WireFrame* frame : frames_of(lane, Layer::http, kind)) {
    if ((!from || frame->from == *from) && (!to || frame->to == *to)) found.push_back(frame);
  }
  return found;
}

// Without a proxy the endpoints are client 1 (0), ..., then the server.
EndpointId server_of(const Lane& lane) {
  return static_cast<EndpointId>(lane.endpoints.size() - 1);
}

}  // namespace

TEST_CASE("long polling: a message created while a poll is held arrives one transit later") {
  // The poll leaves at 100 ms (after the handshake) and is held at the server from 150 ms. The
  // message, created at 10 s, goes out at once in the held request's response: 10.05 s.
  Scenario scenario = basic_scenario(Transport::long_poll, 20s);
  add_at(scenario, Direction::server_to_client, {10s});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 1);
  REQUIRE(lane.messages[0].delivered_at.has_value());
  CHECK(*lane.messages[0].delivered_at == 10050ms);

  const auto requests = http_frames(lane, "request", 0, std::nullopt);
  REQUIRE(requests.size() >= 2);
  CHECK(first_line(*requests[0]) == "GET /lp?client=1&received=0 HTTP/1.1");
  CHECK(requests[0]->sent_at == 100ms);
  // The next poll leaves as the answer arrives and says the client now has one message.
  CHECK(first_line(*requests[1]) == "GET /lp?client=1&received=1 HTTP/1.1");
  CHECK(requests[1]->sent_at == 10050ms);

  const auto answers = http_frames(lane, "response", server_of(lane), 0);
  REQUIRE(answers.size() == 1);
  CHECK(text_of(*answers[0]).starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(answers[0]->sent_at == 10s);
  CHECK(answers[0]->messages == std::vector<MessageId>{0});
}

TEST_CASE("long polling: a message just after a response waits for the next request") {
  // RFC 6202 section 2.2: the first message's response leaves at 10 s and arrives at 10.05 s;
  // the client's next request reaches the server at 10.1 s; the second message (created at
  // 10.001 s, while no request was held) goes out then and arrives at 10.15 s: 149 ms, just
  // under three transits.
  Scenario scenario = basic_scenario(Transport::long_poll, 20s);
  add_at(scenario, Direction::server_to_client, {10s, 10001ms});
  const Lane lane = run_one_lane(scenario);
  REQUIRE(lane.messages.size() == 2);
  REQUIRE(lane.messages[0].delivered_at.has_value());
  REQUIRE(lane.messages[1].delivered_at.has_value());
  CHECK(*lane.messages[0].delivered_at == 10050ms);
  CHECK(*lane.messages[1].delivered_at == 10150ms);
  CHECK(*lane.messages[1].delivered_at - lane.messages[1].created_at == 149ms);
}

TEST_CASE("long polling: latency is one transit, three at worst on a lossless link") {
  // A message waits only when created in the 100 ms after a response left (the response's
  // transit and the next request's); then it arrives at most 100 + 50 ms after creation. At 2
  // messages a second, at most 2 * 0.1 = 20 % of the time lies in such a gap, and a message in
  // one waits at most 100 ms more: the mean is between 50 ms and 50 + 0.2 * 100 = 70 ms.
  Scenario scenario = basic_scenario(Transport::long_poll, 120s);
  scenario.traffic.push_back({Direction::server_to_client, Poisson{2.0}, 32});
  const LaneMetrics metrics = compute_metrics(run_one_lane(scenario));
  CHECK(metrics.delivered > 150);
  CHECK(metrics.lost == 0);
  CHECK(ms(metrics.latency.max) <= 150 + 0.001);
  CHECK(ms(metrics.latency.mean) >= 50);
  CHECK(ms(metrics.latency.mean) <= 70);
  CHECK(ms(metrics.latency.p50) == doctest::Approx(50));
}

TEST_CASE("long polling: with nothing to send, each request is held for the timeout") {
  // Timeout 30 s. Requests leave at 0.1 s (after the handshake), then 30.2, 60.3 and 90.4 s:
  // each is held 30 s from its arrival (0.15, 30.25, 60.35 s), its empty 204 takes 50 ms back,
  // and the client asks again as it arrives. The fourth would be answered at 120.45 s, but the
  // client closes its connection at 120 s (the end of the run): the server, told of the close at
  // 120.05 s, answers nothing. So 4 requests and 3 empty answers.
  Scenario scenario = basic_scenario(Transport::long_poll, 120s);
  const Lane lane = run_one_lane(scenario);
  const auto requests = http_frames(lane, "request", 0, std::nullopt);
  const auto answers = http_frames(lane, "response", std::nullopt, std::nullopt);
  REQUIRE(requests.size() == 4);
  REQUIRE(answers.size() == 3);
  const std::vector<Nanoseconds> sent = {100ms, 30200ms, 60300ms, 90400ms};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(i);
    CHECK(requests[i]->sent_at == sent[i]);
    REQUIRE(requests[i]->received_at.has_value());
    CHECK(*requests[i]->received_at == sent[i] + 50ms);
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    CAPTURE(i);
    CHECK(text_of(*answers[i]).starts_with("HTTP/1.1 204 No Content\r\n"));
    CHECK(answers[i]->messages.empty());
    CHECK(answers[i]->sent_at - *requests[i]->received_at == 30s);
    REQUIRE(answers[i]->received_at.has_value());
    CHECK(requests[i + 1]->sent_at == *answers[i]->received_at);
  }
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.http_requests == 4);
  CHECK(metrics.empty_responses == 3);
  // One keep-alive connection carries every poll.
  CHECK(lane.connections.size() == 1);
}

TEST_CASE("long polling: messages created while no request is held go together in one 200") {
  // The first message's response leaves at 10 s; the next request arrives at 10.1 s. The
  // messages created at 10.01 and 10.02 s wait for it and leave together at 10.1 s, arriving at
  // 10.15 s. Its body is a JSON array of both 20-byte payloads: 2 + 20 + 3 + 20 + 2 = 47 bytes.
  Scenario scenario = basic_scenario(Transport::long_poll, 20s);
  add_at(scenario, Direction::server_to_client, {10s, 10010ms, 10020ms});
  const Lane lane = run_one_lane(scenario);
  const auto answers = http_frames(lane, "response", server_of(lane), 0);
  REQUIRE(answers.size() == 2);
  CHECK(answers[0]->messages == std::vector<MessageId>{0});
  CHECK(answers[1]->messages == std::vector<MessageId>{1, 2});
  CHECK(answers[1]->sent_at == 10100ms);
  const std::string_view text = text_of(*answers[1]);
  CHECK(text.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(text.find("Content-Type: application/json\r\n") != std::string_view::npos);
  CHECK(text.find("Content-Length: 47\r\n") != std::string_view::npos);
  const std::string_view body = text.substr(text.find("\r\n\r\n") + 4);
  CHECK(body.size() == 47);
  CHECK(body.starts_with("[\"#1 "));
  CHECK(body.find("\",\"#2 ") != std::string_view::npos);
  CHECK(body.ends_with("\"]"));
  REQUIRE(lane.messages.size() == 3);
  CHECK(*lane.messages[1].delivered_at == 10150ms);
  CHECK(*lane.messages[2].delivered_at == 10150ms);
}

TEST_CASE("long polling: a proxy giving up before the timeout answers 504, the client re-polls") {
  // 25 ms each hop. The client's request reaches the proxy at 75 ms (after a 50 ms handshake),
  // the proxy's clock starts: it answers 504 itself at 20.075 s, received at 20.1 s, and drops
  // the upstream connection. The client polls again at once on the same connection; it reaches
  // the proxy at 20.125 s, which gives up again at 40.125 s (received 40.15 s). The server,
  // holding for 30 s, never answers an empty poll. The third poll reaches the proxy at 40.175 s
  // and the server at 40.25 s (a new upstream connection: 50 ms handshake first), and is held: the
  // message created at 50 s crosses both hops, arriving at 50.05 s. The fourth poll leaves then
  // and is still held when the run ends at 60 s.
  Scenario scenario = basic_scenario(Transport::long_poll, 60s);
  scenario.proxy.enabled = true;
  scenario.proxy.max_request_time = 20s;
  add_at(scenario, Direction::server_to_client, {50s});
  const Lane lane = run_one_lane(scenario);
  const EndpointId proxy = 1;
  const EndpointId server = 2;
  REQUIRE(lane.endpoints[proxy].name == "proxy");

  const auto requests = http_frames(lane, "request", 0, std::nullopt);
  const auto answers = http_frames(lane, "response", std::nullopt, 0);
  REQUIRE(requests.size() == 4);
  REQUIRE(answers.size() == 3);
  const std::vector<Nanoseconds> received = {20100ms, 40150ms, 50050ms};
  for (std::size_t i = 0; i < answers.size(); ++i) {
    CAPTURE(i);
    REQUIRE(answers[i]->received_at.has_value());
    CHECK(*answers[i]->received_at == received[i]);
    CHECK(requests[i + 1]->sent_at == received[i]);
  }
  CHECK(text_of(*answers[0]).starts_with("HTTP/1.1 504 Gateway Timeout\r\n"));
  CHECK(text_of(*answers[1]).starts_with("HTTP/1.1 504 Gateway Timeout\r\n"));
  CHECK(text_of(*answers[2]).starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(requests[1]->note.find("504") != std::string::npos);
  // Only the 200 came from the server: it never answered a request the proxy had given up on.
  const auto server_answers = http_frames(lane, "response", server, std::nullopt);
  REQUIRE(server_answers.size() == 1);
  CHECK(server_answers[0]->messages == std::vector<MessageId>{0});
  REQUIRE(lane.messages[0].delivered_at.has_value());
  CHECK(*lane.messages[0].delivered_at == 50050ms);
  // The two 504s count as empty responses on the client's hop.
  CHECK(compute_metrics(lane).empty_responses == 2);
}

TEST_CASE("long polling: a response lost with its connection is sent again on the next poll") {
  // As above, the proxy gives up on the first poll at 20.075 s and closes the upstream
  // connection. The message created at 20.06 s leaves the server in the held request's response
  // and reaches the proxy at 20.085 s, after that close: it is lost. The client polls again as
  // the 504 arrives (20.1 s) with received=0; the poll reaches the proxy at 20.125 s and, over a
  // new upstream connection, the server at 20.2 s, which sends the message again: it arrives at
  // 20.25 s.
  Scenario scenario = basic_scenario(Transport::long_poll, 30s);
  scenario.proxy.enabled = true;
  scenario.proxy.max_request_time = 20s;
  add_at(scenario, Direction::server_to_client, {20060ms});
  const Lane lane = run_one_lane(scenario);
  const auto server_answers = http_frames(lane, "response", 2, std::nullopt);
  REQUIRE(server_answers.size() == 2);
  CHECK(server_answers[0]->sent_at == 20060ms);
  CHECK(server_answers[0]->lost());
  CHECK(server_answers[1]->sent_at == 20200ms);
  CHECK(server_answers[1]->messages == std::vector<MessageId>{0});
  CHECK(server_answers[1]->note.find("sent again") != std::string::npos);
  const auto requests = http_frames(lane, "request", 0, std::nullopt);
  REQUIRE(requests.size() >= 2);
  CHECK(first_line(*requests[1]) == "GET /lp?client=1&received=0 HTTP/1.1");
  REQUIRE(lane.messages[0].delivered_at.has_value());
  CHECK(*lane.messages[0].delivered_at == 20250ms);
}

TEST_CASE("long polling: when the proxy closes the held poll the browser polls on a new one") {
  // The proxy closes connections idle for 10 s. The first poll reaches it at 75 ms, so it closes
  // both sides at 10.075 s; the client sees the FIN at 10.1 s and opens a new connection at
  // once: its poll leaves at 10.15 s after the handshake. That one is closed in turn at 20.175 s
  // (it passed the proxy at 20.175 - 10 s), seen at 20.2 s, and a third connection's poll
  // leaves at 20.25 s.
  Scenario scenario = basic_scenario(Transport::long_poll, 25s);
  scenario.proxy.enabled = true;
  scenario.proxy.idle_timeout = 10s;
  const Lane lane = run_one_lane(scenario);
  const auto requests = http_frames(lane, "request", 0, std::nullopt);
  REQUIRE(requests.size() == 3);
  CHECK(requests[0]->sent_at == 50ms);
  CHECK(requests[1]->sent_at == 10150ms);
  CHECK(requests[2]->sent_at == 20250ms);
  CHECK(requests[0]->connection != requests[1]->connection);
  CHECK(requests[1]->connection != requests[2]->connection);
  CHECK(requests[1]->note.find("closed") != std::string::npos);
  CHECK(http_frames(lane, "response", std::nullopt, std::nullopt).empty());
}

TEST_CASE("long polling: client-to-server messages go as POST /send on a second connection") {
  // The poll holds the first connection, so the message created at 10 s opens a second one:
  // handshake until 10.1 s, the POST arrives at 10.15 s. The one at 20 s reuses that idle
  // second connection: it arrives at 20.05 s.
  Scenario scenario = basic_scenario(Transport::long_poll, 30s);
  add_at(scenario, Direction::client_to_server, {10s, 20s});
  const Lane lane = run_one_lane(scenario);
  const auto posts = http_frames(lane, "request", 0, std::nullopt);
  std::vector<const WireFrame*> sends;
  const WireFrame* poll = nullptr;
  for (const WireFrame* request : posts) {
    if (text_of(*request).starts_with("POST ")) sends.push_back(request);
    if (text_of(*request).starts_with("GET ") && !poll) poll = request;
  }
  REQUIRE(poll != nullptr);
  REQUIRE(sends.size() == 2);
  CHECK(first_line(*sends[0]) == "POST /send?client=1 HTTP/1.1");
  CHECK(sends[0]->connection != poll->connection);
  CHECK(sends[1]->connection == sends[0]->connection);
  REQUIRE(lane.messages.size() == 2);
  CHECK(*lane.messages[0].delivered_at == 10150ms);
  CHECK(*lane.messages[1].delivered_at == 20050ms);
  const LaneMetrics metrics = compute_metrics(lane);
  CHECK(metrics.peak_server_connections == 2);
  CHECK(lane.connections.size() == 2);
  // The server's 204 to a POST is an acknowledgement, not an empty poll.
  CHECK(metrics.empty_responses == 0);
}

TEST_CASE("long polling: two clients each hold their own poll") {
  // Both clients poll from 100 ms; the message each gets at 10 s goes in its own held request's
  // response and arrives 50 ms later.
  Scenario scenario = basic_scenario(Transport::long_poll, 20s);
  scenario.clients = 2;
  add_at(scenario, Direction::server_to_client, {10s});
  const Lane lane = run_one_lane(scenario);
  const EndpointId server = server_of(lane);
  REQUIRE(server == 2);
  for (EndpointId client = 0; client < 2; ++client) {
    CAPTURE(client);
    const auto requests = http_frames(lane, "request", client, std::nullopt);
    REQUIRE_FALSE(requests.empty());
    CHECK(first_line(*requests[0]) ==
          "GET /lp?client=" + std::to_string(client + 1) + "&received=0 HTTP/1.1");
    // Both polls are held at once: each arrived at 150 ms and was answered at 10 s.
    CHECK(*requests[0]->received_at == 150ms);
    const auto answers = http_frames(lane, "response", server, client);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0]->sent_at == 10s);
    REQUIRE(answers[0]->messages.size() == 1);
    const Message& message = lane.messages.at(answers[0]->messages[0]);
    CHECK(message.client == client);
    CHECK(*message.delivered_at == 10050ms);
  }
  CHECK(compute_metrics(lane).peak_server_connections == 2);
}
