// Short polling: a GET /poll every interval, whether or not the last one has been answered
// (setInterval), on the page's kept-alive connections.

#include "live/clients/browser_page.hpp"
#include "live/clients/live_client.hpp"
#include "sim/transports/http_server.hpp"

namespace pushlab::live::clients {

namespace {

class ShortPollClient final : public LiveClient {
 public:
  explicit ShortPollClient(const ClientContext& context)
      : context_(context), page_(context.connection), timer_(context.connection.io) {}

  void start() override { poll(); }

  void send(std::string payload) override { page_.send(post_message(context_, payload)); }

  void stop() override {
    stopped_ = true;
    timer_.cancel();
    page_.close();
  }

 private:
  void poll() {
    if (stopped_) return;
    page_.send(
        {.request =
             context_.http.request("GET", sim::with_client("/poll", context_.client), {}).bytes});
    next_poll_ += context_.scenario.short_poll.interval;
    timer_.expires_at(context_.clock.wall(next_poll_));
    timer_.async_wait([this](boost::system::error_code error) {
      if (!error) poll();
    });
  }

  ClientContext context_;
  BrowserPage page_;
  asio::steady_timer timer_;
  sim::Nanoseconds next_poll_{0};
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<LiveClient> make_short_poll_client(const ClientContext& context) {
  return std::make_unique<ShortPollClient>(context);
}

}  // namespace pushlab::live::clients
