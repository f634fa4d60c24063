// Lesson 3, the WebSocket opening handshake: every figure its text states, computed from the
// scenarios it points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "sim/wire/websocket/handshake.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

TEST_CASE("lesson 3, the WebSocket opening handshake: its bytes are the simulator's") {
  const LoadedLesson lesson = load("03-websocket-handshake.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  namespace ws = sim::wire::websocket;

  SUBCASE("the request, shown byte for byte") {
    const std::string& text = lesson.step("The request: `Upgrade: websocket`").text;
    const sim::Trace trace = lesson.run("The request: `Upgrade: websocket`");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /ws")];
    says(text, "at " + seconds(request.sent_at, 1) + ", the browser sends");
    says(text, "request of\n" + std::to_string(request.size()) + " bytes");
    says(text, "```\n" + head_as_shown(request) + "\n```");
  }

  SUBCASE("the accept value: the RFC's example and chat's own key") {
    const std::string& text = lesson.step("Computing the accept value").text;
    const ws::AcceptComputation rfc = ws::compute_accept("dGhlIHNhbXBsZSBub25jZQ==");
    CHECK(rfc.accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455 section 1.3
    says(text, "`" + rfc.key_and_guid.substr(rfc.key.size()) + "`");
    says(text, "SHA-1 of those " + std::to_string(rfc.key_and_guid.size()) + " bytes: `" +
                   hex(rfc.sha1) + "`");
    says(text, "`" + rfc.accept + "`");
    says(quiz, "dGhlIHNhbXBsZSBub25jZQ== gives " + rfc.accept);

    const sim::Trace trace = lesson.run("Computing the accept value");

    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const std::string request = text_of(lane.frames[find_labelled(lane, "GET /ws")]);
    const std::string field = "Sec-WebSocket-Key: ";
    const std::size_t at = request.find(field);
    REQUIRE(at != std::string::npos);
    const std::string key =
        request.substr(at + field.size(), request.find("\r\n", at) - at - field.size());
    const std::string accept = ws::compute_accept(key).accept;
    says(text, "the key is\n`" + key + "`");
    says(text, "`pushlab-cli handshake --key " + key + "` gives\n`" + accept + "`");
    const std::string response = text_of(lane.frames[find_labelled(lane, "101")]);
    CHECK(response.find("Sec-WebSocket-Accept: " + accept + "\r\n") != std::string::npos);
  }

  SUBCASE("101 Switching Protocols, the setup bytes and the first frame") {
    const std::string& text = lesson.step("`101 Switching Protocols`").text;
    const sim::Trace trace = lesson.run("`101 Switching Protocols`");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /ws")];
    const sim::WireFrame& response = lane.frames[find_labelled(lane, "101 Switching Protocols")];
    says(text, "answer is " + std::to_string(response.size()) +
                   " bytes and reaches the browser at " + seconds(*response.received_at, 1));
    says(text, "```\n" + head_as_shown(response) + "\n```");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.bytes.setup == request.size() + response.size());
    says(text, "cost " + std::to_string(metrics.bytes.setup) + " bytes (" +
                   std::to_string(request.size()) + " + " + std::to_string(response.size()) + ")");
    says(quiz, std::to_string(metrics.bytes.setup) + " bytes, once per connection");
    // The selected frame, websocket:5, carries the first message.
    const sim::WireFrame& frame = lane.frames.at(5);
    CHECK(frame.layer == sim::Layer::websocket);
    REQUIRE(frame.messages == std::vector<sim::MessageId>{0});
    const sim::Message& first = lane.messages[0];
    CHECK(first.created_at == 1s);
    says(text, "text frame of " + std::to_string(frame.size()) + " bytes (" +
                   std::to_string(frame.size() - first.payload_bytes) + " of\nheader, " +
                   std::to_string(first.payload_bytes) + " of payload)");
    says(text, "delivered " + std::to_string(latency(first) / 1ms) + " ms later");
  }

  SUBCASE("a proxy that strips Upgrade: 400, and nothing delivered") {
    const std::string& text = lesson.step("When the `Upgrade` does not arrive").text;
    const sim::Trace trace = lesson.run("When the `Upgrade` does not arrive");
    const sim::Lane& lane = lane_of(trace, Transport::websocket);
    CHECK(count_labelled(lane, "101") == 0);
    CHECK(count_labelled(lane, "400 Bad Request") > 0);
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.delivered == 0);
    says(text, "run's " + std::to_string(metrics.lost) + " messages, none is delivered");
  }
}

}  // namespace pushlab::lesson_test
