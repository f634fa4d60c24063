#pragma once
// A TCP connection between two endpoints over one hop, as far as pushing data needs: the
// three-way handshake before the first byte, frames cut into segments at the MSS, in-order
// delivery, a lost segment repaired by retransmission after the retransmission timeout (so
// everything behind it waits: head-of-line blocking), and FIN in each direction to close.
//
// Frames go in whole (an HTTP message, a WebSocket frame, an SSE event) and come out whole at
// the other end once their last byte has arrived in order; the connection fills in their
// endpoints, times and modelled overhead and hands each to the TraceSink once its fate is known.

#include <map>
#include <optional>
#include <vector>

#include "sim/engine/inline_function.hpp"
#include "sim/net/connection_gate.hpp"
#include "sim/net/detail/fifo.hpp"
#include "sim/net/link.hpp"
#include "sim/net/net_context.hpp"
#include "sim/net/tcp_model.hpp"

namespace pushlab::sim {

// The side that opened the connection (a client, or the proxy towards the server) and the side
// that accepted it.
enum class Side { opener, acceptor };
inline constexpr Side other(Side side) {
  return side == Side::opener ? Side::acceptor : Side::opener;
}

class TcpConnection {
 public:
  using Receiver = InlineFunction<void(const WireFrame&)>;
  using Notify = InlineFunction<void()>;

  // `forward` carries the opener's packets, `backward` the acceptor's; links are shared by every
  // connection over the same hop, as they share its bandwidth.
  TcpConnection(NetContext& net, EndpointId opener, EndpointId acceptor, Link& forward,
                Link& backward, bool tls);
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  ConnectionId id() const { return id_; }
  EndpointId endpoint(Side side) const { return side == Side::opener ? opener_ : acceptor_; }

  // The opener starts the handshake; `on_established` runs when its ACK goes out.
  void open(Notify on_established);

  // Queued until the handshake allows that side to send. The frame's layer, kind, bytes (or
  // modelled size), messages and note are the caller's; the rest is filled in.
  void send(Side from, WireFrame frame);

  // FIN after everything queued from that side. That side reads nothing more: frames that
  // reach it afterwards are lost, as a reset connection loses them.
  void close(Side from, std::string note = {});

  // An abortive close (RST), as a crashed server's kernel or a balancer that gives up sends:
  // `from` drops what it had not sent and reads nothing more; when the RST arrives, whatever is
  // still on its way either way is lost, the other side reads nothing more and learns the
  // connection is gone (its on_peer_closed runs, as for a FIN).
  void reset(Side from, std::string note);
  bool was_reset() const { return reset_sent_; }

  void on_receive(Side at, Receiver receiver) {
    direction(other(at)).receiver = std::move(receiver);
  }
  // The other side's FIN has arrived.
  void on_peer_closed(Side at, Notify notify) { direction(other(at)).on_fin = std::move(notify); }

  // The acceptor's host decides what its application reads, and when (connection_gate.hpp).
  void set_gate(ConnectionGate* gate) { gate_ = gate; }
  // The gate hands a frame that arrived earlier to the acceptor's application.
  void hand_over(const WireFrame& frame);

  bool can_send(Side side) const;
  bool closed_by(Side side) const { return direction(side).fin_queued; }

  // The run is over: records the connection if it never closed.
  void finish();

 private:
  struct InFlight {
    WireFrame frame;
    std::uint64_t begin = 0;  // stream offset of its first byte
    std::uint64_t end = 0;    // stream offset just past its last byte
    std::uint64_t send_order = 0;
    bool fin = false;
  };

  // Bytes [start, end) that arrived at `at` with a gap before them, and so waited for it.
  struct EarlyRange {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    Nanoseconds at{0};
  };

  // One direction of the byte stream.
  struct Direction {
    Side from = Side::opener;
    Link* link = nullptr;
    std::uint64_t queued = 0;     // stream bytes handed to TCP
    std::uint64_t delivered = 0;  // stream bytes released to the receiver in order
    std::map<std::uint64_t, EarlyRange> out_of_order;  // by start, waiting for a gap to fill
    detail::Fifo<InFlight> in_flight;                  // frames not yet wholly delivered
    std::vector<WireFrame> waiting;                    // sent before the handshake allowed
    bool may_send = false;
    bool fin_queued = false;
    std::string fin_note;
    bool fin_delivered = false;
    Receiver receiver;
    Notify on_fin;
  };

  Direction& direction(Side from) { return from == Side::opener ? forward_ : backward_; }
  const Direction& direction(Side from) const {
    return from == Side::opener ? forward_ : backward_;
  }

  void send_syn(int attempt);
  void send_syn_ack();
  void syn_ack_arrived();
  void allow_sending(Side side);
  void enqueue(Side from, WireFrame frame, bool fin);
  void enqueue_fin(Side from);
  Link::Transmission transmit(Side from, std::uint64_t start, std::uint64_t end,
                              std::uint64_t wire_bytes, int attempt);
  void arrived(Side from, std::uint64_t start, std::uint64_t end);
  // `complete_at`: when the frame's last byte arrived, if TCP held it since, behind a loss.
  void deliver(Direction& dir, InFlight item, std::optional<Nanoseconds> complete_at);
  void record_modelled(Side from, std::string kind, std::uint64_t size,
                       const Link::Transmission& sent, bool setup, std::string note);
  void record_closed_if_done();
  void reset_arrived(Side from);
  void end_for_gate();
  Nanoseconds retransmission_timeout(int attempt) const;
  std::uint64_t next_order() { return net_.next_send_order++; }

  NetContext& net_;
  ConnectionId id_;
  EndpointId opener_;
  EndpointId acceptor_;
  bool tls_;
  Direction forward_;
  Direction backward_;
  Connection record_;
  bool recorded_ = false;
  Notify on_established_;
  bool syn_ack_received_ = false;
  bool reset_sent_ = false;
  ConnectionGate* gate_ = nullptr;
  bool admitted_ = false;
  bool ended_for_gate_ = false;
  Nanoseconds syn_sent_at_{0};
  Nanoseconds rto_ = tcp_model::kInitialRto;
};

}  // namespace pushlab::sim
