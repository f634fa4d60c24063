// Lesson 9, proxies and firewalls: every figure its text states, computed from the scenarios it
// points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

sim::EndpointId endpoint_of(const sim::Lane& lane, sim::EndpointRole role) {
  const auto found = std::find_if(lane.endpoints.begin(), lane.endpoints.end(),
                                  [&](const sim::Endpoint& e) { return e.role == role; });
  REQUIRE(found != lane.endpoints.end());
  return static_cast<sim::EndpointId>(found - lane.endpoints.begin());
}

// The index of the first frame at or after `from` that goes from `sender` to `receiver` in
// `layer`, of `kind` when one is given.
std::size_t find_frame(const sim::Lane& lane, sim::EndpointId sender, sim::EndpointId receiver,
                       sim::Layer layer, std::string_view kind = {}, std::size_t from = 0) {
  for (std::size_t i = from; i < lane.frames.size(); ++i) {
    const sim::WireFrame& f = lane.frames[i];
    if (f.from == sender && f.to == receiver && f.layer == layer &&
        (kind.empty() || f.kind == kind))
      return i;
  }
  FAIL("no such frame");
  return 0;
}

std::string body_of(const sim::WireFrame& frame) {
  const std::string text = text_of(frame);
  std::string body = text.substr(text.find("\r\n\r\n") + 4);
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return body;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::size_t count_504(const sim::Lane& lane, sim::EndpointId to) {
  return static_cast<std::size_t>(
      std::count_if(lane.frames.begin(), lane.frames.end(),
                    [&](const sim::WireFrame& f) { return f.to == to && labelled(f, "504"); }));
}

std::string count_of(std::size_t n) {
  return std::to_string(n);
}

}  // namespace

TEST_CASE("lesson 9, proxies and firewalls: the stripped handshake, wss:// and the fallback") {
  const LoadedLesson lesson = load("09-proxies-and-firewalls.md");
  check_final_quiz(lesson.lesson);
  CHECK(lesson.lesson.steps.back().quiz.size() == 5);
  const std::string quiz = lesson.quiz_text();
  const std::string upgrade_line = "Upgrade: websocket\r\n";
  const std::string connection_line = "Connection: Upgrade\r\n";

  SUBCASE("through the proxy, Upgrade and Connection are removed") {
    const std::string title = "Through the proxy, `Upgrade` disappears";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario scenario = scenario_of(lesson, title);
    CHECK(scenario.proxy.strip_upgrade);
    CHECK_FALSE(scenario.network.tls);
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);
    const sim::EndpointId server = endpoint_of(lane, sim::EndpointRole::server);

    const std::size_t first = find_labelled(lane, "GET /ws");
    const sim::WireFrame& request = lane.frames[first];
    CHECK(request.from == client);
    CHECK(request.to == proxy);
    const std::size_t onward = find_labelled(lane, "GET /ws", first + 1);
    CHECK(onward == 7);  // the selected websocket:7
    const sim::WireFrame& forwarded = lane.frames[onward];
    CHECK(forwarded.from == proxy);
    CHECK(forwarded.to == server);

    const Nanoseconds hop = *request.received_at - request.sent_at;
    CHECK(*forwarded.received_at - forwarded.sent_at == hop);
    CHECK(2 * hop == scenario.network.latency);
    says(text, "splits the " + std::to_string(scenario.network.latency / 1ms) +
                   " ms into two hops of " + std::to_string(hop / 1ms) + " ms");
    says(text, "`Connection: Upgrade`, " + std::to_string(request.size()) +
                   " bytes. The proxy has it at " + seconds(*request.received_at, 3));
    // It opens its own connection first: a TCP handshake to the server before the request.
    CHECK(lane.frames.at(onward - 3).kind == "syn");
    CHECK(lane.frames.at(onward - 3).from == proxy);
    says(text, "at " + seconds(forwarded.sent_at, 3) + ", passes the request on");
    says(text, "what it sends: " + std::to_string(forwarded.size()) + " bytes,\n" +
                   std::to_string(request.size() - forwarded.size()) + " fewer");
    says(text, "```\n" + head_as_shown(forwarded) + "\n```");

    // Exactly the two hop-by-hop lines are gone.
    const std::string sent = text_of(request);
    const std::string passed = text_of(forwarded);
    CHECK(has(sent, upgrade_line));
    CHECK(has(sent, connection_line));
    CHECK_FALSE(has(passed, "Upgrade:"));
    CHECK_FALSE(has(passed, "Connection:"));
    CHECK(request.size() - forwarded.size() == upgrade_line.size() + connection_line.size());
    says(quiz, "goes in with " + std::to_string(request.size()) + " bytes and comes out with " +
                   std::to_string(forwarded.size()));
  }

  SUBCASE("400 Bad Request: the WebSocket never opens and delivers nothing") {
    const std::string title = "`400 Bad Request`, and the WebSocket is over";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);

    const std::size_t at_server = find_labelled(lane, "400 Bad Request");
    const std::size_t at_browser = find_labelled(lane, "400 Bad Request", at_server + 1);
    CHECK(at_browser == 9);  // the selected websocket:9
    const sim::WireFrame& refusal = lane.frames[at_browser];
    CHECK(refusal.from == proxy);
    CHECK(refusal.to == client);
    CHECK(refusal.bytes == lane.frames[at_server].bytes);
    says(text, "`400 Bad Request`,\n" + std::to_string(refusal.size()) + " bytes");
    says(text, "says why in the body: `" + body_of(refusal) + "`");
    says(text, "it reaches the browser at " + seconds(*refusal.received_at, 1));

    // The browser's FIN goes out the moment the 400 is in.
    const sim::WireFrame& fin =
        lane.frames[find_frame(lane, client, proxy, sim::Layer::tcp, "fin", at_browser)];
    CHECK(fin.sent_at == *refusal.received_at);
    CHECK(has(fin.note, "onclose with 1006"));
    CHECK(count_labelled(lane, "101") == 0);

    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.connections_opened == 1);  // final: no second try
    CHECK(metrics.delivered == 0);
    CHECK(metrics.lost == lane.messages.size());
    const auto from_server = static_cast<std::size_t>(std::count_if(
        lane.messages.begin(), lane.messages.end(),
        [](const sim::Message& m) { return m.direction == sim::Direction::server_to_client; }));
    says(text, "delivers none of its " + count_of(lane.messages.size()) +
                   " messages: " + count_of(from_server) + " from the server and " +
                   count_of(lane.messages.size() - from_server) + "\nfrom the browser");
    says(quiz, "delivers none of its " + count_of(lane.messages.size()) + " messages");
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /ws")];
    CHECK(metrics.bytes.setup == request.size() + refusal.size());
    says(text, "cost " + std::to_string(metrics.bytes.setup) + " bytes (" +
                   std::to_string(request.size()) + " + " + std::to_string(refusal.size()) + ")");
  }

  SUBCASE("wss://: the proxy relays TLS records and the handshake passes") {
    const std::string title = "`wss://`: the proxy sees only records";
    const std::string& text = lesson.step(title).text;
    const sim::Scenario scenario = scenario_of(lesson, title);
    CHECK(scenario.network.tls);
    CHECK(scenario.proxy.strip_upgrade);
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);
    const sim::EndpointId server = endpoint_of(lane, sim::EndpointRole::server);

    const sim::WireFrame& hello =
        lane.frames[find_frame(lane, client, proxy, sim::Layer::tls, "client-hello")];
    says(text, "TLS ClientHello at " + seconds(hello.sent_at, 2));
    const sim::WireFrame& flight =
        lane.frames[find_frame(lane, proxy, client, sim::Layer::tls, "server-hello")];
    says(text, "reaches the browser at " + seconds(*flight.received_at, 1));
    const sim::WireFrame& finished =
        lane.frames[find_frame(lane, client, proxy, sim::Layer::tls, "finished")];
    const sim::WireFrame& request = lane.frames[find_frame(lane, client, proxy, sim::Layer::http)];
    CHECK(finished.sent_at == *flight.received_at);
    CHECK(request.sent_at == finished.sent_at);  // at once
    says(text, "the same `GET /ws` of " + std::to_string(request.size()) + " bytes");
    // The same request as over ws:// in the first step.
    const sim::Trace plain = lesson.run("Through the proxy, `Upgrade` disappears");
    const sim::Lane& plain_lane = lane_of(plain, Transport::websocket);
    const sim::WireFrame& plain_request = plain_lane.frames[find_labelled(plain_lane, "GET /ws")];
    CHECK(request.bytes == plain_request.bytes);

    const sim::WireFrame& onward = lane.frames[find_frame(lane, proxy, server, sim::Layer::http)];
    CHECK(onward.bytes == request.bytes);  // nothing removed
    CHECK(has(text_of(onward), upgrade_line));
    says(text, "The server receives all " + std::to_string(onward.size()) + " bytes");
    says(quiz, "the server gets all " + std::to_string(onward.size()) + " bytes");

    const sim::WireFrame& accepted = lane.frames.at(15);  // the selected websocket:15
    CHECK(labelled(accepted, "101 Switching Protocols"));
    CHECK(accepted.to == client);
    says(text, "browser at " + seconds(*accepted.received_at, 1) + ". From then on");
    says(quiz, "101 reaches the browser at " + seconds(*accepted.received_at, 1));

    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.lost == 0);
    CHECK(metrics.latency.max == metrics.latency.mean);
    says(text, "All " + count_of(metrics.delivered) + "\nmessages arrive, each in " +
                   ms(metrics.latency.mean));

    // One round trip more than the 400 over ws://.
    const sim::Trace refused = lesson.run("`400 Bad Request`, and the WebSocket is over");
    const sim::Lane& refused_lane = lane_of(refused, Transport::websocket);
    const std::size_t first_400 = find_labelled(refused_lane, "400");
    const sim::WireFrame& refusal =
        refused_lane.frames[find_labelled(refused_lane, "400", first_400 + 1)];
    CHECK(*accepted.received_at - *refusal.received_at == 2 * scenario.network.latency);
    says(text, "the `101` comes at " + seconds(*accepted.received_at, 1) +
                   ", where the 400\ncame at " + seconds(*refusal.received_at, 1));

    std::uint64_t tls_bytes = 0;
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer == sim::Layer::tls && (f.from == client || f.to == client)) tls_bytes += f.size();
    }
    CHECK(tls_bytes == hello.size() + flight.size() + finished.size());
    says(text, "adds " + std::to_string(tls_bytes) + " bytes on the browser's link (" +
                   std::to_string(hello.size()) + " for the ClientHello, " +
                   std::to_string(flight.size()) + " for\nthe server's flight, " +
                   std::to_string(finished.size()) + " for the Finished; modelled sizes)");
    CHECK(hello.modelled());
    CHECK(flight.modelled());
    CHECK(finished.modelled());
  }

  SUBCASE("the fallback: long polling delivers what the WebSocket could not") {
    const std::string title = "Falling back: the same traffic over long polling";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);
    const sim::EndpointId server = endpoint_of(lane, sim::EndpointRole::server);

    // The proxy passes GET /lp on byte for byte.
    const sim::WireFrame& poll = lane.frames[find_frame(lane, client, proxy, sim::Layer::http)];
    const sim::WireFrame& onward = lane.frames[find_frame(lane, proxy, server, sim::Layer::http)];
    CHECK(labelled(poll, "GET /lp"));
    CHECK(onward.bytes == poll.bytes);
    CHECK_FALSE(has(text_of(poll), "Upgrade:"));

    const sim::WireFrame& selected = lane.frames.at(9);  // long-poll:9
    CHECK(selected.to == client);
    REQUIRE(selected.messages == std::vector<sim::MessageId>{0});
    says(text, "that message to the browser at " + seconds(*selected.received_at, 2) + ", " +
                   ms(latency(lane.messages[0])) + " after it was created");

    const sim::LaneMetrics long_poll = sim::compute_metrics(lane);
    const sim::LaneMetrics websocket = sim::compute_metrics(lane_of(trace, Transport::websocket));
    CHECK(long_poll.lost == 0);
    CHECK(websocket.delivered == 0);
    says(text, "delivers all " + count_of(long_poll.delivered) + " messages, " +
                   ms(long_poll.latency.mean) + " on average");
    says(quiz, "delivers all " + count_of(long_poll.delivered) + " messages, " +
                   ms(long_poll.latency.mean) + " on average");
    for (const Transport other : {Transport::short_poll, Transport::sse}) {
      const sim::LaneMetrics metrics = sim::compute_metrics(lane_of(trace, other));
      CHECK(metrics.lost == 0);
      CHECK(metrics.delivered == long_poll.delivered);
    }
    says(text, "Short\npolling and Server-Sent Events deliver all " +
                   count_of(long_poll.delivered) + " too");

    const sim::Lane& ws = lane_of(trace, Transport::websocket);
    const std::size_t first_400 = find_labelled(ws, "400");
    const sim::WireFrame& refusal = ws.frames[find_labelled(ws, "400", first_400 + 1)];
    says(text, "the 400 came back " + seconds(*refusal.received_at, 1) + " after the start");
  }

  SUBCASE("Socket.IO: the probe is refused, and the session stays on polling") {
    const std::string title = "Socket.IO falls back by itself";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::engine_io);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);

    const sim::WireFrame& first = lane.frames[find_frame(lane, client, proxy, sim::Layer::http)];
    CHECK(text_of(first).starts_with("GET /socket.io/?client=1&EIO=4&transport=polling&t="));
    says(text, "a plain `GET /socket.io/?EIO=4&transport=polling`");
    const auto open = std::find_if(lane.frames.begin(), lane.frames.end(), [](const auto& f) {
      return f.layer == sim::Layer::http && has(text_of(f), "\r\n\r\n0{\"sid\":");
    });
    REQUIRE(open != lane.frames.end());
    CHECK(has(text_of(*open), "\"upgrades\":[\"websocket\"]"));

    const sim::WireFrame& selected = lane.frames.at(32);  // engine.io:32
    CHECK(selected.to == client);
    CHECK(text_of(selected).starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(has(text_of(selected), "{\"code\":3,\"message\":\"Bad request\"}"));
    says(text, "`{\"code\":3,\"message\":\"Bad request\"}`, " + std::to_string(selected.size()) +
                   " bytes, the selected frame, at the browser at " +
                   seconds(*selected.received_at, 1));
    CHECK(count_labelled(lane, "101") == 0);  // no WebSocket ever opens

    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.lost == 0);
    says(text, "delivers all " + count_of(metrics.delivered) + " messages, " +
                   ms(metrics.latency.mean) + " on average");
    says(quiz, "delivers all " + count_of(metrics.delivered) + " messages too, " +
                   ms(metrics.latency.mean) + " on average");
  }

  SUBCASE("a proxy's limit on held requests: 504, and the gap after it") {
    const std::string title = "The fallback has a limit too";
    const std::string& text = lesson.step(title).text;
    sim::Scenario scenario = scenario_of(lesson, title);
    const Nanoseconds limit = scenario.proxy.max_request_time;
    says(text, "`proxy.max_request_s` to " + std::to_string(limit / 1s));
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::long_poll);
    const sim::EndpointId client = endpoint_of(lane, sim::EndpointRole::client);
    const sim::EndpointId proxy = endpoint_of(lane, sim::EndpointRole::proxy);
    const sim::EndpointId server = endpoint_of(lane, sim::EndpointRole::server);

    const sim::WireFrame& timeout = lane.frames.at(66);  // the selected long-poll:66
    CHECK(labelled(timeout, "504 Gateway Timeout"));
    CHECK(timeout.from == proxy);
    CHECK(timeout.to == client);
    // The first 504, answering the request the proxy passed on `limit` earlier.
    CHECK(find_labelled(lane, "504") == 66);
    const sim::WireFrame& held = lane.frames[65];
    CHECK(held.from == proxy);
    CHECK(labelled(held, "GET /lp"));
    CHECK(timeout.sent_at - held.sent_at == limit);
    says(text, "A `GET /lp` reaches the proxy at " + seconds(held.sent_at, 3) + ", and no message" +
                   " comes for the next " + std::to_string(limit / 1s) + " s. At " +
                   seconds(timeout.sent_at, 3));
    says(text, "`504 Gateway Timeout`, " + std::to_string(timeout.size()) +
                   " bytes, the selected frame, at the browser at\n" +
                   seconds(*timeout.received_at, 3));
    // The proxy drops its connection to the server and opens a new one for the next poll.
    const sim::WireFrame& dropped = lane.frames.at(67);
    CHECK(dropped.kind == "fin");
    CHECK(dropped.from == proxy);
    CHECK(dropped.connection == held.connection);
    const sim::WireFrame& again =
        lane.frames[find_frame(lane, client, proxy, sim::Layer::http, "request", 67)];
    CHECK(again.sent_at == *timeout.received_at);  // at once
    const sim::WireFrame& reopened =
        lane.frames[find_frame(lane, proxy, server, sim::Layer::tcp, "syn", 67)];
    CHECK(reopened.connection != held.connection);
    const sim::WireFrame& passed =
        lane.frames[find_frame(lane, proxy, server, sim::Layer::http, "request", 67)];
    CHECK(passed.connection == reopened.connection);

    // The message created in the gap.
    const auto late =
        std::find_if(lane.messages.begin(), lane.messages.end(),
                     [&](const sim::Message& m) { return m.created_at > timeout.sent_at; });
    REQUIRE(late != lane.messages.end());
    CHECK(late->created_at < *passed.received_at);  // no request held at the server
    const sim::Trace without = sim::simulate([&] {
      sim::Scenario s = scenario;
      s.proxy.max_request_time = Nanoseconds{0};
      return s;
    }());
    const sim::Lane& before = lane_of(without, Transport::long_poll);
    const auto index = static_cast<std::size_t>(late - lane.messages.begin());
    says(text, "A message created at " + seconds(late->created_at, 3) +
                   " finds no request held\nat the server and arrives in " + ms(latency(*late)) +
                   " instead of " + ms(latency(before.messages.at(index))));
    says(quiz,
         "takes " + ms(latency(*late)) + " instead of " + ms(latency(before.messages.at(index))));

    const sim::LaneMetrics with = sim::compute_metrics(lane);
    const sim::LaneMetrics plain = sim::compute_metrics(before);
    CHECK(with.lost == 0);
    const std::size_t timeouts = count_504(lane, client);
    says(text, "the proxy answers 504\n" + count_of(timeouts) + " times, and the browser makes " +
                   count_of(with.http_requests) + " requests instead of " +
                   count_of(plain.http_requests));
    says(quiz, count_of(timeouts) + " answers of 504, " + count_of(with.http_requests) +
                   " requests instead of " + count_of(plain.http_requests));
    says(text, "mean latency rises from " +
                   fixed(static_cast<double>(plain.latency.mean.count()) / 1e6, 1) + " to\n" +
                   ms(with.latency.mean));

    // The cure: the server ends its hold before the proxy's limit.
    scenario.long_poll.timeout = limit - 1s;
    const sim::Trace cured = sim::simulate(scenario);
    const sim::Lane& cured_lane = lane_of(cured, Transport::long_poll);
    CHECK(count_504(cured_lane, client) == 0);
    CHECK(count_labelled(cured_lane, "204") > 0);
    says(text, "`long_poll.timeout_s` at " + std::to_string(scenario.long_poll.timeout / 1s) +
                   ", the server ends each hold with a `204` first");
  }
}

}  // namespace pushlab::lesson_test
