#include "sim/cluster/balancer_route.hpp"

#include <algorithm>

#include "sim/net/cookie_jar.hpp"
#include "sim/scenario/cluster.hpp"
#include "sim/wire/http/parse_one.hpp"

namespace pushlab::sim {

BalancerRoute::BalancerRoute(const Balancer& settings, std::vector<EndpointId> servers, Rng rng)
    : settings_(settings),
      servers_(std::move(servers)),
      chooser_(settings.policy, static_cast<int>(servers_.size()), rng) {}

int BalancerRoute::index_of(EndpointId endpoint) const {
  return static_cast<int>(std::find(servers_.begin(), servers_.end(), endpoint) - servers_.begin());
}

// The server a client is pinned to, if it is up.
std::optional<int> BalancerRoute::pinned(EndpointId address, const WireFrame* request) const {
  std::optional<int> server;
  if (settings_.sticky == Stickiness::ip_hash) {
    if (const auto found = stuck_.find(address); found != stuck_.end()) server = found->second;
  } else if (settings_.sticky == Stickiness::cookie && request != nullptr) {
    const auto parsed = wire::http::parse_request(request->bytes);
    const std::string* cookies = parsed ? parsed->fields.find("Cookie") : nullptr;
    const auto node = cookies ? cookie_value(*cookies, kStickyCookie) : std::nullopt;
    for (int i = 0; node && i < chooser_.servers(); ++i) {
      if (*node == server_name(i + 1)) server = i;
    }
  }
  if (server && !chooser_.up(*server)) return std::nullopt;
  return server;
}

std::optional<RelayRoute::Choice> BalancerRoute::choose(EndpointId address,
                                                        const WireFrame* request) {
  if (const auto server = pinned(address, request)) {
    return Choice{.upstream = servers_[static_cast<std::size_t>(*server)]};
  }
  const std::optional<int> server = chooser_.choose(address);
  if (!server) return std::nullopt;
  if (settings_.sticky == Stickiness::ip_hash) stuck_[address] = *server;
  return Choice{.upstream = servers_[static_cast<std::size_t>(*server)],
                .set_cookie = settings_.sticky == Stickiness::cookie};
}

void BalancerRoute::decorate(EndpointId upstream, WireFrame& head) {
  const std::string name = server_name(index_of(upstream) + 1);
  insert_field(head.bytes, "Set-Cookie", std::string(kStickyCookie) + "=" + name + "; Path=/");
  if (!head.note.empty()) head.note += "; ";
  head.note += "the balancer added Set-Cookie: " + std::string(kStickyCookie) + "=" + name +
               ", so the browser's next requests name the server that served this one";
}

}  // namespace pushlab::sim
