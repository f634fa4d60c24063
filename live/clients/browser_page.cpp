#include "live/clients/browser_page.hpp"

#include <algorithm>
#include <variant>

namespace pushlab::live::clients {

namespace http = sim::wire::http;

inline constexpr std::size_t kMaxConnectionsPerHost = 6;

BrowserPage::~BrowserPage() {
  for (const auto& pooled : pool_) {
    pooled->connection->on_bytes = nullptr;  // they point at this page
    pooled->connection->on_closed = nullptr;
    pooled->connection->abort();
  }
}

BrowserPage::Pooled* BrowserPage::idle() {
  for (const auto& pooled : pool_) {
    if (pooled->ready && !pooled->exchange && !pooled->connection->ended()) return pooled.get();
  }
  return nullptr;
}

void BrowserPage::send(Exchange exchange) {
  if (closing_) return;
  if (Pooled* pooled = idle()) {
    lend(*pooled, std::move(exchange));
    return;
  }
  const auto open = std::count_if(pool_.begin(), pool_.end(),
                                  [](const auto& pooled) { return !pooled->connection->ended(); });
  if (static_cast<std::size_t>(open) >= kMaxConnectionsPerHost) {
    waiting_.push_back(std::move(exchange));
    return;
  }
  Pooled& pooled = *pool_.emplace_back(std::make_unique<Pooled>());
  pooled.connection = std::make_shared<ClientConnection>(settings_);
  pooled.exchange = std::move(exchange);  // lent from the start: it was opened for this request
  pooled.connection->on_bytes = [this, &pooled](sim::wire::ByteView bytes) { read(pooled, bytes); };
  pooled.connection->on_closed = [this, &pooled] { closed(pooled); };
  pooled.connection->connect([this, &pooled] {
    pooled.ready = true;
    Exchange first = std::move(*pooled.exchange);
    pooled.exchange.reset();
    lend(pooled, std::move(first));
  });
}

void BrowserPage::lend(Pooled& pooled, Exchange exchange) {
  pooled.parser.expect_response_to(exchange.method);
  pooled.connection->write(exchange.request);
  pooled.exchange = std::move(exchange);
}

void BrowserPage::read(Pooled& pooled, sim::wire::ByteView bytes) {
  pooled.parser.feed(bytes);
  while (auto event = pooled.parser.next()) {
    if (!pooled.exchange) continue;  // bytes nobody asked for
    Exchange& exchange = *pooled.exchange;
    if (const auto* head = std::get_if<http::Head<http::Response>>(&*event)) {
      if (exchange.on_head) exchange.on_head(head->message);
    } else if (const auto* body = std::get_if<http::BodyData>(&*event)) {
      if (exchange.on_body) exchange.on_body(body->data);
    } else {
      finish(pooled, true);
    }
  }
  if (pooled.parser.failed()) pooled.connection->close();
}

void BrowserPage::finish(Pooled& pooled, bool complete) {
  Exchange done = std::move(*pooled.exchange);
  pooled.exchange.reset();
  if (closing_) {
    close_when_answered();
  } else if (!waiting_.empty() && complete) {
    Exchange next = std::move(waiting_.front());
    waiting_.pop_front();
    lend(pooled, std::move(next));
  }
  if (done.on_end) done.on_end(complete);
}

void BrowserPage::closed(Pooled& pooled) {
  pooled.ready = false;
  if (pooled.exchange) finish(pooled, false);
  // A request that waited for a free connection gets a new one.
  if (!closing_ && !waiting_.empty()) {
    Exchange next = std::move(waiting_.front());
    waiting_.pop_front();
    send(std::move(next));
  }
}

// As the simulated page: it waits for the answers to its ordinary requests, then closes every
// connection at once (held ones need no answer).
void BrowserPage::close() {
  closing_ = true;
  waiting_.clear();
  close_when_answered();
}

void BrowserPage::close_when_answered() {
  const bool answered = std::none_of(pool_.begin(), pool_.end(), [](const auto& pooled) {
    return pooled->exchange && !pooled->exchange->held && !pooled->connection->ended();
  });
  if (!answered) return;
  for (const auto& pooled : pool_) pooled->connection->close();
}

}  // namespace pushlab::live::clients
