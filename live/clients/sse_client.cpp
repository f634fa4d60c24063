// Server-Sent Events: an EventSource. One GET /events whose response never ends, read with
// sim/wire's event-stream parser; when the stream drops, it reconnects after the reconnection
// time and names the last event it had (Last-Event-ID). Messages to the server are POSTs.

#include <optional>

#include "live/clients/page_client.hpp"
#include "sim/transports/http_contract.hpp"
#include "sim/wire/sse/parser.hpp"

namespace pushlab::live::clients {

namespace {

class SseClient final : public PageClient {
 public:
  using PageClient::PageClient;

  void start() override { open_stream(); }

 private:
  void open_stream() {
    if (stopped_) return;
    sim::wire::http::Fields fields{{"Accept", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    if (!last_event_id_.empty()) fields.add("Last-Event-ID", last_event_id_);
    events_.emplace(sim::wire::sse::kBrowserLimits);
    page_.send({.request = context_.http
                               .request("GET",
                                        sim::contract::with_client(
                                            sim::info(sim::Transport::sse).path, context_.client),
                                        std::move(fields))
                               .bytes,
                .held = true,
                .on_body = [this](sim::wire::ByteView bytes) { read(bytes); },
                .on_end = [this](bool) { reconnect_later(); }});
  }

  void read(sim::wire::ByteView bytes) {
    events_->feed(bytes);
    // The EventSource's last event ID changes as events are dispatched, and only then: a new
    // stream that has sent no event yet leaves it as it was.
    bool dispatched = false;
    while (events_->next()) dispatched = true;
    if (dispatched) last_event_id_ = events_->last_event_id();
    if (const auto retry = events_->retry_ms()) retry_ = std::chrono::milliseconds{*retry};
  }

  void reconnect_later() {
    at_time(context_.clock.now() + retry_, [this] { open_stream(); });
  }

  std::optional<sim::wire::sse::Parser> events_;  // a new one for each stream
  std::string last_event_id_;
  sim::Nanoseconds retry_ = context_.scenario.sse.retry;
};

}  // namespace

std::unique_ptr<LiveClient> make_sse_client(const ClientContext& context) {
  return std::make_unique<SseClient>(context);
}

}  // namespace pushlab::live::clients
