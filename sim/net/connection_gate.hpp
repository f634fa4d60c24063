#pragma once
// A host's say over the connections made to it, between TCP and its application: a server at
// its file-descriptor limit refuses a connection, and a thread-per-request server makes a
// request wait for a free thread (TCP has the bytes; the application reads them later) or
// refuses it when its queue is full. A host without a gate reads everything as it arrives.

#include <optional>
#include <string>

#include "sim/trace/trace.hpp"

namespace pushlab::sim {

class TcpConnection;

class ConnectionGate {
 public:
  virtual ~ConnectionGate() = default;

  // A connection's first SYN has arrived: nullopt admits it; a note refuses it, and the host
  // answers with an RST carrying that note.
  virtual std::optional<std::string> admit(TcpConnection& connection) = 0;
  // A frame has arrived for the application: the gate hands it over, now or later
  // (TcpConnection::hand_over).
  virtual void arrived(TcpConnection& connection, const WireFrame& frame) = 0;
  // The application sends `frame` on the connection.
  virtual void sending(TcpConnection& connection, const WireFrame& frame) = 0;
  // The connection is over for the host: it closed or reset it, or the peer's FIN or RST came.
  virtual void ended(TcpConnection& connection) = 0;
};

}  // namespace pushlab::sim
