#pragma once
// The application messages of one lane: created by the traffic, delivered by a transport. It
// knows which are still on their way to or from each client, so a client can stop once the
// run's traffic is over and nothing of its own is outstanding.
//
// It keeps only the messages on their way: a message is handed to the sink when it is
// delivered, and forgotten, so a long run's memory grows with the messages in flight (with the
// clients), not with every message it ever made.

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/engine/simulator.hpp"
#include "sim/trace/trace_sink.hpp"

namespace pushlab::sim {

class MessageBook {
 public:
  MessageBook(Simulator& simulator, TraceSink& sink, int clients);

  MessageId create(Direction direction, int client, std::uint64_t payload_bytes);

  // The first delivery counts; a message delivered twice (a resent poll) keeps its first time.
  // In a cluster a second delivery is a duplicate, counted.
  void deliver(MessageId id);

  // In a cluster two servers may hold the same message for a client: the second to send it
  // needs its payload after the first delivered it. Kept from here on: 4 bytes a message.
  void keep_delivered_payloads() { keep_sizes_ = true; }
  std::uint64_t duplicates() const { return duplicates_; }

  int outstanding(int client) const { return outstanding_.at(static_cast<std::size_t>(client)); }

  // The message's payload as it travels (message_payload.hpp). Only for a message on its way:
  // a delivered one is not sent again (std::logic_error).
  std::string payload(MessageId id) const;
  // The same, appended to `out`: a body or a frame made of several payloads.
  void append_payload(std::string& out, MessageId id) const;

  // Called when a client's last outstanding message has been delivered.
  std::function<void(int client)> on_settled;

  // The run is over: hands the messages never delivered to the sink.
  void finish();

 private:
  Simulator& simulator_;
  TraceSink& sink_;
  const Message& in_flight(MessageId id) const;

  std::unordered_map<MessageId, Message> in_flight_;
  MessageId next_id_ = 0;
  std::vector<int> outstanding_;  // by client
  bool keep_sizes_ = false;
  std::vector<std::uint32_t> sizes_;  // by id, when kept
  std::uint64_t duplicates_ = 0;
};

}  // namespace pushlab::sim
