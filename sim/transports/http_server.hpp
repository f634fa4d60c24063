#pragma once
// The server's side of the HTTP transports: it accepts every connection made to the server,
// reads each request from the bytes that arrived (so a proxy's changes are what it sees), and
// hands it to the transport. Requests name their client in the query (http_contract.hpp). It
// answers the client-to-server `POST /send` of every HTTP transport itself: the message is
// delivered when the request arrives, and a 204 goes back.

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "sim/net/socket.hpp"
#include "sim/transports/lane_world.hpp"
#include "sim/wire/http/message.hpp"

namespace pushlab::sim {

class HttpServer {
 public:
  // A request for one of the run's clients (the server reads which from the request and
  // answers 400 to one that names none).
  using Handler = std::function<void(Socket& socket, int client, const wire::http::Request& request,
                                     const WireFrame& frame)>;
  using ClosedHandler = std::function<void(Socket& socket)>;

  // Listens on `endpoint`, a server of the world's topology.
  HttpServer(LaneWorld& world, EndpointId endpoint, Handler on_request,
             ClosedHandler on_closed = nullptr);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Whether the client has asked this server anything: its state (a mailbox, a stream's resume
  // point) is here.
  bool has_seen(int client) const { return seen_[static_cast<std::size_t>(client)]; }

 private:
  // An accepted connection and the last request read on it: polls on a kept-alive connection
  // repeat the same bytes, which are then not parsed again.
  struct Accepted {
    Accepted(TcpConnection& connection, bool tls) : socket(connection, Side::acceptor, tls) {}
    Socket socket;
    wire::Bytes last_bytes;
    wire::http::Request last_request;
  };

  void accept(TcpConnection& connection);
  void received(Accepted& accepted, const WireFrame& frame);

  LaneWorld& world_;
  Handler on_request_;
  ClosedHandler on_closed_;
  std::deque<Accepted> accepted_;  // live as long as their connections may call
  std::vector<bool> seen_;         // by client
};

}  // namespace pushlab::sim
