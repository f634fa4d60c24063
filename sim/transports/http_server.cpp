#include "sim/transports/http_server.hpp"

#include "sim/transports/http_contract.hpp"
#include "sim/wire/http/parse_one.hpp"

namespace pushlab::sim {

HttpServer::HttpServer(LaneWorld& world, EndpointId endpoint, Handler on_request,
                       ClosedHandler on_closed)
    : world_(world),
      on_request_(std::move(on_request)),
      on_closed_(std::move(on_closed)),
      seen_(static_cast<std::size_t>(world.clients()), false) {
  world_.topology.listen(endpoint, [this](TcpConnection& connection) { accept(connection); });
}

void HttpServer::accept(TcpConnection& connection) {
  Accepted& accepted = accepted_.emplace_back(connection, world_.tls());
  Socket& socket = accepted.socket;
  socket.on_receive([this, &accepted](const WireFrame& frame) { received(accepted, frame); });
  socket.on_peer_closed([this, &socket] {
    socket.close();
    if (on_closed_) on_closed_(socket);
  });
}

void HttpServer::received(Accepted& accepted, const WireFrame& frame) {
  Socket& socket = accepted.socket;
  if (accepted.last_bytes.empty() || frame.bytes != accepted.last_bytes) {
    auto request = wire::http::parse_request(frame.bytes);
    if (!request) return;  // not HTTP: the transport has taken the socket over
    accepted.last_bytes = frame.bytes;
    accepted.last_request = std::move(*request);
  }
  const wire::http::Request* request = &accepted.last_request;
  const std::optional<int> client = contract::client_in(request->target, world_.clients());
  if (!client) {
    // Every endpoint serves one client, named in the query; a request that names none would
    // otherwise wait for an answer forever.
    WireFrame refusal = world_.http.response(400, {});
    if (world_.notes) refusal.note = "the request names no client of this run (?client=1 to N)";
    socket.send(std::move(refusal));
    return;
  }
  if (request->method == "POST" && contract::path_of(request->target) == contract::kSendPath) {
    for (const MessageId id : frame.messages) world_.messages.deliver(id);
    WireFrame reply = world_.http.response(204, {});
    reply.kind = "send-response";  // not a poll: never counted as an empty response
    if (world_.notes) reply.note = "the server has the client's message";
    socket.send(std::move(reply));
    return;
  }
  seen_[static_cast<std::size_t>(*client)] = true;
  on_request_(socket, *client, *request, frame);
}

}  // namespace pushlab::sim
