#pragma once
// A live client of one transport: one browser page of the scenario, on real sockets, doing
// what the simulator's client of that transport does. Clients::start() drives them: start()
// at the run's beginning, send() at each of the client's planned messages, stop() at the end.

#include <memory>
#include <string>

#include "live/clients/client_connection.hpp"
#include "live/live_clock.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/transports/http_frames.hpp"

namespace pushlab::live::clients {

struct ClientContext {
  ConnectionSettings connection;  // to the relay
  const sim::Scenario& scenario;
  const sim::HttpFrames& http;
  LiveClock clock;
  int client = 0;  // counted from 0
};

class LiveClient {
 public:
  virtual ~LiveClient() = default;
  virtual void start() = 0;
  virtual void send(std::string payload) = 0;  // a message to the server
  virtual void stop() = 0;                     // the page closes
};

std::unique_ptr<LiveClient> make_short_poll_client(const ClientContext& context);
std::unique_ptr<LiveClient> make_long_poll_client(const ClientContext& context);
std::unique_ptr<LiveClient> make_sse_client(const ClientContext& context);
std::unique_ptr<LiveClient> make_websocket_client(const ClientContext& context);
std::unique_ptr<LiveClient> make_engine_io_client(const ClientContext& context);

}  // namespace pushlab::live::clients
