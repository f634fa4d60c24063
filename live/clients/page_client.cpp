#include "live/clients/page_client.hpp"

#include "sim/transports/http_contract.hpp"

namespace pushlab::live::clients {

void PageClient::send(std::string payload) {
  page_.send({.request = context_.http
                             .request("POST",
                                      sim::contract::with_client(sim::contract::kSendPath,
                                                                 context_.client),
                                      {}, payload, "text/plain")
                             .bytes,
              .method = "POST"});
}

void PageClient::stop() {
  stopped_ = true;
  timer_.cancel();
  page_.close();
}

void PageClient::at_time(sim::Nanoseconds at, std::function<void()> next) {
  if (stopped_) return;
  timer_.expires_at(context_.clock.wall(at));
  timer_.async_wait([this, next = std::move(next)](boost::system::error_code error) {
    if (!error && !stopped_) next();
  });
}

}  // namespace pushlab::live::clients
