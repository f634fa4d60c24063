#pragma once
// Hand-built traces for the JSON tests: a small one whose text is checked by hand, and one with
// every feature a trace can have.

#include <chrono>
#include <string>

#include "sim/trace/trace.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::sim::testing {

using namespace std::chrono_literals;

// One WebSocket text frame "hi" (81 02 68 69) from server to client, and a lost TCP ACK.
inline Trace small_trace() {
  Lane lane{.id = "websocket", .transport = Transport::websocket};
  lane.endpoints = {{EndpointRole::client, "client 1"}, {EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 1, .tls = false, .opened_at = 0ns}};  // still open
  lane.frames = {
      {.from = 0,
       .to = 1,
       .connection = 0,
       .sent_at = 1000ns,
       .layer = Layer::tcp,
       .kind = "ack",
       .modelled_size = 0,
       .transport_overhead = 40},
      {.from = 1,
       .to = 0,
       .connection = 0,
       .sent_at = 1500us,
       .received_at = 26500us,
       .layer = Layer::websocket,
       .kind = "text",
       .bytes = {0x81, 0x02, 'h', 'i'},
       .transport_overhead = 52,
       .messages = {0},
       .note = "unmasked: server to client"},
  };
  lane.messages = {{.direction = Direction::server_to_client,
                    .client = 0,
                    .payload_bytes = 2,
                    .created_at = 1ms,
                    .delivered_at = 26500us}};
  return {.scenario = "hello", .duration = 2s, .lanes = {lane}};
}

// Long polling through a proxy, the client's hop over TLS: modelled TCP and TLS frames, a
// response carrying two messages, lost on the last hop and sent again, a message never delivered,
// a connection still open at the end; then an SSE lane with nothing on the wire.
inline Lane long_poll_through_proxy() {
  const std::string request = "GET /poll HTTP/1.1\r\nHost: chat.example\r\n\r\n";
  const std::string forwarded =
      "GET /poll HTTP/1.1\r\nHost: chat.example\r\nVia: 1.1 proxy\r\n\r\n";
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n[\"hi\",\"yo\"]\r\n";
  Lane lane{.id = "long-poll-via-proxy", .transport = Transport::long_poll};
  lane.endpoints = {{EndpointRole::client, "client 1"},
                    {EndpointRole::proxy, "proxy"},
                    {EndpointRole::server, "server"}};
  lane.connections = {{.from = 0, .to = 1, .tls = true, .opened_at = 0ns, .closed_at = 2s},
                      {.from = 1, .to = 2, .tls = false, .opened_at = 30ms}};
  lane.frames = {
      {.from = 0,
       .to = 1,
       .connection = 0,
       .sent_at = 0ns,
       .received_at = 10ms,
       .layer = Layer::tcp,
       .kind = "syn",
       .setup = true,
       .modelled_size = 0,
       .transport_overhead = 40,
       .note = "the client opens TCP to the proxy"},
      {.from = 0,
       .to = 1,
       .connection = 0,
       .sent_at = 20ms,
       .received_at = 30ms,
       .layer = Layer::tls,
       .kind = "client-hello",
       .setup = true,
       .modelled_size = 517,
       .transport_overhead = 40},
      {.from = 1,
       .to = 2,
       .connection = 1,
       .sent_at = 30ms,
       .received_at = 35ms,
       .layer = Layer::tcp,
       .kind = "syn",
       .setup = true,
       .modelled_size = 0,
       .transport_overhead = 40},
      {.from = 0,
       .to = 1,
       .connection = 0,
       .sent_at = 40ms,
       .received_at = 50ms,
       .layer = Layer::http,
       .kind = "request",
       .bytes = wire::to_bytes(request),
       .transport_overhead = 69},
      {.from = 1,
       .to = 2,
       .connection = 1,
       .sent_at = 50ms,
       .received_at = 55ms,
       .layer = Layer::http,
       .kind = "request",
       .bytes = wire::to_bytes(forwarded),
       .transport_overhead = 40},
      {.from = 2,
       .to = 1,
       .connection = 1,
       .sent_at = 500ms,
       .received_at = 505ms,
       .layer = Layer::http,
       .kind = "response",
       .bytes = wire::to_bytes(response),
       .transport_overhead = 40,
       .messages = {0, 1}},
      {.from = 1,
       .to = 0,
       .connection = 0,
       .sent_at = 505ms,
       .layer = Layer::http,
       .kind = "response",
       .bytes = wire::to_bytes(response),
       .transport_overhead = 69,
       .messages = {0, 1},
       .note = "lost on the client's hop"},
      {.from = 1,
       .to = 0,
       .connection = 0,
       .sent_at = 705ms,
       .received_at = 715ms,
       .layer = Layer::http,
       .kind = "response",
       .bytes = wire::to_bytes(response),
       .transport_overhead = 69,
       .messages = {0, 1},
       .note = "sent again"},
  };
  lane.messages = {
      {.direction = Direction::server_to_client,
       .client = 0,
       .payload_bytes = 4,
       .created_at = 450ms,
       .delivered_at = 715ms},
      {.direction = Direction::server_to_client,
       .client = 0,
       .payload_bytes = 4,
       .created_at = 480ms,
       .delivered_at = 715ms},
      {.direction = Direction::client_to_server,
       .client = 0,
       .payload_bytes = 3,
       .created_at = 1900ms},  // never delivered
  };
  return lane;
}

inline Trace everything_trace() {
  Lane idle{.transport = Transport::sse};
  idle.endpoints = {{EndpointRole::client, "client 1"}, {EndpointRole::server, "server"}};
  idle.host_samples = {{.endpoint = 1,
                        .at = 100ms,
                        .connections = 3,
                        .threads_busy = 2,
                        .accept_queue = 1,
                        .memory_bytes = 30720,
                        .cpu_busy = 15us,
                        .connects = 4,
                        .refused = 1}};
  idle.host_events = {{.endpoint = 1, .at = 1s, .kind = HostEventKind::crash},
                      {.endpoint = 1, .at = 1500ms, .kind = HostEventKind::restart}};
  return {.scenario = "chat-behind-proxy",
          .source = "live",
          .duration = 2s,
          .lanes = {long_poll_through_proxy(), idle}};
}

}  // namespace pushlab::sim::testing
