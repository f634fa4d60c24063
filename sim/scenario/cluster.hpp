#pragma once
// A scenario's optional `cluster`: many servers behind a load balancer, a broker between them,
// the servers' limits, failures and how clients reconnect. Without it a scenario has one server,
// as it always had. Every default is a real system's, with its source in docs/SIMULATION.md.
//
//   "cluster": {"servers": 4, "balancer": {"policy": "least-connections"},
//               "failures": [{"at_s": 10, "server": 2, "kind": "crash", "restart_after_s": 5}]}

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim {

// A small enum's JSON names, indexed by its values: kNames[static_cast<size_t>(value)].
template <typename Enum, std::size_t N>
struct EnumNames {
  std::array<Enum, N> values;
  std::array<std::string_view, N> names;

  constexpr std::string_view operator()(Enum value) const {
    return names[static_cast<std::size_t>(value)];
  }
};

// How the balancer picks a server for a new connection or an unpinned request.
enum class BalancerPolicy { round_robin, least_connections, random, ip_hash };
inline constexpr EnumNames<BalancerPolicy, 4> kBalancerPolicies{
    {BalancerPolicy::round_robin, BalancerPolicy::least_connections, BalancerPolicy::random,
     BalancerPolicy::ip_hash},
    {"round-robin", "least-connections", "random", "ip-hash"}};

// Whether a client's later requests go where its first one went: by a table of client
// addresses (HAProxy's `stick on src`), or by a cookie the balancer inserts.
enum class Stickiness { none, ip_hash, cookie };
inline constexpr EnumNames<Stickiness, 3> kStickiness{
    {Stickiness::none, Stickiness::ip_hash, Stickiness::cookie}, {"none", "ip-hash", "cookie"}};

struct Balancer {
  BalancerPolicy policy = BalancerPolicy::round_robin;
  Stickiness sticky = Stickiness::none;
  Nanoseconds idle_timeout = std::chrono::seconds{60};   // 0 = never (nginx proxy_read_timeout)
  Nanoseconds max_connection_age{0};                     // 0 = never ("max_connection_s")
  Nanoseconds latency = std::chrono::microseconds{250};  // one way, balancer to each server
  bool operator==(const Balancer&) const = default;
};

// How a server's I/O holds what it serves: an event loop holds a connection in memory only; a
// thread per request blocks a thread for as long as a request (or a stream) is open.
enum class ServerModelKind { event_loop, thread_per_request };
inline constexpr EnumNames<ServerModelKind, 2> kServerModels{
    {ServerModelKind::event_loop, ServerModelKind::thread_per_request},
    {"event-loop", "thread-per-request"}};

struct ServerHost {
  ServerModelKind model = ServerModelKind::event_loop;
  int threads = 200;            // Tomcat's maxThreads
  int accept_backlog = 511;     // nginx's listen backlog on Linux
  int max_connections = 65536;  // file descriptors
  double memory_per_connection_kb = 10;
  double cpu_us_per_message = 5;     // each server is one CPU queue
  double cpu_us_per_connection = 0;  // accepting one (a TLS handshake's keys); 0: free
  bool operator==(const ServerHost&) const = default;
};

enum class BrokerKind { none, redis_pubsub, redis_streams };
inline constexpr EnumNames<BrokerKind, 3> kBrokerKinds{
    {BrokerKind::none, BrokerKind::redis_pubsub, BrokerKind::redis_streams},
    {"none", "redis-pubsub", "redis-streams"}};

struct Broker {
  BrokerKind kind = BrokerKind::redis_pubsub;
  Nanoseconds latency = std::chrono::microseconds{250};  // one way, each server to the broker
  bool operator==(const Broker&) const = default;
};

enum class FailureKind { crash, drain, partition };
inline constexpr EnumNames<FailureKind, 3> kFailureKinds{
    {FailureKind::crash, FailureKind::drain, FailureKind::partition},
    {"crash", "drain", "partition"}};

struct Failure {
  Nanoseconds at{};
  int server = 1;  // 1 to `servers`: s1, s2, ...
  FailureKind kind = FailureKind::crash;
  std::optional<Nanoseconds> restart_after;  // absent: it stays down
  bool operator==(const Failure&) const = default;
};

// The AWS Architecture Blog's "Exponential Backoff And Jitter" (2015), plus the two plain ones.
enum class ReconnectPolicy {
  immediate,
  fixed,
  exponential,
  full_jitter,
  equal_jitter,
  decorrelated_jitter
};
inline constexpr EnumNames<ReconnectPolicy, 6> kReconnectPolicies{
    {ReconnectPolicy::immediate, ReconnectPolicy::fixed, ReconnectPolicy::exponential,
     ReconnectPolicy::full_jitter, ReconnectPolicy::equal_jitter,
     ReconnectPolicy::decorrelated_jitter},
    {"immediate", "fixed", "exponential", "full-jitter", "equal-jitter", "decorrelated-jitter"}};

struct Reconnect {
  ReconnectPolicy policy = ReconnectPolicy::full_jitter;  // the AWS SDKs' retry
  Nanoseconds base = std::chrono::milliseconds{1000};     // the AWS SDKs' base when throttled
  Nanoseconds cap = std::chrono::milliseconds{20000};     // the AWS SDKs' cap
  // An EventSource reconnects after the stream's `retry`, without jitter, as browsers do; with
  // this set, SSE clients follow the policy instead (as a page that closes and reopens it would).
  bool sse_follows_policy = false;
  bool operator==(const Reconnect&) const = default;
};

struct Cluster {
  int servers = 1;  // required in a file; one server behind a balancer when a setting adds it
  Balancer balancer;
  ServerHost server;
  Broker broker;
  std::vector<Failure> failures;
  Reconnect reconnect;
  bool operator==(const Cluster&) const = default;
};

// A server's name, in the Trace and in the balancer's cookie: s1, s2, ...
std::string server_name(int server);

}  // namespace pushlab::sim
