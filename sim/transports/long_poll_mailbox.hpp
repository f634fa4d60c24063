#pragma once
// What a long-polling server keeps for one client: every message that no request has yet shown
// the client has, and the request it holds, if any. A response may be lost with its connection
// (a proxy closes it, or gives up with a 504), so a message stays kept until a later request's
// cursor (how many messages the client has received) covers it, and goes out again until then.
// Engine.IO's polling transport keeps its packets the same way.

#include <cstddef>
#include <cstdint>
#include <deque>

#include "sim/engine/simulator.hpp"
#include "sim/net/socket.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim {

class LongPollMailbox {
 public:
  void put(MessageId id) { kept_.push_back(id); }

  // The client's first request to this server says it has received `received` messages
  // already, elsewhere (another server of a cluster, or this one before it restarted): the
  // cursors of later requests count from there.
  void start_at(std::uint64_t received) { confirmed_ = received; }

  // A request arrived saying the client has received `received` messages in all: those need
  // not be kept.
  void confirm(std::uint64_t received);

  bool empty() const { return kept_.empty(); }
  std::size_t size() const { return kept_.size(); }

  // What a response about to leave carries: every kept message, oldest first, and how many of
  // them went out before, in a response that never arrived.
  struct Batch {
    const std::deque<MessageId>& messages;
    std::size_t sent_before;
  };
  Batch take();

  Socket* held = nullptr;  // the request being held, by its connection
  EventId timeout{};

 private:
  std::deque<MessageId> kept_;
  std::uint64_t confirmed_ = 0;  // messages before kept_.front(): the client has them all
  std::size_t sent_before_ = 0;  // how many of kept_, from the front, went out in a response
};

}  // namespace pushlab::sim
