#pragma once
// The number and switch fields of each scenario section, described once: the loader reads and
// checks them, the saver writes them and the parameters panel edits them, under the same names
// and within the same ranges, so that a value a file may hold is a value the panel may show.
// Fields that are not numbers (names, lanes, header fields, traffic) keep code of their own.
//
//   for (const Field<Network>& field : kNetworkFields) ... field.info.key, field.info.range,
//                                                        network.*std::get<...>(field.member)
//
// A new section is one more table here, read by read_fields and written by write_fields.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <variant>

#include "sim/engine/nanoseconds.hpp"
#include "sim/json/number_range.hpp"
#include "sim/scenario/scenario.hpp"

namespace pushlab::sim {

// What a field's number counts, in the file and in the panel.
enum class FieldUnit {
  none,          // a switch
  milliseconds,  // a duration, "_ms" in the file
  seconds,       // a duration, "_s" in the file
  number,        // a plain number: a probability, a rate
  count,         // a whole number: bytes, clients, tabs
};

template <typename Section>
using FieldMember =
    std::variant<bool Section::*, double Section::*, int Section::*, std::size_t Section::*,
                 Nanoseconds Section::*, std::optional<Nanoseconds> Section::*>;

// What the loader, the saver and the panel need to know of a field, whatever its type.
struct FieldInfo {
  std::string_view key;    // in the file
  std::string_view label;  // in the parameters panel
  FieldUnit unit = FieldUnit::none;
  json::NumberRange range{};  // in the field's unit; a switch has none
  // What 0 means when it means something of its own ("never", "no pings"). With range.min above
  // 0, 0 is allowed as well.
  std::string_view zero_means{};
  bool with_proxy = false;  // only meaningful with a proxy: the panel shows it with one
};

template <typename Section>
struct Field {
  FieldInfo info;
  FieldMember<Section> member;
};

namespace fields {

inline constexpr json::NumberRange kLatencyMs{.min = 0, .max = 60000};
inline constexpr json::NumberRange kProbability{.min = 0, .max = 1, .excludes_max = true};
inline constexpr json::NumberRange kBandwidthKbps{.min = 0, .max = 100'000'000};  // 100 Gbit/s
inline constexpr json::NumberRange kTimeoutSeconds{.min = 0, .max = 86400};       // 0 = never
// Timers that fire repeatedly start at a millisecond, so one field cannot flood the simulator.
inline constexpr json::NumberRange kTimerSeconds{.min = 0.001, .max = 86400};
inline constexpr json::NumberRange kRetryMs{.min = 0, .max = 3'600'000};
inline constexpr json::NumberRange kBufferBytes{.min = 0, .max = 16 * 1024 * 1024};
// Far above the six connections per host that tabs run into.
inline constexpr json::NumberRange kHeartbeatMs{.min = 1, .max = 3'600'000};
inline constexpr json::NumberRange kTabs{.min = 1, .max = 64};

// Fields outside the tables, read by code of their own: the run's and the traffic's.
inline constexpr json::NumberRange kDurationSeconds{.min = 0, .max = 86400, .excludes_min = true};
inline constexpr int kMaxClients = 1'000'000;
inline constexpr std::size_t kMaxPayloadBytes = 16 * 1024 * 1024;
// The two limits agree: a periodic source is as fast as a Poisson one at most.
inline constexpr json::NumberRange kRatePerSecond{.min = 0, .max = 100'000, .excludes_min = true};
inline constexpr json::NumberRange kIntervalSeconds{.min = 0.00001, .max = 86400};
inline constexpr json::NumberRange kAnyTimeSeconds{.min = 0, .max = 86400};

// The cluster's.
inline constexpr int kMaxServers = 1024;
inline constexpr json::NumberRange kHopLatencyMs{.min = 0, .max = 1000};
inline constexpr json::NumberRange kThreads{.min = 1, .max = 100'000};
inline constexpr json::NumberRange kBacklog{.min = 0, .max = 1'000'000};
inline constexpr json::NumberRange kMaxConnections{.min = 1, .max = 10'000'000};
inline constexpr json::NumberRange kMemoryKb{.min = 0, .max = 1'048'576};  // a GiB a connection
inline constexpr json::NumberRange kCpuMicroseconds{.min = 0, .max = 1'000'000};
inline constexpr json::NumberRange kBackoffMs{.min = 0, .max = 3'600'000};
inline constexpr json::NumberRange kRestartSeconds{.min = 0, .max = 86400, .excludes_min = true};

}  // namespace fields

inline constexpr std::array kNetworkFields = {
    Field<Network>{{.key = "latency_ms",
                    .label = "latency (one way)",
                    .unit = FieldUnit::milliseconds,
                    .range = fields::kLatencyMs},
                   &Network::latency},
    Field<Network>{{.key = "jitter_ms",
                    .label = "jitter",
                    .unit = FieldUnit::milliseconds,
                    .range = fields::kLatencyMs},
                   &Network::jitter},
    Field<Network>{
        {.key = "loss", .label = "loss", .unit = FieldUnit::number, .range = fields::kProbability},
        &Network::loss},
    Field<Network>{{.key = "bandwidth_kbps",
                    .label = "bandwidth (kbit/s)",
                    .unit = FieldUnit::number,
                    .range = fields::kBandwidthKbps,
                    .zero_means = "unlimited"},
                   &Network::bandwidth_kbps},
    Field<Network>{{.key = "tls", .label = "TLS (wss://, https://)"}, &Network::tls},
    Field<Network>{{.key = "client_proxy_latency_ms",
                    .label = "client-proxy latency",
                    .unit = FieldUnit::milliseconds,
                    .range = fields::kLatencyMs,
                    .with_proxy = true},
                   &Network::client_proxy_latency},
    Field<Network>{{.key = "proxy_server_latency_ms",
                    .label = "proxy-server latency",
                    .unit = FieldUnit::milliseconds,
                    .range = fields::kLatencyMs,
                    .with_proxy = true},
                   &Network::proxy_server_latency},
};

inline constexpr std::array kProxyFields = {
    Field<Proxy>{{.key = "enabled", .label = "a proxy between client and server"}, &Proxy::enabled},
    Field<Proxy>{
        {.key = "strip_upgrade", .label = "strips Upgrade and Connection", .with_proxy = true},
        &Proxy::strip_upgrade},
    Field<Proxy>{{.key = "idle_timeout_s",
                  .label = "closes idle connections after",
                  .unit = FieldUnit::seconds,
                  .range = fields::kTimeoutSeconds,
                  .zero_means = "never",
                  .with_proxy = true},
                 &Proxy::idle_timeout},
    Field<Proxy>{{.key = "max_request_s",
                  .label = "504 for requests held over",
                  .unit = FieldUnit::seconds,
                  .range = fields::kTimeoutSeconds,
                  .zero_means = "never",
                  .with_proxy = true},
                 &Proxy::max_request_time},
    Field<Proxy>{{.key = "buffer_bytes",
                  .label = "buffers up to (bytes)",
                  .unit = FieldUnit::count,
                  .range = fields::kBufferBytes,
                  .zero_means = "no buffering",
                  .with_proxy = true},
                 &Proxy::buffer_bytes},
};

inline constexpr std::array kShortPollFields = {
    Field<ShortPollOptions>{{.key = "interval_s",
                             .label = "short polling: interval",
                             .unit = FieldUnit::seconds,
                             .range = fields::kTimerSeconds},
                            &ShortPollOptions::interval},
};

inline constexpr std::array kLongPollFields = {
    Field<LongPollOptions>{{.key = "timeout_s",
                            .label = "long polling: timeout",
                            .unit = FieldUnit::seconds,
                            .range = fields::kTimerSeconds},
                           &LongPollOptions::timeout},
};

inline constexpr std::array kWebSocketFields = {
    Field<WebSocketOptions>{{.key = "ping_interval_s",
                             .label = "WebSocket: ping every",
                             .unit = FieldUnit::seconds,
                             .range = fields::kTimerSeconds,
                             .zero_means = "no pings"},
                            &WebSocketOptions::ping_interval},
};

inline constexpr std::array kSseFields = {
    Field<SseOptions>{{.key = "retry_ms",
                       .label = "SSE: retry",
                       .unit = FieldUnit::milliseconds,
                       .range = fields::kRetryMs},
                      &SseOptions::retry},
    Field<SseOptions>{{.key = "tabs",
                       .label = "SSE: tabs of the page per browser",
                       .unit = FieldUnit::count,
                       .range = fields::kTabs},
                      &SseOptions::tabs},
};

inline constexpr std::array kEngineIoFields = {
    Field<EngineIoOptions>{{.key = "ping_interval_ms",
                            .label = "Engine.IO: pingInterval",
                            .unit = FieldUnit::milliseconds,
                            .range = fields::kHeartbeatMs},
                           &EngineIoOptions::ping_interval},
    Field<EngineIoOptions>{{.key = "ping_timeout_ms",
                            .label = "Engine.IO: pingTimeout",
                            .unit = FieldUnit::milliseconds,
                            .range = fields::kHeartbeatMs},
                           &EngineIoOptions::ping_timeout},
    Field<EngineIoOptions>{{.key = "upgrade", .label = "Engine.IO: upgrade to WebSocket"},
                           &EngineIoOptions::upgrade},
    Field<EngineIoOptions>{{.key = "socketio", .label = "Engine.IO: Socket.IO packets"},
                           &EngineIoOptions::socketio},
    Field<EngineIoOptions>{
        {.key = "websocket_only", .label = "Engine.IO: WebSocket only, no polling"},
        &EngineIoOptions::websocket_only},
};

inline constexpr std::array kBalancerFields = {
    Field<Balancer>{{.key = "idle_timeout_s",
                     .label = "balancer: closes idle connections after",
                     .unit = FieldUnit::seconds,
                     .range = fields::kTimeoutSeconds,
                     .zero_means = "never"},
                    &Balancer::idle_timeout},
    Field<Balancer>{{.key = "max_connection_s",
                     .label = "balancer: closes any connection at the age of",
                     .unit = FieldUnit::seconds,
                     .range = fields::kTimeoutSeconds,
                     .zero_means = "never"},
                    &Balancer::max_connection_age},
    Field<Balancer>{{.key = "latency_ms",
                     .label = "balancer to server latency",
                     .unit = FieldUnit::milliseconds,
                     .range = fields::kHopLatencyMs},
                    &Balancer::latency},
};

inline constexpr std::array kServerHostFields = {
    Field<ServerHost>{{.key = "threads",
                       .label = "server: threads (thread per request)",
                       .unit = FieldUnit::count,
                       .range = fields::kThreads},
                      &ServerHost::threads},
    Field<ServerHost>{{.key = "accept_backlog",
                       .label = "server: accept backlog",
                       .unit = FieldUnit::count,
                       .range = fields::kBacklog},
                      &ServerHost::accept_backlog},
    Field<ServerHost>{{.key = "max_connections",
                       .label = "server: file descriptors",
                       .unit = FieldUnit::count,
                       .range = fields::kMaxConnections},
                      &ServerHost::max_connections},
    Field<ServerHost>{{.key = "memory_per_connection_kb",
                       .label = "server: memory per connection (KB)",
                       .unit = FieldUnit::number,
                       .range = fields::kMemoryKb},
                      &ServerHost::memory_per_connection_kb},
    Field<ServerHost>{{.key = "cpu_us_per_message",
                       .label = "server: CPU per message (us)",
                       .unit = FieldUnit::number,
                       .range = fields::kCpuMicroseconds},
                      &ServerHost::cpu_us_per_message},
    Field<ServerHost>{{.key = "cpu_us_per_connection",
                       .label = "server: CPU per new connection (us)",
                       .unit = FieldUnit::number,
                       .range = fields::kCpuMicroseconds},
                      &ServerHost::cpu_us_per_connection},
};

inline constexpr std::array kBrokerFields = {
    Field<Broker>{{.key = "latency_ms",
                   .label = "server to broker latency",
                   .unit = FieldUnit::milliseconds,
                   .range = fields::kHopLatencyMs},
                  &Broker::latency},
};

inline constexpr std::array kReconnectFields = {
    Field<Reconnect>{{.key = "base_ms",
                      .label = "reconnect: base delay",
                      .unit = FieldUnit::milliseconds,
                      .range = fields::kBackoffMs},
                     &Reconnect::base},
    Field<Reconnect>{{.key = "cap_ms",
                      .label = "reconnect: longest delay",
                      .unit = FieldUnit::milliseconds,
                      .range = fields::kBackoffMs},
                     &Reconnect::cap},
    Field<Reconnect>{{.key = "sse_follows_policy", .label = "SSE reconnects by the policy too"},
                     &Reconnect::sse_follows_policy},
};

// The keys of a table, for the reader that refuses any other.
template <typename Section, std::size_t N>
constexpr std::array<std::string_view, N> keys_of(const std::array<Field<Section>, N>& table) {
  std::array<std::string_view, N> keys{};
  for (std::size_t i = 0; i < N; ++i) keys[i] = table[i].info.key;
  return keys;
}

}  // namespace pushlab::sim
