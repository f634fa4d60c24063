// Lesson 6, Server-Sent Events: every figure its text states, computed from the scenarios it
// points at.

#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "sim/trace/metrics.hpp"
#include "sim/transports/browser_connections.hpp"
#include "sim/transports/simulate.hpp"
#include "sim/wire/sse/parser.hpp"
#include "tests/lessons/lesson_support.hpp"

namespace pushlab::lesson_test {

namespace {

bool from_role(const sim::Lane& lane, const sim::WireFrame& frame, sim::EndpointRole role) {
  return lane.endpoints[frame.from].role == role;
}
bool to_role(const sim::Lane& lane, const sim::WireFrame& frame, sim::EndpointRole role) {
  return lane.endpoints[frame.to].role == role;
}

// Every frame of a layer and kind, in send order.
std::vector<const sim::WireFrame*> frames_of(const sim::Lane& lane, sim::Layer layer,
                                             std::string_view kind) {
  std::vector<const sim::WireFrame*> found;
  for (const sim::WireFrame& frame : lane.frames) {
    if (frame.layer == layer && frame.kind == kind) found.push_back(&frame);
  }
  return found;
}

// The frames that carry a message, in send order.
std::vector<const sim::WireFrame*> carrying(const sim::Lane& lane, sim::MessageId id) {
  std::vector<const sim::WireFrame*> found;
  for (const sim::WireFrame& frame : lane.frames) {
    if (std::find(frame.messages.begin(), frame.messages.end(), id) != frame.messages.end())
      found.push_back(&frame);
  }
  return found;
}

// A chunk of a chunked body: its size, as the hex digits before the first CR LF, and what it
// carries.
struct Chunk {
  std::string size_hex;
  std::size_t size = 0;
  std::string data;
};

Chunk chunk_of(const sim::WireFrame& frame) {
  const std::string text = text_of(frame);
  Chunk chunk;
  chunk.size_hex = text.substr(0, text.find("\r\n"));
  std::from_chars(chunk.size_hex.data(), chunk.size_hex.data() + chunk.size_hex.size(), chunk.size,
                  16);
  chunk.data = text.substr(chunk.size_hex.size() + 2, chunk.size);
  CHECK(text == chunk.size_hex + "\r\n" + chunk.data + "\r\n");
  return chunk;
}

// What the browser's EventSource fires for an event's chunk.
sim::wire::sse::MessageEvent dispatched(const sim::WireFrame& frame) {
  sim::wire::sse::Parser parser;
  parser.feed(sim::wire::to_bytes(chunk_of(frame).data));
  auto event = parser.next();
  REQUIRE(event);
  CHECK_FALSE(parser.next());
  return *event;
}

// A frame's bytes as the lesson's code block shows them: a line per LF, with "\r" and "\n"
// written out.
std::string shown_with_line_ends(const sim::WireFrame& frame) {
  std::string shown;
  for (const char c : text_of(frame)) {
    if (c == '\r') {
      shown += "\\r";
    } else if (c == '\n') {
      shown += "\\n\n";
    } else {
      shown += c;
    }
  }
  return shown;
}

// The value of a field in an HTTP head ("" if absent).
std::string field_of(const sim::WireFrame& frame, const std::string& name) {
  const std::string text = text_of(frame);
  const std::string key = "\r\n" + name + ": ";
  const auto at = text.find(key);
  if (at == std::string::npos) return {};
  const auto start = at + key.size();
  return text.substr(start, text.find("\r\n", start) - start);
}

// The request line's target: "/events?client=1" of "GET /events?client=1 HTTP/1.1".
std::string target_of(const sim::WireFrame& request) {
  const std::string text = text_of(request);
  const auto start = text.find(' ') + 1;
  return text.substr(start, text.find(' ', start) - start);
}

std::string retry_line(const sim::WireFrame& retry) {
  std::string line = chunk_of(retry).data;
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

std::size_t count_direction(const sim::Lane& lane, sim::Direction direction) {
  return static_cast<std::size_t>(std::count_if(
      lane.messages.begin(), lane.messages.end(),
      [direction](const sim::Message& message) { return message.direction == direction; }));
}

// The events the server itself sent (behind a proxy, not the proxy's copies) of a lane.
std::vector<const sim::WireFrame*> server_events(const sim::Lane& lane) {
  std::vector<const sim::WireFrame*> found;
  for (const sim::WireFrame* event : frames_of(lane, sim::Layer::sse, "event")) {
    if (from_role(lane, *event, sim::EndpointRole::server)) found.push_back(event);
  }
  return found;
}

// The proxy's FIN to the client when it closed an idle connection: the first one.
const sim::WireFrame& idle_cut(const sim::Lane& lane) {
  for (const sim::WireFrame& frame : lane.frames) {
    if (frame.kind == "fin" && frame.note.find("idle for") != std::string::npos &&
        to_role(lane, frame, sim::EndpointRole::client))
      return frame;
  }
  FAIL("no idle cut");
  return lane.frames.front();
}

// The server's frame for a message, lost because it reached the proxy after the cut.
const sim::WireFrame& lost_copy(const sim::Lane& lane, sim::MessageId id) {
  for (const sim::WireFrame* frame : carrying(lane, id)) {
    if (frame->lost()) return *frame;
  }
  FAIL("no lost frame for message " << id);
  return lane.frames.front();
}

// The browser's first SYN after a moment: the reconnection.
const sim::WireFrame& syn_after(const sim::Lane& lane, Nanoseconds after) {
  for (const sim::WireFrame& frame : lane.frames) {
    if (frame.kind == "syn" && frame.sent_at > after &&
        from_role(lane, frame, sim::EndpointRole::client))
      return frame;
  }
  FAIL("no SYN after " << after.count());
  return lane.frames.front();
}

}  // namespace

TEST_CASE("lesson 6, Server-Sent Events: the stream, resuming, a buffering proxy, six tabs") {
  const LoadedLesson lesson = load("06-server-sent-events.md");
  check_final_quiz(lesson.lesson);
  const std::string quiz = lesson.quiz_text();
  using sim::EndpointRole;
  using sim::Layer;

  SUBCASE("the stream opens: one GET, a 200 head that never ends, the retry chunk") {
    const std::string& text = lesson.step("The stream opens").text;
    const sim::Trace trace = lesson.run("The stream opens");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& request = lane.frames[find_labelled(lane, "GET /events")];
    says(text, "new EventSource(\"" + target_of(request) + "\")");
    says(text, "at " + seconds(request.sent_at, 1) + ", the browser sends a `GET` of " +
                   std::to_string(request.size()) + " bytes:");
    says(text, "```\n" + head_as_shown(request) + "\n```");
    CHECK(field_of(request, "Accept") == "text/event-stream");
    CHECK(field_of(request, "Cache-Control") == "no-cache");
    says(text, "`Accept: " + field_of(request, "Accept") +
                   "` and `Cache-Control: " + field_of(request, "Cache-Control") + "`");

    const sim::WireFrame& head = lane.frames.at(4);  // the selected sse:4
    REQUIRE(head.kind == "response-head");
    CHECK(head.sent_at == *request.received_at);  // at once
    says(text, "selected head, " + std::to_string(head.size()) + " bytes:");
    says(text, "```\n" + head_as_shown(head) + "\n```");
    CHECK(field_of(head, "Content-Type") == "text/event-stream");
    CHECK(field_of(head, "Transfer-Encoding") == "chunked");
    CHECK(field_of(head, "Content-Length").empty());
    says(text, "The head reaches the browser at " + seconds(*head.received_at, 1));

    const sim::WireFrame& retry = lane.frames.at(5);
    REQUIRE(retry.kind == "retry");
    CHECK(retry.sent_at == head.sent_at);
    says(text, "The first chunk comes with the head, " + std::to_string(retry.size()) +
                   " bytes: `" + retry_line(retry) + "`");

    // The stream's opening is setup, as a WebSocket's handshake is; no event is.
    CHECK(request.setup);
    CHECK(head.setup);
    CHECK(retry.setup);
    for (const sim::WireFrame* event : frames_of(lane, Layer::sse, "event")) {
      CHECK_FALSE(event->setup);
    }
    const std::uint64_t opening = request.size() + head.size() + retry.size();
    CHECK(sim::compute_metrics(lane).bytes.setup == opening);  // one stream in the whole run
    says(text, "The request, the head and this chunk open the stream: " + std::to_string(opening) +
                   " bytes, paid once per connection, as a\nWebSocket's opening handshake is");
  }

  SUBCASE("the first event, byte by byte: chunk framing, id and data lines, the blank line") {
    const std::string& text = lesson.step("The first event, byte by byte").text;
    const sim::Trace trace = lesson.run("The first event, byte by byte");
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& event = lane.frames.at(6);  // the selected sse:6
    REQUIRE(event.messages == std::vector<sim::MessageId>{0});
    const sim::Message& message = lane.messages[0];
    says(text, "The first message is created at " + seconds(message.created_at, 1));
    CHECK(event.sent_at == message.created_at);  // at once
    says(text, "that event, " + std::to_string(event.size()) + " bytes");
    says(text, "```\n" + shown_with_line_ends(event) + "```");

    const Chunk chunk = chunk_of(event);
    says(text, "`" + chunk.size_hex + "` is the chunk's size in hexadecimal, " +
                   std::to_string(chunk.size) + " bytes");
    says(text, "Inside are the " + std::to_string(chunk.size) + " bytes of the event");
    const auto fired = dispatched(event);
    CHECK(fired.data.size() == message.payload_bytes);
    says(text, "`id: " + fired.last_event_id + "` gives the event an id");
    says(text, "`data: " + fired.data + "` is the message, " +
                   std::to_string(message.payload_bytes) + " bytes");
    CHECK(chunk.data.ends_with("\n\n"));  // the empty line
    says(text, "fires a `" + fired.type + "`\nevent");
    says(text, "`event.data` is `" + fired.data + "` and `event.lastEventId` is\n`" +
                   fired.last_event_id + "`");
    says(text, "It arrives at " + seconds(*message.delivered_at, 2) + ", " + ms(latency(message)) +
                   " after it was created");
    says(quiz, "id: " + fired.last_event_id + ", data: " + fired.data + " and an empty line, " +
                   std::to_string(chunk.size) + " bytes in one chunk");
  }

  SUBCASE("an event against a WebSocket frame: framing, and the way back by POST") {
    const std::string& text = lesson.step("An event against a WebSocket frame").text;
    const sim::Trace trace = lesson.run("An event against a WebSocket frame");
    const sim::Lane& sse = lane_of(trace, Transport::sse);
    const sim::Lane& ws = lane_of(trace, Transport::websocket);

    const sim::WireFrame& frame = ws.frames.at(5);  // the selected websocket:5
    REQUIRE(frame.messages == std::vector<sim::MessageId>{0});
    const auto ws_frame = decoded(frame);
    says(text, "is " + std::to_string(frame.size()) + " bytes: a " +
                   std::to_string(ws_frame.header_size) + "-byte header and the " +
                   std::to_string(ws_frame.frame.payload.size()) + " bytes of text");
    const sim::WireFrame& event = *carrying(sse, 0).front();
    const Chunk chunk = chunk_of(event);
    const std::size_t payload = sse.messages[0].payload_bytes;
    says(text, "The event took " + std::to_string(event.size()) + ": " +
                   std::to_string(chunk.size - payload) + " bytes of event framing (`id: " +
                   dispatched(event).last_event_id + "`, `data: ` and three line ends) and " +
                   std::to_string(event.size() - chunk.size) + " of chunk framing");

    // Server to client, over the run.
    const auto pushed = [](const sim::Lane& lane) {
      std::size_t frames = 0;
      std::uint64_t bytes = 0;
      std::uint64_t payload_bytes = 0;
      for (const sim::WireFrame& f : lane.frames) {
        if (f.messages.empty() || !from_role(lane, f, EndpointRole::server)) continue;
        ++frames;
        bytes += f.size();
        for (const sim::MessageId id : f.messages) payload_bytes += lane.messages[id].payload_bytes;
      }
      const double framing =
          static_cast<double>(bytes - payload_bytes) / static_cast<double>(frames);
      return std::tuple{frames, bytes, framing};
    };
    const auto [events, event_bytes, event_framing] = pushed(sse);
    const auto [ws_frames, ws_bytes, ws_framing] = pushed(ws);
    CHECK(events == ws_frames);
    CHECK(events == count_direction(sse, sim::Direction::server_to_client));
    says(text, "the server pushes " + std::to_string(events) + " messages. As events they take " +
                   std::to_string(event_bytes) + " bytes, " + fixed(event_framing, 1) +
                   " bytes\nof framing each on average; as WebSocket frames " +
                   std::to_string(ws_bytes) + " bytes, " + fixed(ws_framing, 1) + " each");

    // Client to server: POST /send and its 204 against masked frames.
    std::uint64_t post_bytes = 0;
    std::uint64_t answer_bytes = 0;
    std::uint64_t sent_payload = 0;
    for (const sim::WireFrame& f : sse.frames) {
      if (f.kind == "send-response") answer_bytes += f.size();
      if (f.layer != Layer::http || !labelled(f, "POST /send")) continue;
      post_bytes += f.size();
      for (const sim::MessageId id : f.messages) sent_payload += sse.messages[id].payload_bytes;
    }
    const std::size_t posts = count_labelled(sse, "POST /send");
    CHECK(posts == count_direction(sse, sim::Direction::client_to_server));
    CHECK(frames_of(sse, Layer::http, "send-response").size() == posts);
    std::size_t masked = 0;
    std::uint64_t masked_bytes = 0;
    for (const sim::WireFrame& f : ws.frames) {
      if (f.messages.empty() || !from_role(ws, f, EndpointRole::client)) continue;
      CHECK(decoded(f).frame.header.masked);
      ++masked;
      masked_bytes += f.size();
    }
    CHECK(masked == posts);
    says(text, "The browser's own " + std::to_string(posts) +
                   " messages go as `POST /send` requests, on a second connection: " +
                   std::to_string(post_bytes) + " bytes of requests and " +
                   std::to_string(answer_bytes) + " bytes of `204 No Content` answers for " +
                   std::to_string(sent_payload) + " bytes of messages");
    says(text, "as " + std::to_string(masked) + " masked frames, " + std::to_string(masked_bytes) +
                   " bytes");
    CHECK(sse.frames[find_labelled(sse, "POST /send")].connection != event.connection);
    const sim::LaneMetrics sse_metrics = sim::compute_metrics(sse);
    const sim::LaneMetrics ws_metrics = sim::compute_metrics(ws);
    says(text, "shows " + fixed(sse_metrics.overhead_bytes_per_message, 1) +
                   "\nbytes of overhead per message for SSE and " +
                   fixed(ws_metrics.overhead_bytes_per_message, 1) + " for WebSocket");
    // Setup, left out of both: the stream's GET, 200 head and retry chunk; the GET and the 101.
    const sim::WireFrame& stream_request = sse.frames[find_labelled(sse, "GET /events")];
    const sim::WireFrame& stream_head = *frames_of(sse, Layer::http, "response-head").front();
    const sim::WireFrame& stream_retry = *frames_of(sse, Layer::sse, "retry").front();
    CHECK(sse_metrics.bytes.setup ==
          stream_request.size() + stream_head.size() + stream_retry.size());
    CHECK(count_labelled(sse, "GET /events") == 1);  // one stream: its opening paid once
    const sim::WireFrame& upgrade = ws.frames[find_labelled(ws, "GET /ws")];
    const sim::WireFrame& switching = ws.frames[find_labelled(ws, "101")];
    CHECK(ws_metrics.bytes.setup == upgrade.size() + switching.size());
    says(text, "Both figures leave setup out: the\nstream's opening, " +
                   std::to_string(sse_metrics.bytes.setup) +
                   " bytes, and the WebSocket's handshake, " +
                   std::to_string(ws_metrics.bytes.setup) + " bytes, each paid once");
  }

  const std::string resume_title = "The stream drops and resumes with `Last-Event-ID`";
  const sim::Trace resume_trace = lesson.run(resume_title);
  const sim::Lane& resumed = lane_of(resume_trace, Transport::sse);
  const sim::MessageId caught = 1;  // the message the step adds

  SUBCASE("the stream drops: the event in flight is lost, then resent after Last-Event-ID") {
    const std::string& text = lesson.step(resume_title).text;
    const sim::Lane& lane = resumed;
    const sim::Scenario original = shipped_scenario("idle-proxy.json");
    const auto& times = std::get<sim::At>(original.traffic.at(0).pattern).times;
    REQUIRE(lane.messages.size() == times.size() + 1);
    const sim::Message& added = lane.messages[caught];
    says(text, "adds a message at " + seconds(added.created_at, 2) + " to the " +
                   std::to_string(times.size()) + " it has");
    CHECK(std::find(times.begin(), times.end(), added.created_at) == times.end());

    const Nanoseconds idle = scenario_of(lesson, resume_title).proxy.idle_timeout;
    says(text, "closes connections idle for " + std::to_string(idle / 1s) + " s");
    says(text, "The first event, created at " + seconds(lane.messages[0].created_at, 1) +
                   ", is the last thing to cross");
    const sim::WireFrame& cut = idle_cut(lane);
    CHECK(*carrying(lane, 0).back()->received_at < cut.sent_at);
    says(text, "At " + seconds(cut.sent_at, 3) + " the proxy closes both sides");
    const sim::WireFrame& lost = lost_copy(lane, caught);
    CHECK(from_role(lane, lost, EndpointRole::server));
    CHECK(lost.sent_at == added.created_at);
    CHECK(lost.sent_at > cut.sent_at);
    CHECK(dispatched(lost).last_event_id == "2");
    // The server learns of the cut when the proxy's FIN reaches it, after it wrote the event.
    for (const sim::WireFrame& f : lane.frames) {
      if (f.kind == "fin" && f.sent_at == cut.sent_at && to_role(lane, f, EndpointRole::server))
        CHECK(*f.received_at > lost.sent_at);
    }
    says(text, "so at " + seconds(lost.sent_at, 2) + " it writes event " +
                   dispatched(lost).last_event_id + "\ninto the old stream");

    says(text, "The browser sees the FIN at " + seconds(*cut.received_at, 2));
    const sim::WireFrame& retry = *frames_of(lane, Layer::sse, "retry").front();
    const sim::WireFrame& syn = syn_after(lane, *cut.received_at);
    const auto again = std::find_if(lane.frames.begin(), lane.frames.end(), [&](const auto& f) {
      return f.connection == syn.connection && labelled(f, "GET /events");
    });
    REQUIRE(again != lane.frames.end());
    const sim::WireFrame& request = *again;
    says(text, "it waits the " + std::to_string((syn.sent_at - *cut.received_at) / 1s) +
                   " s that\n`" + retry_line(retry) + "` asked for, opens a new connection at " +
                   seconds(syn.sent_at, 2) + ", and sends its `GET` again at " +
                   seconds(request.sent_at, 1));
    const std::string had = field_of(request, "Last-Event-ID");
    CHECK(had == dispatched(*carrying(lane, 0).back()).last_event_id);
    says(text, "```\nLast-Event-ID: " + had + "\n```");
    says(text, "The last event it had was " + had + ".");

    const sim::WireFrame& resent = lane.frames.at(32);  // the selected sse:32
    REQUIRE(resent.messages == std::vector<sim::MessageId>{caught});
    CHECK(to_role(lane, resent, EndpointRole::client));
    CHECK(lane.frames.at(30).kind == "response-head");
    CHECK(lane.frames.at(31).kind == "retry");
    CHECK(lane.frames.at(30).sent_at == resent.sent_at);
    CHECK(lane.frames.at(31).connection == resent.connection);
    CHECK(*resent.received_at == *added.delivered_at);
    says(text, "it arrives at " + seconds(*resent.received_at, 2) + ", " + ms(latency(added)) +
                   " after the message was created");
    says(quiz, "the message arrives " + ms(latency(added)) + " after it was created");
    says(quiz, "Last-Event-ID: " + had + ", and the server sends event " +
                   dispatched(resent).last_event_id + " again");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    says(text, "The SSE lane delivers all\n" + std::to_string(metrics.delivered) +
                   " messages and loses " + std::to_string(metrics.lost));

    const sim::Lane& ws = lane_of(resume_trace, Transport::websocket);
    CHECK(idle_cut(ws).sent_at == cut.sent_at);
    CHECK(lost_copy(ws, caught).sent_at == added.created_at);
    const sim::LaneMetrics ws_metrics = sim::compute_metrics(ws);
    CHECK_FALSE(ws.messages[caught].delivered_at);
    says(text, "the lane loses " + std::to_string(ws_metrics.lost) + " message");
    CHECK(count_labelled(ws, "GET /ws") > 2);  // it reconnects: more than the first, forwarded
  }

  SUBCASE("the server sets the reconnection time with retry:") {
    const std::string title = "The server sets the reconnection time";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const sim::WireFrame& retry = *frames_of(lane, Layer::sse, "retry").front();
    says(text, "with `sse.retry_ms` set to " +
                   std::to_string(scenario_of(lesson, title).sse.retry / 1ms) +
                   ": the stream's first chunk now reads `" + retry_line(retry) + "`");
    const sim::WireFrame& cut = idle_cut(lane);
    const sim::WireFrame& syn = syn_after(lane, *cut.received_at);
    says(text, "reconnects " + seconds(syn.sent_at - *cut.received_at, 1) + " after the FIN, at " +
                   seconds(syn.sent_at, 2));
    const sim::WireFrame& resent = lane.frames.at(32);  // the selected sse:32
    REQUIRE(resent.messages == std::vector<sim::MessageId>{caught});
    const sim::Message& message = lane.messages[caught];
    CHECK(*resent.received_at == *message.delivered_at);
    const std::string before = ms(latency(resumed.messages[caught]));
    says(text, "arrives again at\n" + seconds(*message.delivered_at, 2) + ": " +
                   ms(latency(message)) + " after it was created, instead of " + before);
    says(quiz, "With " + retry_line(retry) + " instead of " +
                   retry_line(*frames_of(resumed, Layer::sse, "retry").front()).substr(7) +
                   ", the lost message arrives after " + ms(latency(message)) + " instead of " +
                   before);
  }

  SUBCASE("a buffering proxy holds the events back until its buffer fills") {
    const std::string title = "A buffering proxy holds the events back";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const std::size_t buffer = scenario_of(lesson, title).proxy.buffer_bytes;
    says(text, "until " + std::to_string(buffer) + " bytes have come");
    says(quiz, "buffers " + std::to_string(buffer) + " bytes");
    says(quiz, "when " + std::to_string(buffer) + " bytes have gathered");
    says(text,
         "an event of " + std::to_string(lane.messages[0].payload_bytes) + " bytes\nevery second");
    says(quiz,
         "sends a " + std::to_string(lane.messages[0].payload_bytes) + "-byte event every second");

    const sim::WireFrame& head = *frames_of(lane, Layer::http, "response-head").back();
    CHECK(to_role(lane, head, EndpointRole::client));
    says(text, "reaches the browser at " + seconds(*head.received_at, 1));
    says(quiz, "The stream opens at " + seconds(*head.received_at, 1));

    // The bursts: the moments at which messages arrive, and how many each.
    std::vector<Nanoseconds> bursts;
    std::vector<std::size_t> sizes;
    for (const sim::Message& message : lane.messages) {
      if (!message.delivered_at) continue;
      if (bursts.empty() || bursts.back() != *message.delivered_at) {
        bursts.push_back(*message.delivered_at);
        sizes.push_back(0);
      }
      ++sizes.back();
    }
    REQUIRE(bursts.size() == 2);
    CHECK(sizes[0] == sizes[1]);
    std::uint64_t first_burst_bytes = 0;
    Nanoseconds filled_by{0};
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer != Layer::sse || !to_role(lane, f, EndpointRole::client)) continue;
      if (f.received_at != bursts[0]) continue;
      first_burst_bytes += f.size();
      for (const sim::MessageId id : f.messages)
        filled_by = std::max(filled_by, lane.messages[id].created_at);
    }
    CHECK(first_burst_bytes >= buffer);
    says(text, "The event of " + seconds(filled_by, 1) + " brings the buffer to " +
                   std::to_string(first_burst_bytes) + " bytes");
    const sim::WireFrame& selected = lane.frames.at(61);  // the selected sse:61
    REQUIRE(selected.messages == std::vector<sim::MessageId>{0});
    CHECK(lane.frames.at(60).kind == "retry");
    CHECK(lane.frames.at(60).received_at == bursts[0]);
    says(text, "the `retry` chunk and " + std::to_string(sizes[0]) +
                   " events reach the browser together at\n" + seconds(bursts[0], 2));
    says(text, "The selected frame is event " + dispatched(selected).last_event_id + ", " +
                   ms(latency(lane.messages[0])) + " late");
    says(text, "The next burst comes at " + seconds(bursts[1], 2));
    says(quiz, "Bursts of " + std::to_string(sizes[0]) + " events, the first of each burst " +
                   ms(latency(lane.messages[0])) + " late");
    CHECK(latency(lane.messages[sizes[0]]) == latency(lane.messages[0]));  // the second's first
    says(quiz, "at " + seconds(bursts[0], 2) + " and " + seconds(bursts[1], 2));

    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    std::uint64_t held = 0;
    for (const sim::WireFrame* event : server_events(lane)) {
      if (!lane.messages[event->messages.at(0)].delivered_at) held += event->size();
    }
    CHECK(held < buffer);
    says(text, "The last\n" + std::to_string(metrics.lost) +
                   " events never arrive: " + std::to_string(held) + " bytes sit in the buffer");
    says(text, "The SSE lane delivers " + std::to_string(metrics.delivered) + " of " +
                   std::to_string(metrics.delivered + metrics.lost) + " messages, " +
                   ms(metrics.latency.mean) + " late on average");
    const sim::LaneMetrics ws = sim::compute_metrics(lane_of(trace, Transport::websocket));
    CHECK(ws.lost == 0);
    CHECK(ws.latency.max == ws.latency.mean);
    says(text,
         "delivers all " + std::to_string(ws.delivered) + " in " + ms(ws.latency.mean) + " each");
  }

  SUBCASE("buffering off: every event passes at once") {
    const std::string title = "Turning buffering off";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    says(text, "sets `proxy.buffer_bytes` to " +
                   std::to_string(scenario_of(lesson, title).proxy.buffer_bytes));
    const sim::WireFrame& selected = lane.frames.at(13);  // the selected sse:13
    REQUIRE(selected.messages == std::vector<sim::MessageId>{0});
    CHECK(to_role(lane, selected, EndpointRole::client));
    says(text, "Event " + dispatched(selected).last_event_id +
                   ",\nthe selected frame, arrives at " + seconds(*selected.received_at, 2));
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.lost == 0);
    CHECK(metrics.latency.max == metrics.latency.mean);
    says(text, "all " + std::to_string(metrics.delivered) + " messages arrive, " +
                   ms(metrics.latency.mean) + " each");
    // The header instead of the setting: the buffer stays on, and the stream passes it.
    sim::Scenario with_header = shipped_scenario("buffering-proxy.json");
    with_header.http.response_headers.push_back({"X-Accel-Buffering", "no"});
    CHECK(with_header.proxy.buffer_bytes > 0);
    with_header.lanes = {Transport::sse};
    const sim::LaneMetrics header_metrics =
        sim::compute_metrics(lane_of(sim::simulate(with_header), Transport::sse));
    CHECK(header_metrics.lost == 0);
    CHECK(header_metrics.latency.max == header_metrics.latency.mean);
    says(text, "the " + std::to_string(header_metrics.delivered) + " messages arrive in " +
                   ms(header_metrics.latency.mean) + " each, with the buffer still on");
  }

  SUBCASE("six connections per host: a seventh tab's stream never opens") {
    const std::string title = "Six connections per host, and a seventh tab";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const int tabs = scenario_of(lesson, title).sse.tabs;
    says(text, "sets `sse.tabs` to " + std::to_string(tabs));
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    CHECK(metrics.connections_opened == sim::kMaxConnectionsPerHost);
    CHECK(static_cast<std::size_t>(tabs) > sim::kMaxConnectionsPerHost);
    std::set<sim::ConnectionId> connections;
    std::set<Nanoseconds> sent;
    std::size_t streams = 0;
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer != Layer::http || !labelled(f, "GET /events")) continue;
      ++streams;
      connections.insert(f.connection);
      sent.insert(f.sent_at);
      CHECK(target_of(f).find("&tab=" + std::to_string(tabs)) == std::string::npos);
    }
    CHECK(streams == connections.size());
    REQUIRE(sent.size() == 1);
    says(text, "At " + seconds(*sent.begin(), 1) + " the first " + std::to_string(streams) +
                   " tabs send their `GET /events`, on " + std::to_string(connections.size()) +
                   " connections");
    const sim::WireFrame& selected = lane.frames.at(23);  // the selected sse:23
    CHECK(target_of(selected).ends_with("&tab=6"));
    CHECK(metrics.delivered == 0);
    says(text, "it gets " + std::to_string(metrics.delivered) + " of them:\nall " +
                   std::to_string(metrics.lost) + " are lost");
    CHECK(metrics.lost == lane.messages.size());
    says(quiz, "the tab in front gets " + std::to_string(metrics.delivered) + " of the " +
                   std::to_string(lane.messages.size()) + " messages");
    says(quiz, "In chat with " + std::to_string(tabs) + " tabs");
    CHECK(count_labelled(lane, "POST /send") == 0);
    for (sim::MessageId id = 0; id < lane.messages.size(); ++id) {
      if (lane.messages[id].direction == sim::Direction::server_to_client)
        CHECK(carrying(lane, id).size() == carrying(lane, 0).size());
    }
    REQUIRE(lane.messages[0].direction == sim::Direction::server_to_client);
    says(text, "each of the server's messages crosses the link " +
                   std::to_string(carrying(lane, 0).size()) + " times");
  }

  SUBCASE("six tabs: the newest tab's stream works, its POST /send waits for good") {
    const std::string title = "Six tabs: events arrive, but the page cannot send";
    const std::string& text = lesson.step(title).text;
    const sim::Trace trace = lesson.run(title);
    const sim::Lane& lane = lane_of(trace, Transport::sse);
    const int tabs = scenario_of(lesson, title).sse.tabs;
    says(text, "With " + std::to_string(tabs) + " tabs, every tab has its stream");
    const sim::LaneMetrics metrics = sim::compute_metrics(lane);
    const std::size_t pushed = count_direction(lane, sim::Direction::server_to_client);
    const std::size_t page = count_direction(lane, sim::Direction::client_to_server);
    CHECK(metrics.delivered == pushed);
    CHECK(metrics.latency.max == metrics.latency.mean);
    says(text, "receives all " + std::to_string(pushed) + " of the server's\nmessages, " +
                   ms(metrics.latency.mean) + " each");
    const sim::WireFrame& selected = lane.frames.at(71);  // the selected sse:71
    REQUIRE(selected.kind == "event");
    for (const sim::WireFrame& f : lane.frames) {
      if (f.layer == Layer::http && f.connection == selected.connection && labelled(f, "GET"))
        CHECK(target_of(f).ends_with("&tab=" + std::to_string(tabs)));
    }
    CHECK(metrics.connections_opened == static_cast<std::uint64_t>(tabs));
    says(text, "hold all " + std::to_string(metrics.connections_opened) + " connections");
    const auto first_sent = std::find_if(
        lane.messages.begin(), lane.messages.end(),
        [](const sim::Message& m) { return m.direction == sim::Direction::client_to_server; });
    REQUIRE(first_sent != lane.messages.end());
    CHECK_FALSE(first_sent->delivered_at);
    says(text, "The browser's message of " + seconds(first_sent->created_at, 1));
    CHECK(metrics.lost == page);
    says(text, "all " + std::to_string(page) + " of the page's messages are lost");
    CHECK(count_labelled(lane, "GET /events") == metrics.http_requests);
    says(text, "The lane makes only " + std::to_string(metrics.http_requests) +
                   " HTTP requests, all\nof them `GET /events`");
  }
}

}  // namespace pushlab::lesson_test
