#include "sim/net/tcp_connection.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "sim/net/duration_text.hpp"

namespace pushlab::sim {

using namespace tcp_model;

namespace {

// A moment of the run to the millisecond, as the window writes times: "12.150 s".
std::string moment_text(Nanoseconds at) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(at.count()) / 1e9);
  return text;
}

// Notes are written as phrases; what the network adds follows as a sentence of its own.
void add_sentence(std::string& note, std::string_view sentence) {
  if (!note.empty()) note += note.back() == '.' ? " " : ". ";
  note += sentence;
}

}  // namespace

TcpConnection::TcpConnection(NetContext& net, EndpointId opener, EndpointId acceptor, Link& forward,
                             Link& backward, bool tls)
    : net_(net), id_(net.next_connection++), opener_(opener), acceptor_(acceptor), tls_(tls) {
  forward_.from = Side::opener;
  forward_.link = &forward;
  backward_.from = Side::acceptor;
  backward_.link = &backward;
  record_ = {.from = opener, .to = acceptor, .tls = tls, .opened_at = net.simulator.now()};
}

void TcpConnection::open(Notify on_established) {
  on_established_ = std::move(on_established);
  send_syn(0);
}

void TcpConnection::send_syn(int attempt) {
  if (syn_ack_received_ || reset_sent_) return;
  const Link::Transmission sent = forward_.link->transmit(net_.simulator.now(), kSynHeader);
  syn_sent_at_ = sent.departure;
  record_modelled(Side::opener, "syn", kSynHeader, sent, true,
                  attempt == 0 ? "SYN: asks to open a TCP connection"
                               : "SYN again: no SYN-ACK came back in time");
  if (sent.arrival) net_.simulator.schedule_at(*sent.arrival, [this] { send_syn_ack(); });
  net_.simulator.schedule_at(sent.departure + retransmission_timeout(attempt),
                             [this, attempt] { send_syn(attempt + 1); });
}

// The acceptor answers every SYN; a lost SYN-ACK is repaired by the opener's next SYN.
void TcpConnection::send_syn_ack() {
  if (reset_sent_ || net_.is_down(acceptor_)) return;  // a SYN to a host that is gone is lost
  if (gate_ && !admitted_) {
    admitted_ = true;
    if (std::optional<std::string> refusal = gate_->admit(*this)) {
      ended_for_gate_ = true;  // it never began for the host
      reset(Side::acceptor, std::move(*refusal));
      return;
    }
  }
  const Link::Transmission sent = backward_.link->transmit(net_.simulator.now(), kSynHeader);
  record_modelled(Side::acceptor, "syn-ack", kSynHeader, sent, true,
                  "SYN-ACK: agrees to open it; one more packet and data can flow");
  allow_sending(Side::acceptor);
  if (sent.arrival) net_.simulator.schedule_at(*sent.arrival, [this] { syn_ack_arrived(); });
}

void TcpConnection::syn_ack_arrived() {
  if (syn_ack_received_) return;
  syn_ack_received_ = true;
  // RFC 6298 section 2.2 after the first measurement: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4
  // RTTVAR.
  const Nanoseconds round_trip = net_.simulator.now() - syn_sent_at_;
  rto_ = std::clamp(3 * round_trip, kMinRto, kMaxRto);
  const Link::Transmission sent = forward_.link->transmit(net_.simulator.now(), kSegmentHeader);
  record_modelled(Side::opener, "ack", kSegmentHeader, sent, true,
                  "ACK: the connection is open; data may follow at once");
  allow_sending(Side::opener);
  if (on_established_) on_established_();
}

void TcpConnection::allow_sending(Side side) {
  Direction& dir = direction(side);
  if (dir.may_send) return;
  dir.may_send = true;
  std::vector<WireFrame> waiting = std::move(dir.waiting);
  dir.waiting.clear();
  for (WireFrame& frame : waiting) enqueue(side, std::move(frame), false);
  if (dir.fin_queued) enqueue_fin(side);
}

bool TcpConnection::can_send(Side side) const {
  const Direction& dir = direction(side);
  return dir.may_send && !dir.fin_queued;
}

void TcpConnection::send(Side from, WireFrame frame) {
  // A server that is down sends nothing, and a reset connection carries nothing more.
  if (net_.is_down(endpoint(from)) || reset_sent_) return;
  Direction& dir = direction(from);
  if (dir.fin_queued) {
    frame.from = endpoint(from);
    frame.to = endpoint(other(from));
    frame.connection = id_;
    frame.sent_at = net_.simulator.now();
    add_sentence(frame.note, "Never sent: this side had already closed the connection.");
    net_.sink.add_frame(next_order(), std::move(frame));
    return;
  }
  if (gate_ && from == Side::acceptor) gate_->sending(*this, frame);
  if (!dir.may_send) {
    dir.waiting.push_back(std::move(frame));
    return;
  }
  enqueue(from, std::move(frame), false);
}

void TcpConnection::hand_over(const WireFrame& frame) {
  if (closed_by(Side::acceptor) || net_.is_down(acceptor_) || !forward_.receiver) return;
  forward_.receiver(frame);
}

void TcpConnection::end_for_gate() {
  if (!gate_ || ended_for_gate_) return;
  ended_for_gate_ = true;
  gate_->ended(*this);
}

void TcpConnection::close(Side from, std::string note) {
  if (net_.is_down(endpoint(from))) return;
  Direction& dir = direction(from);
  if (dir.fin_queued) return;
  dir.fin_queued = true;
  dir.fin_note = note.empty() ? "FIN: this side has nothing more to send" : std::move(note);
  if (dir.may_send) enqueue_fin(from);  // else allow_sending() sends it
  if (from == Side::acceptor) end_for_gate();
}

void TcpConnection::enqueue_fin(Side from) {
  enqueue(from,
          WireFrame{.layer = Layer::tcp,
                    .kind = "fin",
                    .modelled_size = kSegmentHeader,
                    .note = direction(from).fin_note},
          true);
}

void TcpConnection::enqueue(Side from, WireFrame frame, bool fin) {
  Direction& dir = direction(from);
  frame.from = endpoint(from);
  frame.to = endpoint(other(from));
  frame.connection = id_;
  std::uint64_t stream_bytes = 1;  // a FIN takes one sequence number and no payload
  std::uint64_t segments = 1;
  if (!fin) {
    const bool encrypted = tls_ && frame.layer != Layer::tls && frame.layer != Layer::tcp;
    const Carriage carried = carriage(frame.size(), encrypted);
    if (carried.stream_bytes == 0) throw std::logic_error("a frame needs at least one byte");
    stream_bytes = carried.stream_bytes;
    segments = carried.segments;
    frame.transport_overhead = carried.overhead;
  }

  const std::uint64_t start = dir.queued;
  dir.queued += stream_bytes;
  for (std::uint64_t i = 0; i < segments; ++i) {
    const std::uint64_t begin = start + i * kMss;
    const std::uint64_t end = fin ? dir.queued : std::min(begin + kMss, dir.queued);
    const std::uint64_t wire = kSegmentHeader + (fin ? 0 : end - begin);
    const Link::Transmission sent = transmit(from, begin, end, wire, 0);
    if (i == 0) frame.sent_at = sent.departure;
  }
  dir.in_flight.push_back({std::move(frame), start, dir.queued, next_order(), fin});
}

Link::Transmission TcpConnection::transmit(Side from, std::uint64_t start, std::uint64_t end,
                                           std::uint64_t wire_bytes, int attempt) {
  Direction& dir = direction(from);
  const Link::Transmission sent = dir.link->transmit(net_.simulator.now(), wire_bytes);
  if (sent.arrival) {
    net_.simulator.schedule_at(*sent.arrival,
                               [this, from, start, end] { arrived(from, start, end); });
    return sent;
  }
  // Only the lost copies are frames of their own: the copy that arrives is accounted for by
  // the frame it carries, so every byte on the wire is counted once.
  const Nanoseconds timeout = retransmission_timeout(attempt);
  record_modelled(from, attempt == 0 ? "segment" : "retransmission", wire_bytes, sent, false,
                  "lost; sent again after the retransmission timeout (" + duration_text(timeout) +
                      "), and every byte behind it waits: head-of-line blocking");
  net_.simulator.schedule_at(sent.departure + timeout,
                             [this, from, start, end, wire_bytes, attempt] {
                               if (!reset_sent_)
                                 transmit(from, start, end, wire_bytes, attempt + 1);
                             });
  return sent;
}

void TcpConnection::arrived(Side from, std::uint64_t start, std::uint64_t end) {
  Direction& dir = direction(from);
  if (end <= dir.delivered) return;
  if (start != dir.delivered) {  // a gap before it: wait for the retransmission
    dir.out_of_order.emplace(start, EarlyRange{start, end, net_.simulator.now()});
    return;
  }
  dir.delivered = end;  // the usual case, in order: no bookkeeping
  const std::uint64_t arrived_now = end;
  std::vector<EarlyRange> waited;  // what the gap just filled had held back
  for (auto next = dir.out_of_order.find(dir.delivered); next != dir.out_of_order.end();
       next = dir.out_of_order.find(dir.delivered)) {
    waited.push_back(next->second);
    dir.delivered = next->second.end;
    dir.out_of_order.erase(next);
  }
  while (!dir.in_flight.empty() && dir.in_flight.front().end <= dir.delivered) {
    InFlight item = dir.in_flight.pop_front();
    std::optional<Nanoseconds> complete_at;
    if (item.begin >= arrived_now) {  // every byte of it came early, in ranges that waited
      for (const EarlyRange& range : waited) {
        if (range.start < item.end && range.end > item.begin)
          complete_at = std::max(complete_at.value_or(range.at), range.at);
      }
    }
    deliver(dir, std::move(item), complete_at);
  }
}

void TcpConnection::deliver(Direction& dir, InFlight item, std::optional<Nanoseconds> complete_at) {
  item.frame.received_at = net_.simulator.now();
  const Side receiver = other(dir.from);
  if (item.fin) {
    dir.fin_delivered = true;
    net_.sink.add_frame(item.send_order, std::move(item.frame));
    if (dir.from == Side::opener) end_for_gate();
    if (dir.on_fin) dir.on_fin();
    record_closed_if_done();
    return;
  }
  if (complete_at && *complete_at < net_.simulator.now()) {
    add_sentence(item.frame.note,
                 "Its bytes were all in at " + moment_text(*complete_at) + "; TCP held them " +
                     duration_text(net_.simulator.now() - *complete_at) +
                     " behind a lost segment, to hand them over in order: head-of-line "
                     "blocking.");
  }
  if (net_.is_down(endpoint(receiver))) {
    item.frame.received_at.reset();
    add_sentence(item.frame.note, "Lost: its receiver is down.");
  } else if (closed_by(receiver)) {
    item.frame.received_at.reset();
    add_sentence(item.frame.note, "Lost: it arrived after the receiver had closed the connection.");
  } else if (gate_ && receiver == Side::acceptor) {
    gate_->arrived(*this, item.frame);
  } else if (dir.receiver) {
    dir.receiver(item.frame);
  }
  net_.sink.add_frame(item.send_order, std::move(item.frame));
}

void TcpConnection::reset(Side from, std::string note) {
  if (reset_sent_) return;
  reset_sent_ = true;
  Direction& dir = direction(from);
  dir.fin_queued = true;
  dir.waiting.clear();
  direction(other(from)).receiver = nullptr;  // `from` hears nothing more of this connection
  direction(other(from)).on_fin = nullptr;
  end_for_gate();
  const Link::Transmission sent = dir.link->transmit(net_.simulator.now(), kSegmentHeader);
  record_modelled(from, "rst", kSegmentHeader, sent, false, std::move(note));
  // A lost RST is answered by another when the other side next sends; one RTO stands for that.
  const Nanoseconds arrival = sent.arrival.value_or(sent.departure + rto_);
  net_.simulator.schedule_at(arrival, [this, from] { reset_arrived(from); });
}

void TcpConnection::reset_arrived(Side from) {
  for (Direction* dir : {&forward_, &backward_}) {
    for (InFlight& item : dir->in_flight) {
      if (item.fin) continue;
      item.frame.received_at.reset();
      add_sentence(item.frame.note, "Lost: the connection was reset before it arrived.");
      net_.sink.add_frame(item.send_order, std::move(item.frame));
    }
    dir->in_flight.clear();
    dir->out_of_order.clear();
  }
  Direction& toward_peer = direction(from);
  direction(other(from)).fin_queued = true;
  direction(other(from)).waiting.clear();
  if (!recorded_) {
    record_.closed_at = net_.simulator.now();
    net_.sink.add_connection(id_, record_);
    recorded_ = true;
  }
  end_for_gate();
  if (toward_peer.on_fin) toward_peer.on_fin();
}

void TcpConnection::record_modelled(Side from, std::string kind, std::uint64_t size,
                                    const Link::Transmission& sent, bool setup, std::string note) {
  net_.sink.add_frame(next_order(), WireFrame{.from = endpoint(from),
                                              .to = endpoint(other(from)),
                                              .connection = id_,
                                              .sent_at = sent.departure,
                                              .received_at = sent.arrival,
                                              .layer = Layer::tcp,
                                              .kind = std::move(kind),
                                              .setup = setup,
                                              .modelled_size = size,
                                              .note = std::move(note)});
}

void TcpConnection::record_closed_if_done() {
  if (recorded_ || !forward_.fin_delivered || !backward_.fin_delivered) return;
  record_.closed_at = net_.simulator.now();
  net_.sink.add_connection(id_, record_);
  recorded_ = true;
}

Nanoseconds TcpConnection::retransmission_timeout(int attempt) const {
  Nanoseconds timeout = rto_;
  for (int i = 0; i < attempt && timeout < kMaxRto; ++i) timeout *= 2;
  return std::min(timeout, kMaxRto);
}

void TcpConnection::finish() {
  for (Direction* dir : {&forward_, &backward_}) {
    for (InFlight& item : dir->in_flight) {
      if (item.fin) continue;
      add_sentence(item.frame.note, "Still in flight when the run ended.");
      net_.sink.add_frame(item.send_order, std::move(item.frame));
    }
    dir->in_flight.clear();
  }
  if (!recorded_) net_.sink.add_connection(id_, record_);
  recorded_ = true;
}

}  // namespace pushlab::sim
