#include "sim/cluster/redis_pubsub.hpp"

#include <algorithm>

#include "sim/wire/resp/encode.hpp"

namespace pushlab::sim {

namespace resp = wire::resp;

RedisPubSub::RedisPubSub(Topology& topology, Arrived arrived)
    : topology_(topology),
      arrived_(std::move(arrived)),
      links_(topology.servers().size(), nullptr) {
  topology_.listen(*topology_.broker(), [this](TcpConnection& connection) { accept(connection); });
}

void RedisPubSub::server_started(int server) {
  const EndpointId endpoint = topology_.servers()[static_cast<std::size_t>(server)];
  const EndpointId broker = *topology_.broker();
  ServerLinks& links = *all_links_.emplace_back(std::make_unique<ServerLinks>(
      topology_.connect(endpoint, broker), topology_.connect(endpoint, broker), topology_.tls()));
  links_[static_cast<std::size_t>(server)] = &links;
  links.subscriber.on_receive(
      [this, server, &links](const WireFrame& frame) { pushed(server, links, frame); });
  links.subscriber.connect([&links] {
    links.subscriber.send(resp_frame(
        "SUBSCRIBE", resp::command({"SUBSCRIBE", kBusChannel}),
        "SUBSCRIBE: this server asks Redis for every message published on the channel from "
        "now on; the connection can send nothing else while subscribed (RESP2)"));
  });
  links.publisher.connect([&links] {
    links.publisher_ready = true;
    for (WireFrame& frame : links.waiting) links.publisher.send(std::move(frame));
    links.waiting.clear();
  });
}

void RedisPubSub::publish(int server, std::uint64_t publication, std::size_t payload_bytes) {
  ServerLinks* links = links_[static_cast<std::size_t>(server)];
  if (links == nullptr) return;
  WireFrame frame = resp_frame(
      "PUBLISH",
      resp::command({"PUBLISH", kBusChannel, publication_data(publication, payload_bytes)}),
      "PUBLISH: the server hands the message to Redis once, for every subscribed server");
  if (!links->publisher_ready) {
    links->waiting.push_back(std::move(frame));
    return;
  }
  links->publisher.send(std::move(frame));
}

// A push on the server's subscription: a publication to hand to its clients.
void RedisPubSub::pushed(int server, ServerLinks& links, const WireFrame& frame) {
  links.decoder.feed(frame.bytes);
  while (auto decoded = links.decoder.next()) {
    const std::vector<std::string_view> push = arguments_of(decoded->value);
    if (push.size() != 3 || push[0] != "message") continue;
    if (const auto publication = publication_of(push[2])) arrived_(server, *publication);
  }
}

void RedisPubSub::accept(TcpConnection& connection) {
  Accepted& client =
      *accepted_.emplace_back(std::make_unique<Accepted>(connection, topology_.tls()));
  client.socket.on_receive([this, &client](const WireFrame& frame) {
    client.decoder.feed(frame.bytes);
    while (auto decoded = client.decoder.next()) command(client, decoded->value);
  });
  client.socket.on_peer_closed([this, &client] {
    subscribers_.erase(std::remove(subscribers_.begin(), subscribers_.end(), &client),
                       subscribers_.end());
    client.socket.close();
  });
}

void RedisPubSub::command(Accepted& client, const resp::Value& value) {
  const std::vector<std::string_view> arguments = arguments_of(value);
  if (arguments.size() == 2 && arguments[0] == "SUBSCRIBE") {
    if (!client.subscribed) subscribers_.push_back(&client);
    client.subscribed = true;
    client.socket.send(
        resp_frame("subscribe",
                   resp::encode(resp::Value::array({resp::Value::bulk("subscribe"),
                                                    resp::Value::bulk(std::string(arguments[1])),
                                                    resp::Value::number(1)})),
                   "Redis confirms the subscription: one channel on this connection"));
  } else if (arguments.size() == 3 && arguments[0] == "PUBLISH") {
    const auto receivers = static_cast<std::int64_t>(subscribers_.size());
    client.socket.send(resp_frame("integer", resp::encode(resp::Value::number(receivers)),
                                  "PUBLISH's reply: how many subscribers Redis sent it to (" +
                                      std::to_string(receivers) + ")"));
    fan_out(std::string(arguments[2]));
  }
}

void RedisPubSub::fan_out(const std::string& data) {
  const wire::Bytes bytes = resp::encode(
      resp::Value::array({resp::Value::bulk("message"), resp::Value::bulk(std::string(kBusChannel)),
                          resp::Value::bulk(data)}));
  for (Accepted* subscriber : subscribers_) {
    subscriber->socket.send(resp_frame(
        "message", bytes,
        "message: Redis pushes the publication to a subscribed server; a server that is down "
        "or not subscribed now never gets it (at most once)"));
  }
}

}  // namespace pushlab::sim
