// Long polling: a GET /lp that the server holds until a message waits; as soon as it is
// answered (or fails) the page asks again, saying how many messages it has (&received=K).

#include <nlohmann/json.hpp>

#include "live/clients/page_client.hpp"
#include "sim/transports/http_contract.hpp"

namespace pushlab::live::clients {

namespace {

class LongPollClient final : public PageClient {
 public:
  using PageClient::PageClient;

  void start() override { ask(); }

 private:
  void ask() {
    if (stopped_) return;
    std::string target =
        sim::contract::with_client(sim::info(sim::Transport::long_poll).path, context_.client);
    sim::contract::append_query(target, sim::contract::kReceivedKey, received_);
    body_.clear();
    page_.send({.request = context_.http.request("GET", target, {}).bytes,
                .held = true,
                .on_head = [this](const auto& head) { status_ = head.status; },
                .on_body = [this](sim::wire::ByteView bytes) { sim::wire::append(body_, bytes); },
                .on_end =
                    [this](bool complete) {
                      if (complete && status_ == 200) received_ += messages_in(body_);
                      ask();
                    }});
  }

  // The body is a JSON array of the messages' payloads.
  static std::size_t messages_in(const sim::wire::Bytes& body) {
    const auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    return json.is_array() ? json.size() : 0;
  }

  std::size_t received_ = 0;
  int status_ = 0;
  sim::wire::Bytes body_;
};

}  // namespace

std::unique_ptr<LiveClient> make_long_poll_client(const ClientContext& context) {
  return std::make_unique<LongPollClient>(context);
}

}  // namespace pushlab::live::clients
