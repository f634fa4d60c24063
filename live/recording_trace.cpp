#include "live/recording_trace.hpp"

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "live/tls_flow.hpp"
#include "sim/net/tcp_model.hpp"
#include "sim/trace/trace_sink.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/transports/traffic_plan.hpp"
#include "sim/wire/http/parser.hpp"
#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/rfc6455.hpp"

namespace pushlab::live {

namespace contract = sim::contract;
namespace http = sim::wire::http;
namespace ws = sim::wire::websocket;
using sim::Layer;
using sim::Nanoseconds;
using sim::wire::Bytes;
using sim::wire::ByteView;

namespace {

// A flow's bytes end to end, with where each recorded piece begins.
class FlowBytes {
 public:
  explicit FlowBytes(const RecordedFlow& flow) : flow_(flow) {
    for (const RecordedPiece& piece : flow.pieces) {
      starts_.push_back(bytes_.size());
      sim::wire::append(bytes_, piece.bytes);
    }
  }

  const Bytes& bytes() const { return bytes_; }
  // The piece holding the byte at `offset`.
  const RecordedPiece& piece_at(std::uint64_t offset) const {
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return flow_.pieces.at(static_cast<std::size_t>(after - starts_.begin()) - 1);
  }

 private:
  const RecordedFlow& flow_;
  Bytes bytes_;
  std::vector<std::uint64_t> starts_;
};

// Whose a request is: the client it names and the transport whose endpoint it asks (none for a
// POST /send). A frame belongs to the session of the request it is part of, answers or follows.
struct Session {
  int client = 0;
  std::optional<sim::Transport> transport;
};

Session session_of(std::string_view target, int clients) {
  return {.client = contract::client_in(target, clients).value_or(0),
          .transport = contract::transport_at(contract::path_of(target))};
}

// A frame found in a flow: bytes [begin, end), and the application text to look for messages in.
struct FrameSpan {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  Layer layer = Layer::http;
  std::string kind;
  bool setup = false;
  std::string text{};
  std::string target{};  // of the request it is, answers or follows
  Session session{};     // the same request's
};

std::string text_of(ByteView bytes) {
  return std::string(sim::wire::as_text(bytes));
}

// WebSocket frames from `offset` on, in bytes that follow an upgrade.
void websocket_spans(ByteView bytes, std::uint64_t offset, std::vector<FrameSpan>& spans) {
  ws::FrameDecoder decoder;  // no role: it reads both directions
  decoder.feed(bytes);
  while (const auto decoded = decoder.next()) {
    const std::uint64_t begin = offset + decoded->offset;
    spans.push_back({.begin = begin,
                     .end = begin + decoded->size(),
                     .layer = Layer::websocket,
                     .kind = std::string(ws::to_string(decoded->frame.header.opcode)),
                     .text = text_of(decoded->frame.payload)});
  }
}

// The client's requests; after a request to upgrade that was answered 101, WebSocket frames.
std::vector<FrameSpan> request_spans(const Bytes& bytes, bool upgraded, int clients) {
  std::vector<FrameSpan> spans;
  http::RequestParser parser;
  parser.feed(bytes);
  std::uint64_t begin = 0;
  std::string target;
  bool upgrade = false;
  bool opens_stream = false;
  while (auto event = parser.next()) {
    if (const auto* head = std::get_if<http::Head<http::Request>>(&*event)) {
      begin = head->offset;
      target = head->message.target;
      upgrade = head->message.fields.has_token("Upgrade", "websocket");
      // Opening a connection's WebSocket or event stream is setup, as the simulator counts it.
      opens_stream = upgrade || session_of(target, clients).transport == sim::Transport::sse;
      if (upgrade && upgraded) parser.mark_upgraded();
    } else if (const auto* end = std::get_if<http::MessageEnd>(&*event)) {
      const ByteView whole = ByteView(bytes).subspan(begin, end->offset - begin);
      spans.push_back({.begin = begin,
                       .end = end->offset,
                       .kind = "request",
                       .setup = opens_stream,
                       .text = text_of(whole),
                       .target = target,
                       .session = session_of(target, clients)});
    }
  }
  if (parser.upgraded()) websocket_spans(parser.upgraded_bytes(), parser.upgraded_offset(), spans);
  return spans;
}

// The server's responses: whole ones, a streamed one as its head and then a frame per chunk
// (an SSE event, with its chunk framing), and after a 101, WebSocket frames.
std::vector<FrameSpan> response_spans(const Bytes& bytes, bool& upgraded) {
  std::vector<FrameSpan> spans;
  http::ResponseParser parser(http::kStreamedBodyLimits);  // an event stream may be long
  parser.feed(bytes);
  std::uint64_t begin = 0;
  bool streamed = false;
  while (auto event = parser.next()) {
    if (const auto* head = std::get_if<http::Head<http::Response>>(&*event)) {
      begin = head->offset;
      streamed = head->message.fields.has_token("Transfer-Encoding", "chunked");
      if (head->message.status == 101 || streamed) {
        spans.push_back({.begin = begin,
                         .end = head->offset + head->size,
                         .kind = streamed ? "response-head" : "response",
                         .setup = head->message.status == 101 || streamed});
        begin = head->offset + head->size;
      }
    } else if (const auto* data = std::get_if<http::BodyData>(&*event)) {
      if (!streamed) continue;
      const std::uint64_t end = std::min<std::uint64_t>(data->offset + data->data.size() + 2,
                                                        bytes.size());  // and the chunk's CRLF
      const std::string text = text_of(data->data);
      const bool event_data = text.find("data:") != std::string::npos;
      spans.push_back(
          {.begin = begin,
           .end = end,
           .layer = Layer::sse,
           .kind = event_data ? "event" : (text.starts_with("retry:") ? "retry" : "comment"),
           .setup = !event_data && text.starts_with("retry:"),
           .text = text});
      begin = end;
    } else if (const auto* end = std::get_if<http::MessageEnd>(&*event)) {
      if (end->offset > begin) {
        spans.push_back({.begin = begin,
                         .end = end->offset,
                         .kind = streamed ? "last-chunk" : "response",
                         .text = text_of(ByteView(bytes).subspan(begin, end->offset - begin))});
      }
      begin = end->offset;
      streamed = false;
    }
  }
  upgraded = parser.upgraded();
  if (upgraded) websocket_spans(parser.upgraded_bytes(), parser.upgraded_offset(), spans);
  return spans;
}

// Gives every response the request it answers (each response answers the request of the same
// rank; a stream's events and last chunk, its head's), and every WebSocket frame the request
// that opened it. The answer to a POST /send is a "send-response", as the simulator names it.
void follow_requests(std::vector<FrameSpan>& requests, std::vector<FrameSpan>& responses) {
  const FrameSpan* upgrade = nullptr;
  for (FrameSpan& request : requests) {
    if (request.layer == Layer::http) {
      upgrade = &request;
    } else if (upgrade) {
      request.target = upgrade->target;
      request.session = upgrade->session;
    }
  }
  std::size_t rank = 0;
  const FrameSpan* answered = nullptr;
  for (FrameSpan& response : responses) {
    const bool starts_response = response.layer == Layer::http && response.kind != "last-chunk";
    if (starts_response && rank < requests.size()) answered = &requests[rank++];
    if (!answered) continue;
    response.target = answered->target;
    response.session = answered->session;
    if (response.kind == "response" && contract::path_of(answered->target) == contract::kSendPath) {
      response.kind = "send-response";
    }
  }
}

// The sessions a connection's requests belong to, in order; none after an upgrade.
std::vector<Session> sessions_on(const Bytes& up, int clients) {
  std::vector<Session> sessions;
  http::RequestParser parser;
  parser.feed(up);
  while (auto event = parser.next()) {
    const auto* head = std::get_if<http::Head<http::Request>>(&*event);
    if (!head) continue;
    sessions.push_back(session_of(head->message.target, clients));
    if (head->message.fields.has_token("Upgrade", "websocket")) break;  // no more HTTP
  }
  return sessions;
}

class LaneBuilder {
 public:
  LaneBuilder(const sim::Scenario& scenario, const sim::LaneSpec& lane, bool proxy)
      : scenario_(scenario), recorder_(lane), plan_(sim::plan_traffic(scenario)) {
    for (int i = 0; i < scenario.clients; ++i) {
      recorder_.add_endpoint({sim::EndpointRole::client, "client " + std::to_string(i + 1)});
    }
    sim::EndpointId next = static_cast<sim::EndpointId>(scenario.clients);
    if (proxy) {
      recorder_.add_endpoint({sim::EndpointRole::proxy, "proxy"});
      proxy_ = next++;
    }
    recorder_.add_endpoint({sim::EndpointRole::server, "server"});
    server_ = next;
    delivered_.resize(plan_.size());
  }

  void add(const RecordedConnection& connection) { add_connection(connection, nullptr); }

  // Over TLS, with what the client's side of the connection wrote and read.
  void add_tls(const RecordedConnection& connection, const EndpointLog& log) {
    add_connection(connection, &log);
  }

  // Keeps only the frames of requests to this transport's endpoint (and their answers).
  void keep_only(sim::Transport transport) { only_ = transport; }

  sim::Lane finish() && {
    for (std::size_t id = 0; id < plan_.size(); ++id) {
      const sim::PlannedMessage& planned = plan_[id];
      recorder_.add_message(static_cast<sim::MessageId>(id),
                            {.direction = planned.direction,
                             .client = static_cast<sim::EndpointId>(planned.client),
                             .payload_bytes = planned.payload_bytes,
                             .created_at = planned.at,
                             .delivered_at = delivered_[id]});
    }
    return std::move(recorder_).finish();
  }

 private:
  void add_connection(const RecordedConnection& connection, const EndpointLog* log) {
    const FlowBytes recorded(connection.client_hop.up);
    const Bytes& first_bytes = log ? log->written : recorded.bytes();
    // The client a connection belongs to: the one its first request names.
    const std::vector<Session> sessions = sessions_on(first_bytes, scenario_.clients);
    const auto client =
        static_cast<sim::EndpointId>(sessions.empty() ? 0 : sessions.front().client);
    add_hop(connection.client_hop, log, client, proxy_.value_or(server_));
    for (const RecordedHop& hop : connection.server_hops) add_hop(hop, log, *proxy_, server_);
  }

  void add_hop(const RecordedHop& hop, const EndpointLog* log, sim::EndpointId from,
               sim::EndpointId to) {
    const sim::ConnectionId connection = next_connection_++;
    add_handshake(hop, connection, from, to);
    if (!log) {
      add_flows(hop.up, hop.down, connection, from, to);
    } else {
      const TlsFlow up = read_tls_flow(hop.up, log->written);
      const TlsFlow down = read_tls_flow(hop.down, log->read);
      add_tls_handshake(up.handshake, down.handshake, connection, from, to);
      add_flows(up.application, down.application, connection, from, to);
    }

    std::optional<Nanoseconds> closed;
    if (hop.up.fin && hop.down.fin)
      closed = std::max(hop.up.fin->arrived_at, hop.down.fin->arrived_at);
    recorder_.add_connection(connection, {.from = from,
                                          .to = to,
                                          .tls = scenario_.network.tls,
                                          .opened_at = hop.handshake[0].sent_at,
                                          .closed_at = closed});
  }

  // The TLS handshake's steps, as the simulator names its three: the ClientHello, the
  // server's flight, the client's Finished.
  void add_tls_handshake(const std::vector<RecordedPiece>& up,
                         const std::vector<RecordedPiece>& down, sim::ConnectionId connection,
                         sim::EndpointId from, sim::EndpointId to) {
    const auto add_step = [&](const RecordedPiece& step, bool towards, const char* kind) {
      sim::WireFrame frame = crossing(step, connection, towards ? from : to, towards ? to : from);
      frame.layer = Layer::tls;
      frame.kind = kind;
      frame.setup = true;
      frame.bytes = step.bytes;
      frame.note = "TLS records as the relay forwarded them, encrypted";
      add(std::move(frame));
    };
    for (std::size_t i = 0; i < up.size(); ++i) {
      add_step(up[i], true, i == 0 ? "client-hello" : (i == 1 ? "finished" : "handshake"));
    }
    for (std::size_t i = 0; i < down.size(); ++i) {
      add_step(down[i], false, i == 0 ? "server-hello" : "handshake");
    }
  }

  void add_flows(const RecordedFlow& up_flow, const RecordedFlow& down_flow,
                 sim::ConnectionId connection, sim::EndpointId from, sim::EndpointId to) {
    // A page that has closed its connection reads nothing more from it.
    page_left_at_.reset();
    if (up_flow.fin && from < static_cast<sim::EndpointId>(scenario_.clients)) {
      page_left_at_ = up_flow.fin->sent_at;
    }
    const FlowBytes up(up_flow);
    const FlowBytes down(down_flow);
    bool upgraded = false;
    std::vector<FrameSpan> responses = response_spans(down.bytes(), upgraded);
    std::vector<FrameSpan> requests = request_spans(up.bytes(), upgraded, scenario_.clients);
    follow_requests(requests, responses);
    for (const FrameSpan& span : requests) {
      if (kept(span)) add_frame(up, span, connection, from, to);
    }
    for (const FrameSpan& span : responses) {
      if (kept(span)) add_frame(down, span, connection, to, from);
    }
    add_fin(up_flow.fin, connection, from, to);
    add_fin(down_flow.fin, connection, to, from);
  }

  void add_handshake(const RecordedHop& hop, sim::ConnectionId connection, sim::EndpointId from,
                     sim::EndpointId to) {
    static constexpr const char* kKinds[] = {"syn", "syn-ack", "ack"};
    for (std::size_t i = 0; i < hop.handshake.size(); ++i) {
      const bool towards = i != 1;
      sim::WireFrame frame =
          crossing(hop.handshake[i], connection, towards ? from : to, towards ? to : from);
      frame.layer = Layer::tcp;
      frame.kind = kKinds[i];
      frame.setup = true;
      frame.modelled_size = i == 2 ? sim::tcp_model::kSegmentHeader : sim::tcp_model::kSynHeader;
      frame.note = "TCP handshake, modelled by the relay on the scenario's latency";
      add(std::move(frame));
    }
  }

  void add_fin(const std::optional<RecordedPiece>& fin, sim::ConnectionId connection,
               sim::EndpointId from, sim::EndpointId to) {
    if (!fin) return;
    sim::WireFrame frame = crossing(*fin, connection, from, to);
    frame.layer = Layer::tcp;
    frame.kind = "fin";
    frame.modelled_size = sim::tcp_model::kSegmentHeader;
    frame.note = "FIN: the relay read the end of this side's stream";
    add(std::move(frame));
  }

  // A frame that crossed from `from` to `to` as `piece` did: sent and received when it was.
  static sim::WireFrame crossing(const RecordedPiece& piece, sim::ConnectionId connection,
                                 sim::EndpointId from, sim::EndpointId to) {
    return {.from = from,
            .to = to,
            .connection = connection,
            .sent_at = piece.sent_at,
            .received_at = piece.arrived_at};
  }

  void add_frame(const FlowBytes& flow, const FrameSpan& span, sim::ConnectionId connection,
                 sim::EndpointId from, sim::EndpointId to) {
    const Bytes& bytes = flow.bytes();
    const auto begin = bytes.begin() + static_cast<std::ptrdiff_t>(span.begin);
    const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(span.end);
    sim::WireFrame frame{
        .from = from,
        .to = to,
        .connection = connection,
        .sent_at = flow.piece_at(span.begin).sent_at,
        .received_at = flow.piece_at(span.end - 1).arrived_at,
        .layer = span.layer,
        .kind = span.kind,
        .setup = span.setup,
        .bytes = Bytes(begin, end),
        .transport_overhead =
            sim::tcp_model::carriage(span.end - span.begin, scenario_.network.tls).overhead,
        .messages = contract::message_ids_in(span.text, plan_.size()),
        .note = scenario_.network.tls
                    ? "recorded live: the client's own bytes (the relay saw only TLS records), "
                      "timed by the records that carried them"
                    : "recorded live: the bytes the relay forwarded"};
    const bool reaches_client = to < static_cast<sim::EndpointId>(scenario_.clients) &&
                                !(page_left_at_ && *frame.received_at > *page_left_at_);
    for (const sim::MessageId id : frame.messages) {
      const bool towards_client = plan_[id].direction == sim::Direction::server_to_client;
      if (towards_client ? reaches_client : to == server_) deliver(id, *frame.received_at);
    }
    add(std::move(frame));
  }

  bool kept(const FrameSpan& span) const { return !only_ || span.session.transport == only_; }

  void deliver(sim::MessageId id, Nanoseconds at) {
    std::optional<Nanoseconds>& delivered = delivered_[id];
    if (!delivered || at < *delivered) delivered = at;
  }

  void add(sim::WireFrame frame) { recorder_.add_frame(next_order_++, std::move(frame)); }

  const sim::Scenario& scenario_;
  sim::TraceRecorder recorder_;
  std::vector<sim::PlannedMessage> plan_;
  std::vector<std::optional<Nanoseconds>> delivered_;
  std::optional<sim::EndpointId> proxy_;
  sim::EndpointId server_ = 0;
  std::optional<Nanoseconds> page_left_at_;  // on the hop being added
  std::optional<sim::Transport> only_;
  sim::ConnectionId next_connection_ = 0;
  std::uint64_t next_order_ = 0;
};

}  // namespace

namespace {

// Whether any request on the connection belongs to a session of this transport.
bool asks_for(const RecordedConnection& connection, sim::Transport transport, int clients) {
  const FlowBytes recorded(connection.client_hop.up);
  const std::vector<Session> sessions = sessions_on(recorded.bytes(), clients);
  return std::any_of(sessions.begin(), sessions.end(),
                     [&](const Session& session) { return session.transport == transport; });
}

}  // namespace

sim::Trace decode_by_transport(const Recording& recording, const sim::Scenario& scenario) {
  sim::Trace trace{.scenario = scenario.name, .source = "live", .duration = scenario.duration};
  for (const sim::Transport transport : sim::kAllTransports) {
    LaneBuilder builder(scenario, transport, recording.proxy);
    builder.keep_only(transport);
    bool used = false;
    for (const RecordedConnection& connection : recording.connections) {
      if (!asks_for(connection, transport, scenario.clients)) continue;
      builder.add(connection);
      used = true;
    }
    if (used) trace.lanes.push_back(std::move(builder).finish());
  }
  return trace;
}

sim::Lane decode_recording(const Recording& recording, const EndpointLogs& logs,
                           const sim::Scenario& scenario, const sim::LaneSpec& lane) {
  LaneBuilder builder(scenario, lane, recording.proxy);
  const EndpointLog nothing_logged;
  for (const RecordedConnection& connection : recording.connections) {
    if (!recording.tls) {
      builder.add(connection);
      continue;
    }
    const auto log = logs.find(connection.client_port);
    builder.add_tls(connection, log == logs.end() ? nothing_logged : log->second);
  }
  return std::move(builder).finish();
}

}  // namespace pushlab::live
