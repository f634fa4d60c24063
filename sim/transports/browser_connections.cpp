#include "sim/transports/browser_connections.hpp"

#include <algorithm>
#include <utility>

namespace pushlab::sim {

std::size_t BrowserConnections::open_count() const {
  return connections_.size();
}

void BrowserConnections::acquire(Use use) {
  if (closing_) return;
  for (auto& connection : connections_) {
    if (!connection->busy && connection->socket().ready()) {
      lend(*connection, std::move(use));
      return;
    }
  }
  if (connections_.size() < kMaxConnectionsPerHost) {
    PooledConnection& connection = open_new();
    connection.busy = true;  // reserved for this request while it connects
    connection.waiting_for_handshake = std::move(use);
    connection.socket().connect([this, &connection] {
      if (connection.dead) return;  // the page aborted the request it was opened for
      lend(connection, std::exchange(connection.waiting_for_handshake, nullptr));
    });
    return;
  }
  waiting_.push_back(std::move(use));
}

PooledConnection& BrowserConnections::open_new() {
  TcpConnection& tcp = topology_.connect_client(client_);
  auto& connection =
      connections_.emplace_back(std::make_unique<PooledConnection>(tcp, topology_.tls()));
  PooledConnection& pooled = *connection;
  pooled.socket().keep_cookies(topology_.cookie_jar(client_));
  pooled.socket().on_receive([&pooled](const WireFrame& frame) {
    if (pooled.on_frame) pooled.on_frame(frame);
  });
  pooled.socket().on_peer_closed([this, &pooled] { connection_ended(pooled); });
  return pooled;
}

void BrowserConnections::lend(PooledConnection& connection, Use use) {
  connection.busy = true;
  connection.on_frame = nullptr;
  connection.on_closed = nullptr;
  use(connection);
}

void BrowserConnections::release(PooledConnection& connection) {
  connection.busy = false;
  connection.on_frame = nullptr;
  connection.on_closed = nullptr;
  serve_waiting();
}

// The server or the proxy closed it: the browser closes its side too and forgets it.
void BrowserConnections::connection_ended(PooledConnection& connection) {
  connection.socket().close();
  if (connection.dead) return;  // the page had aborted its request and forgotten it
  // A request still waiting for this connection's handshake tries again on another.
  if (connection.waiting_for_handshake) {
    waiting_.insert(waiting_.begin(), std::exchange(connection.waiting_for_handshake, nullptr));
  }
  auto on_closed = std::move(connection.on_closed);
  retire(connection);
  if (on_closed) on_closed();
  serve_waiting();
}

// Kept until the run ends: its TCP connection may still call back into it.
void BrowserConnections::retire(PooledConnection& connection) {
  connection.dead = true;
  auto owned = std::find_if(connections_.begin(), connections_.end(),
                            [&](const auto& item) { return item.get() == &connection; });
  retired_.push_back(std::move(*owned));
  connections_.erase(owned);
}

void BrowserConnections::abort_requests() {
  waiting_.clear();
  std::vector<PooledConnection*> lent;
  for (const auto& connection : connections_) {
    if (connection->busy) lent.push_back(connection.get());
  }
  for (PooledConnection* connection : lent) {
    connection->on_frame = nullptr;
    connection->on_closed = nullptr;
    connection->waiting_for_handshake = nullptr;
    connection->socket().close();
    retire(*connection);
  }
}

void BrowserConnections::serve_waiting() {
  while (!waiting_.empty() && !closing_) {
    const bool room = connections_.size() < kMaxConnectionsPerHost ||
                      std::any_of(connections_.begin(), connections_.end(),
                                  [](const auto& c) { return !c->busy && c->socket().ready(); });
    if (!room) return;
    Use use = std::move(waiting_.front());
    waiting_.erase(waiting_.begin());
    acquire(std::move(use));
  }
}

void BrowserConnections::close_all() {
  closing_ = true;
  waiting_.clear();
  for (auto& connection : connections_) connection->socket().close();
}

}  // namespace pushlab::sim
