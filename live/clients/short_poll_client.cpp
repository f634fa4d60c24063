// Short polling: a GET /poll every interval, whether or not the last one has been answered
// (setInterval), on the page's kept-alive connections.

#include "live/clients/page_client.hpp"
#include "sim/transports/http_contract.hpp"

namespace pushlab::live::clients {

namespace {

class ShortPollClient final : public PageClient {
 public:
  using PageClient::PageClient;

  void start() override { poll(); }

 private:
  void poll() {
    if (stopped_) return;
    page_.send(
        {.request = context_.http
                        .request("GET",
                                 sim::contract::with_client(
                                     sim::info(sim::Transport::short_poll).path, context_.client),
                                 {})
                        .bytes});
    next_poll_ += context_.scenario.short_poll.interval;
    at_time(next_poll_, [this] { poll(); });
  }

  sim::Nanoseconds next_poll_{0};
};

}  // namespace

std::unique_ptr<LiveClient> make_short_poll_client(const ClientContext& context) {
  return std::make_unique<ShortPollClient>(context);
}

}  // namespace pushlab::live::clients
