#pragma once
// Every Engine.IO session of the live server, by sid, and what they share: the feed of the
// scenario's messages, the settings, and each client's history (a client that had a session
// before does not get, in a new one, what was published while it had none: a Socket.IO
// broadcast to a disconnected socket reaches nobody).

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "live/engine_io/session.hpp"
#include "sim/wire/engineio/session.hpp"

namespace pushlab::live::engine_io {

class Hub {
 public:
  Hub(boost::asio::any_io_executor executor, Feed& feed, Settings settings);

  // A new session for `client`, with a fresh sid as the reference makes them.
  std::shared_ptr<Session> open(int client, bool socketio);
  std::shared_ptr<Session> find(std::string_view sid) const;
  void forget(const Session& session);

  // The error for a request, if any (sim/wire/engineio's rules, with this hub's sessions).
  std::optional<eio::ErrorCode> refusal(eio::RequestFacts request) const;

  // The open packet of `session`: its sid, the upgrades offered, the heartbeat.
  eio::Packet open_packet(const Session& session, bool offers_websocket) const;

  const Settings& settings() const { return settings_; }
  Feed& feed() { return feed_; }
  boost::asio::any_io_executor executor() const { return executor_; }
  // Where a new session of the client starts in the feed: every message for a first session,
  // none of what came while it had no session for a later one.
  std::int64_t start_of_session(int client) const;
  void had_session(int client);

  // The id socket.io gives a socket on CONNECT: made alike, on a counter of its own.
  std::string socketio_sid();

  std::uint64_t sessions_opened() const { return engine_ids_; }

 private:
  boost::asio::any_io_executor executor_;
  Feed& feed_;
  Settings settings_;
  std::map<std::string, std::shared_ptr<Session>, std::less<>> sessions_;
  std::vector<bool> had_session_;
  std::mt19937_64 random_{std::random_device{}()};
  eio::SidNonce nonce();

  std::uint32_t engine_ids_ = 0;
  std::uint32_t socketio_ids_ = 0;
};

}  // namespace pushlab::live::engine_io
