#pragma once
// What the clients of the HTTP transports (short polling, long polling, SSE) share: one browser
// page's kept-alive connections, a message to the server as a POST of its own, a timer for what
// the page does next on its own schedule, and closing the page.

#include <functional>
#include <string>

#include "live/clients/browser_page.hpp"
#include "live/clients/live_client.hpp"

namespace pushlab::live::clients {

class PageClient : public LiveClient {
 public:
  explicit PageClient(const ClientContext& context)
      : context_(context), page_(context.connection), timer_(context.connection.io) {}

  void send(std::string payload) final;  // POST /send
  void stop() final;                     // the page closes

 protected:
  // Runs `next` at scenario time `at`, unless the page has closed by then.
  void at_time(sim::Nanoseconds at, std::function<void()> next);

  ClientContext context_;
  BrowserPage page_;
  bool stopped_ = false;

 private:
  asio::steady_timer timer_;
};

}  // namespace pushlab::live::clients
