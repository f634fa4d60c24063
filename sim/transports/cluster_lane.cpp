#include "sim/transports/cluster_lane.hpp"

#include <algorithm>

#include "sim/net/duration_text.hpp"

namespace pushlab::sim {

namespace {

// How long a draining server goes on answering what it holds before it closes the rest:
// Kubernetes' default terminationGracePeriodSeconds.
constexpr Nanoseconds kDrainGrace = std::chrono::seconds{30};

RelaySettings balancer_settings(const Cluster& cluster) {
  return {.name = "the balancer",
          .interference = {.enabled = true,
                           .strip_upgrade = false,
                           .idle_timeout = cluster.balancer.idle_timeout,
                           .max_request_time = Nanoseconds{0},
                           .buffer_bytes = 0},
          .max_connection_age = cluster.balancer.max_connection_age};
}

HostEventKind event_of(FailureKind kind) {
  switch (kind) {
    case FailureKind::crash:
      return HostEventKind::crash;
    case FailureKind::partition:
      return HostEventKind::partition;
    case FailureKind::drain:
      return HostEventKind::drain;
  }
  return HostEventKind::crash;
}

}  // namespace

ClusterLane::ClusterLane(LaneWorld& world, const LaneModels& models, const Cluster& cluster,
                         Rng rng)
    : world_(world),
      models_(models),
      cluster_(cluster),
      rng_(rng),
      route_(cluster.balancer, world.topology.servers(), rng.fork(0)),
      relay_settings_(balancer_settings(cluster)),
      balancer_(world.topology, *world.topology.balancer(), relay_settings_, route_),
      up_(world.topology.servers().size(), true) {
  if (cluster.balancer.sticky == Stickiness::cookie) world.topology.keep_cookies();
  world.messages.keep_delivered_payloads();
  bus_ = make_message_bus(
      cluster.broker, world.topology,
      [this](int server, std::uint64_t number) { arrived(server, number); },
      [this](int server, int client, std::uint64_t number) { replayed(server, client, number); });
  if (bus_->keeps_history()) {
    world.resume = [this](EndpointId server, int client, std::optional<MessageId> last) {
      resume(server, client, last);
    };
  }
  for (int server = 0; server < cluster.servers; ++server) {
    resources_.push_back(std::make_unique<ServerResources>(world.simulator, cluster.server,
                                                           server_name(server + 1)));
    world.topology.set_gate(endpoint_of(server), resources_.back().get());
    servers_.push_back(models.make_server(endpoint_of(server)));
    bus_->server_started(server);
  }
  for (const Failure& failure : cluster.failures) schedule(failure);
  if (kHostSampleInterval <= world.scenario.duration) {
    world.simulator.schedule_at(kHostSampleInterval, [this] { sample_hosts(Nanoseconds{0}); });
  }
}

// Whole intervals within the traffic, so that every sample spans the same time.
void ClusterLane::sample_hosts(Nanoseconds interval_start) {
  TraceSink& sink = world_.topology.net().sink;
  const EndpointId balancer = *world_.topology.balancer();
  const std::uint64_t connects = world_.topology.connects_to(balancer);
  sink.add_host_sample({.endpoint = balancer,
                        .at = interval_start,
                        .connects = static_cast<std::uint32_t>(connects - balancer_connects_)});
  balancer_connects_ = connects;
  for (int server = 0; server < cluster_.servers; ++server) {
    sink.add_host_sample(
        resources_[static_cast<std::size_t>(server)]->sample(endpoint_of(server), interval_start));
  }
  const Nanoseconds next = interval_start + kHostSampleInterval;
  if (next + kHostSampleInterval <= world_.scenario.duration) {
    world_.simulator.schedule_at(next + kHostSampleInterval, [this, next] { sample_hosts(next); });
  }
}

void ClusterLane::publish(const Publication& publication) {
  const std::optional<int> origin = origin_of(publication);
  if (!origin) return;  // every server is down: nobody can publish it, and it is lost
  const auto number = static_cast<std::uint64_t>(publications_.size());
  publications_.push_back(publication);
  bus_->publish(*origin, number, publication.payload_bytes);
}

// The sender's server; between its connections, any server that is up.
std::optional<int> ClusterLane::origin_of(const Publication& publication) {
  std::vector<int> up;
  for (int server = 0; server < cluster_.servers; ++server) {
    if (!up_[static_cast<std::size_t>(server)]) continue;
    if (servers_[static_cast<std::size_t>(server)]->serves(publication.sender)) return server;
    up.push_back(server);
  }
  if (up.empty()) return std::nullopt;
  const auto last = static_cast<std::int64_t>(up.size()) - 1;
  return up[static_cast<std::size_t>(rng_.uniform_int(0, last))];
}

void ClusterLane::arrived(int server, std::uint64_t number) {
  if (!up_[static_cast<std::size_t>(server)] || number >= publications_.size()) return;
  const Publication& publication = publications_[number];
  ServerModel& model = *servers_[static_cast<std::size_t>(server)];
  for (int client = publication.first_client; client < publication.first_client + publication.count;
       ++client) {
    if (model.serves(client)) push_later(server, client, publication.id_for(client));
  }
}

// The message waits for the server's CPU.
void ClusterLane::push_later(int server, int client, MessageId id) {
  resources_[static_cast<std::size_t>(server)]->compute(
      [this, server, client, id] { servers_[static_cast<std::size_t>(server)]->push(client, id); });
}

// The publication whose message for `client` is `id`, if one is.
std::optional<std::uint64_t> ClusterLane::publication_of(int client, MessageId id) const {
  const auto after = std::upper_bound(publications_.begin(), publications_.end(), id,
                                      [](MessageId wanted, const Publication& publication) {
                                        return wanted < publication.first_id;
                                      });
  if (after == publications_.begin()) return std::nullopt;
  const Publication& publication = *std::prev(after);
  if (client < publication.first_client || client >= publication.first_client + publication.count ||
      publication.id_for(client) != id) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(std::prev(after) - publications_.begin());
}

void ClusterLane::resume(EndpointId server, int client, std::optional<MessageId> last) {
  const std::vector<EndpointId>& servers = world_.topology.servers();
  const auto index =
      static_cast<int>(std::find(servers.begin(), servers.end(), server) - servers.begin());
  if (index >= cluster_.servers || !up_[static_cast<std::size_t>(index)]) return;
  std::optional<std::uint64_t> after;
  if (last) {
    after = publication_of(client, *last);
    if (!after) return;  // not a message the cluster published
  }
  bus_->replay(index, client, after);
}

void ClusterLane::replayed(int server, int client, std::uint64_t number) {
  if (!up_[static_cast<std::size_t>(server)] || number >= publications_.size()) return;
  const Publication& publication = publications_[number];
  if (client < publication.first_client || client >= publication.first_client + publication.count) {
    return;  // an entry for other clients
  }
  push_later(server, client, publication.id_for(client));
}

void ClusterLane::schedule(const Failure& failure) {
  world_.simulator.schedule_at(failure.at, [this, &failure] { fail(failure); });
  if (failure.restart_after) {
    world_.simulator.schedule_at(failure.at + *failure.restart_after,
                                 [this, &failure] { recover(failure); });
  }
}

void ClusterLane::fail(const Failure& failure) {
  const int server = failure.server - 1;
  const EndpointId endpoint = endpoint_of(server);
  const std::string name = server_name(failure.server);
  route_.set_up(server, false);
  world_.topology.net().sink.add_host_event(
      {.endpoint = endpoint, .at = world_.simulator.now(), .kind = event_of(failure.kind)});
  switch (failure.kind) {
    case FailureKind::crash:
      up_[static_cast<std::size_t>(server)] = false;
      world_.topology.reset_connections_of(
          endpoint, "RST: " + name + " crashed; its kernel resets every connection it had");
      world_.topology.net().set_down(endpoint, true);
      resources_[static_cast<std::size_t>(server)]->crashed();
      retired_.push_back(std::move(servers_[static_cast<std::size_t>(server)]));
      break;
    case FailureKind::partition:
      up_[static_cast<std::size_t>(server)] = false;
      world_.topology.net().set_down(endpoint, true);
      break;
    case FailureKind::drain:
      servers_[static_cast<std::size_t>(server)]->drain();
      world_.simulator.schedule(kDrainGrace, [this, server] {
        world_.topology.close_connections_of(
            endpoint_of(server), "FIN: " + server_name(server + 1) + " has drained for " +
                                     duration_text(kDrainGrace) +
                                     " and closes what is still open, so that its clients "
                                     "reconnect to another server");
      });
      break;
  }
}

void ClusterLane::recover(const Failure& failure) {
  const int server = failure.server - 1;
  const EndpointId endpoint = endpoint_of(server);
  world_.topology.net().set_down(endpoint, false);
  world_.topology.net().sink.add_host_event({.endpoint = endpoint,
                                             .at = world_.simulator.now(),
                                             .kind = failure.kind == FailureKind::partition
                                                         ? HostEventKind::heal
                                                         : HostEventKind::restart});
  up_[static_cast<std::size_t>(server)] = true;
  if (failure.kind == FailureKind::crash) {
    servers_[static_cast<std::size_t>(server)] = models_.make_server(endpoint);
    bus_->server_started(server);
  }
  route_.set_up(server, true);
}

}  // namespace pushlab::sim
