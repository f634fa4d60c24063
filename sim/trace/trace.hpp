#pragma once
// The Trace: everything that crossed the wire in one run, and what the application saw.
// The simulator and live mode both write one; everything that shows, measures or exports
// reads one. Times are integer nanoseconds from the start of the run.
//
// Every member has a default, `{}` where no other value fits, so that a designated initializer
// (`WireFrame{.from = 1, .to = 0, ...}`) may leave any of them out without g++ warning.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/nanoseconds.hpp"
#include "sim/scenario/direction.hpp"
#include "sim/scenario/lane_spec.hpp"
#include "sim/scenario/transport.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::sim {

// Ids are indices into the lane's vectors, so a reference is cheap and a JSON file stays short.
using EndpointId = std::uint32_t;
using ConnectionId = std::uint32_t;
using MessageId = std::uint32_t;

// In the order their lifelines stand, left to right: a browser, a proxy on its way, the
// balancer in front of the servers, the servers, the broker behind them.
enum class EndpointRole { client, proxy, load_balancer, server, broker };

inline constexpr std::array<EndpointRole, 5> kAllEndpointRoles = {
    EndpointRole::client, EndpointRole::proxy, EndpointRole::load_balancer, EndpointRole::server,
    EndpointRole::broker};

struct Endpoint {
  EndpointRole role = EndpointRole::client;
  std::string name{};  // "client 1", "proxy", "server"

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// A TCP connection between two endpoints (one hop: client-proxy or proxy-server, or
// client-server without a proxy).
struct Connection {
  EndpointId from = 0;  // the side that opened it
  EndpointId to = 0;
  bool tls = false;
  Nanoseconds opened_at{0};
  std::optional<Nanoseconds> closed_at{};  // nullopt: still open when the run ended

  friend bool operator==(const Connection&, const Connection&) = default;
};

// resp: what crosses between a server and the broker (Redis).
enum class Layer { tcp, tls, http, websocket, sse, resp };

inline constexpr std::array<Layer, 6> kAllLayers = {Layer::tcp,       Layer::tls, Layer::http,
                                                    Layer::websocket, Layer::sse, Layer::resp};

// One unit on the wire: an HTTP message or part of a streamed one, a WebSocket frame, an SSE
// event, or a modelled TCP segment or TLS record.
struct WireFrame {
  EndpointId from = 0;
  EndpointId to = 0;
  ConnectionId connection = 0;
  Nanoseconds sent_at{0};                    // first byte leaves `from`
  std::optional<Nanoseconds> received_at{};  // last byte reaches `to`; nullopt: lost
  Layer layer = Layer::http;
  std::string kind{};  // within the layer: "request", "response", "text", "event", "syn", ...
  bool setup = false;  // spent on setting up a connection (handshakes, upgrade), not on data

  // The exact bytes, or, for what PushLab models rather than writes (TCP segments, TLS
  // records), only a size.
  wire::Bytes bytes{};
  std::optional<std::uint64_t> modelled_size{};
  // Modelled TCP/IP (and TLS record) header bytes spent carrying this frame.
  std::uint64_t transport_overhead = 0;

  std::vector<MessageId> messages{};  // application messages this frame carries
  std::string note{};                 // a short explanation for the learner

  bool lost() const { return !received_at.has_value(); }
  bool modelled() const { return modelled_size.has_value(); }
  std::uint64_t size() const { return modelled_size.value_or(bytes.size()); }

  friend bool operator==(const WireFrame&, const WireFrame&) = default;
};

// An application message: what a chat line or a price update is before any protocol wraps it.
struct Message {
  Direction direction = Direction::server_to_client;
  EndpointId client = 0;  // the client it goes to or comes from
  std::uint64_t payload_bytes = 0;
  Nanoseconds created_at{0};
  std::optional<Nanoseconds> delivered_at{};  // nullopt: never delivered

  friend bool operator==(const Message&, const Message&) = default;
};

// A host's gauges over one interval of a cluster run (sim/transports/cluster_lane.hpp), each
// the highest it reached in the interval, so that a peak between two samples is not missed.
// Kept for the balancer (connects: the clients' connection attempts) and for each server.
inline constexpr Nanoseconds kHostSampleInterval{100'000'000};

struct HostSample {
  EndpointId endpoint = 0;
  Nanoseconds at{0};               // the interval's start
  std::uint32_t connections = 0;   // open
  std::uint32_t threads_busy = 0;  // thread-per-request: requests being served
  std::uint32_t accept_queue = 0;  // requests waiting for a thread, connections for the CPU
  std::uint64_t memory_bytes = 0;  // what its open connections cost
  Nanoseconds cpu_busy{0};         // time its CPU spent on messages in the interval
  std::uint32_t connects = 0;      // connections made to it in the interval
  std::uint32_t refused = 0;       // of those, refused (a full queue, the descriptor limit)

  friend bool operator==(const HostSample&, const HostSample&) = default;
};

// What happened to a cluster's server at a moment (sim/transports/cluster_lane.hpp): a failure
// the scenario scheduled, and its end.
enum class HostEventKind { crash, restart, partition, heal, drain };
inline constexpr std::array<HostEventKind, 5> kAllHostEventKinds = {
    HostEventKind::crash, HostEventKind::restart, HostEventKind::partition, HostEventKind::heal,
    HostEventKind::drain};

struct HostEvent {
  EndpointId endpoint = 0;
  Nanoseconds at{0};
  HostEventKind kind = HostEventKind::crash;

  // A failure rather than the end of one.
  bool fails() const { return kind != HostEventKind::restart && kind != HostEventKind::heal; }

  friend bool operator==(const HostEvent&, const HostEvent&) = default;
};

// One transport's run: a lane of the side-by-side view.
struct Lane {
  std::string id{};  // the scenario's lane id (sim/scenario/lane_spec.hpp): "websocket"
  Transport transport = Transport::websocket;
  std::vector<Endpoint> endpoints{};
  std::vector<Connection> connections{};
  std::vector<WireFrame> frames{};  // in the order they were sent
  std::vector<Message> messages{};
  std::vector<HostSample> host_samples{};  // a cluster's, by interval, then by endpoint
  std::vector<HostEvent> host_events{};    // a cluster's, in time order

  friend bool operator==(const Lane&, const Lane&) = default;
};

struct Trace {
  std::string scenario{};      // the scenario's name
  std::string source = "sim";  // "sim" or "live"
  Nanoseconds duration{0};
  std::vector<Lane> lanes{};

  friend bool operator==(const Trace&, const Trace&) = default;
};

// The JSON names: "client", "proxy", "load-balancer", "server", "broker"; "tcp", "tls", "http",
// "websocket", "sse"; "crash", "restart", "partition", "heal", "drain".
std::string_view to_string(EndpointRole role);
std::string_view to_string(Layer layer);
std::string_view to_string(HostEventKind kind);

}  // namespace pushlab::sim
