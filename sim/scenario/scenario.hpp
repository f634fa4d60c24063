#pragma once
// A scenario: who talks, over what network, through which transports, with what traffic. It reads
// like its JSON file (scenarios/*.json): a field `x_ms` or `x_s` there is `x` here, and every
// default below is the value a missing field gets. Times are whole nanoseconds; the JSON's seconds
// and milliseconds are rounded to the nearest one on load.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/nanoseconds.hpp"
#include "sim/scenario/cluster.hpp"
#include "sim/scenario/lane_spec.hpp"
#include "sim/scenario/traffic.hpp"
#include "sim/scenario/transport.hpp"

namespace pushlab::sim {

struct Network {
  Nanoseconds latency = std::chrono::milliseconds{50};  // one way, client to server
  Nanoseconds jitter{0};
  double loss = 0;            // probability that a packet is lost, in [0, 1)
  double bandwidth_kbps = 0;  // 0 = unlimited
  bool tls = false;           // wss:// and https:// instead of ws:// and http://
  // With a proxy, each hop's one-way latency; absent = half of `latency` (see below).
  std::optional<Nanoseconds> client_proxy_latency;
  std::optional<Nanoseconds> proxy_server_latency;
  bool operator==(const Network&) const = default;
};

// The one-way latency of each hop when a proxy sits in the middle. Without overrides the two
// halves add up to exactly `latency` (the odd nanosecond goes to the proxy-server hop).
Nanoseconds client_proxy_hop_latency(const Network& network);
Nanoseconds proxy_server_hop_latency(const Network& network);

// A proxy between client and server, and the ways it interferes with pushing.
struct Proxy {
  bool enabled = false;
  // Drops the hop-by-hop Upgrade and Connection headers, as some old proxies do.
  bool strip_upgrade = false;
  // Closes a connection idle this long; 0 = never.
  Nanoseconds idle_timeout{0};
  // Answers 504 to a request held longer ("max_request_s"); 0 = never.
  Nanoseconds max_request_time{0};
  // Holds a streamed response back until this many bytes have gathered; 0 = no buffering.
  std::size_t buffer_bytes = 0;
  bool operator==(const Proxy&) const = default;
};

struct HeaderField {
  std::string name;  // an HTTP token
  std::string value;
  bool operator==(const HeaderField&) const = default;
};

// The host a scenario's browser asks when its request fields name none.
inline constexpr std::string_view kDefaultHost = "pushlab.example";

// Extra fields added to every HTTP message, in the order of the file. A field the message
// writes itself (Host, Accept on an event stream, Connection on a handshake) is written once.
struct HttpHeaders {
  std::vector<HeaderField> request_headers;
  std::vector<HeaderField> response_headers;
  bool operator==(const HttpHeaders&) const = default;

  // The request fields' Host (as copied from a browser, say), or kDefaultHost.
  std::string_view host() const;
};

struct ShortPollOptions {
  Nanoseconds interval = std::chrono::seconds{1};  // how often the client asks ("interval_s")
  bool operator==(const ShortPollOptions&) const = default;
};

struct LongPollOptions {
  Nanoseconds timeout = std::chrono::seconds{30};  // longest the server holds a request
  bool operator==(const LongPollOptions&) const = default;
};

struct WebSocketOptions {
  Nanoseconds ping_interval{0};  // 0 = no pings
  bool operator==(const WebSocketOptions&) const = default;
};

struct SseOptions {
  Nanoseconds retry = std::chrono::milliseconds{3000};  // reconnection delay the server announces
  // Tabs of the page open in each client's browser, each with an EventSource of its own; they
  // share the browser's six connections to the host. The traffic is the newest tab's, and the
  // earlier tabs get the same events.
  int tabs = 1;
  bool operator==(const SseOptions&) const = default;
};

// The Engine.IO lane's session, as its server announces it in the open packet. The defaults
// are engine.io 6.6's (lib/server.ts): a ping every 25 s, a pong within 20 s.
struct EngineIoOptions {
  Nanoseconds ping_interval = std::chrono::milliseconds{25000};
  Nanoseconds ping_timeout = std::chrono::milliseconds{20000};
  bool upgrade = true;   // the server offers the WebSocket (allowUpgrades), the client probes it
  bool socketio = true;  // messages are Socket.IO events on namespace "/", after its CONNECT
  // The client's `transports: ["websocket"]`: no polling, the session opens on a WebSocket.
  bool websocket_only = false;
  bool operator==(const EngineIoOptions&) const = default;
};

struct Scenario {
  std::string name;  // required: a slug of [a-z0-9-], also the file's stem by convention
  std::string title;
  std::string description;
  Nanoseconds duration{};  // required ("duration_s")
  std::uint64_t seed = 0;
  std::vector<LaneSpec> lanes;  // required ("transports"), at least one, each id once
  int clients = 1;
  Network network;
  Proxy proxy;
  HttpHeaders http;
  ShortPollOptions short_poll;
  LongPollOptions long_poll;
  WebSocketOptions websocket;
  SseOptions sse;
  EngineIoOptions engine_io;
  std::vector<TrafficSource> traffic;  // required, may be empty
  std::optional<Cluster> cluster;      // absent: one server
  bool operator==(const Scenario&) const = default;
};

}  // namespace pushlab::sim
