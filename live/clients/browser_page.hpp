#pragma once
// One browser page's HTTP/1.1 connections to the host, with the rules browsers follow (as the
// simulator's BrowserConnections): a connection is kept alive and reused, at most six are open
// at once, and a request that finds all six busy waits for one to free up. Each response is
// read with sim/wire's parser and handed on as it comes: its head, its body pieces, its end.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "live/clients/client_connection.hpp"
#include "sim/wire/http/parser.hpp"

namespace pushlab::live::clients {

struct Exchange {
  sim::wire::Bytes request;
  std::string method = "GET";
  bool held =
      false;  // a long poll or an event stream: dropped, not waited for, when the page closes
  std::function<void(const sim::wire::http::Response& head)> on_head = nullptr;
  std::function<void(sim::wire::ByteView body)> on_body = nullptr;
  // The response has ended (true) or its connection went before it did (false).
  std::function<void(bool complete)> on_end = nullptr;
};

class BrowserPage {
 public:
  explicit BrowserPage(const ConnectionSettings& settings) : settings_(settings) {}
  BrowserPage(const BrowserPage&) = delete;
  BrowserPage& operator=(const BrowserPage&) = delete;
  ~BrowserPage();

  void send(Exchange exchange);

  // The page closes: every connection once its ordinary requests have their answers.
  void close();

 private:
  struct Pooled {
    std::shared_ptr<ClientConnection> connection;
    // As a browser reads: bodies as they come, of any length (an event stream never ends).
    sim::wire::http::ResponseParser parser{sim::wire::http::kStreamedBodyLimits};
    std::optional<Exchange> exchange;  // the one it is lent to
    bool ready = false;                // connected
  };

  void lend(Pooled& pooled, Exchange exchange);
  void read(Pooled& pooled, sim::wire::ByteView bytes);
  void finish(Pooled& pooled, bool complete);
  void closed(Pooled& pooled);
  void close_when_answered();
  Pooled* idle();

  ConnectionSettings settings_;
  std::deque<std::unique_ptr<Pooled>> pool_;
  std::deque<Exchange> waiting_;
  bool closing_ = false;
};

}  // namespace pushlab::live::clients
