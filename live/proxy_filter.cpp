#include "live/proxy_filter.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "sim/net/proxy_relay.hpp"
#include "sim/wire/http/serialize.hpp"

namespace pushlab::live {

namespace http = sim::wire::http;
using sim::wire::Bytes;
using sim::wire::ByteView;

void StreamWindow::pass_until(std::uint64_t end, Bytes& out) {
  if (end <= start_) return;
  const auto count =
      static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(end - start_, held_.size()));
  out.insert(out.end(), held_.begin(), held_.begin() + count);
  held_.erase(held_.begin(), held_.begin() + count);
  start_ += static_cast<std::uint64_t>(count);
}

void StreamWindow::drop_until(std::uint64_t end) {
  Bytes dropped;
  pass_until(end, dropped);
}

Bytes ProxyFilter::from_client(ByteView bytes) {
  if (tunnel_) return Bytes(bytes.begin(), bytes.end());
  request_bytes_.add(bytes);
  requests_.feed(bytes);
  Bytes out;
  read_requests(out);
  return out;
}

void ProxyFilter::read_requests(Bytes& out) {
  while (auto event = requests_.next()) {
    std::visit(
        [&](auto& part) {
          using Part = std::decay_t<decltype(part)>;
          if constexpr (std::is_same_v<Part, http::Head<http::Request>>) {
            request_bytes_.pass_until(part.offset, out);
            if (proxy_.strip_upgrade && part.message.fields.find("Upgrade")) {
              // Hop-by-hop fields a proxy that does not know WebSocket drops (RFC 9110 7.6.1).
              part.message.fields.remove("Upgrade");
              part.message.fields.remove("Connection");
              request_bytes_.drop_until(part.offset + part.size);
              sim::wire::append(out, http::serialize_head(part.message));
            } else {
              request_bytes_.pass_until(part.offset + part.size, out);
            }
            responses_.expect_response_to(part.message.method);
          } else if constexpr (std::is_same_v<Part, http::BodyData>) {
            request_bytes_.pass_until(part.offset + part.data.size(), out);
          } else {
            request_bytes_.pass_until(part.offset, out);
            awaiting_response_ = true;
          }
        },
        *event);
  }
  // Bytes the proxy cannot read as HTTP pass as they are.
  if (requests_.failed()) tunnel_ = true;
  // Only a head being rewritten is held; everything else passes as it comes.
  if (tunnel_ || !proxy_.strip_upgrade) request_bytes_.pass_all(out);
}

Bytes ProxyFilter::from_server(ByteView bytes) {
  if (tunnel_) return Bytes(bytes.begin(), bytes.end());
  awaiting_response_ = false;
  response_bytes_.add(bytes);
  responses_.feed(bytes);
  Bytes out;
  read_responses(out);
  return out;
}

void ProxyFilter::read_responses(Bytes& out) {
  while (auto event = responses_.next()) {
    if (const auto* head = std::get_if<http::Head<http::Response>>(&*event)) {
      response_bytes_.pass_until(head->offset + head->size, out);  // a head is never held
      if (head->message.status == 101) tunnel_ = true;
      streaming_ = head->message.fields.has_token("Transfer-Encoding", "chunked") &&
                   !sim::refuses_buffering(head->message.fields);
    } else if (std::holds_alternative<http::MessageEnd>(*event)) {
      streaming_ = false;
    }
  }
  if (responses_.failed()) tunnel_ = true;
  const bool hold = !tunnel_ && streaming_ && proxy_.buffer_bytes > 0 &&
                    response_bytes_.held() < proxy_.buffer_bytes;
  if (!hold) response_bytes_.pass_all(out);
}

Bytes ProxyFilter::server_closed() {
  streaming_ = false;
  Bytes out;
  response_bytes_.pass_all(out);
  return out;
}

void ProxyFilter::answered_by_proxy() {
  awaiting_response_ = false;
}

}  // namespace pushlab::live
