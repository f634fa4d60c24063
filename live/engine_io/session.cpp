#include "live/engine_io/session.hpp"

#include <nlohmann/json.hpp>

#include "live/engine_io/hub.hpp"
#include "sim/wire/engineio/payload.hpp"
#include "sim/wire/engineio/socketio_packet.hpp"

namespace pushlab::live::engine_io {

namespace sio = sim::wire::socketio;
using Type = eio::PacketType;

namespace {

// lib/socket.ts _maybeUpgrade: the noop check's period, and how long a probe may take.
constexpr std::chrono::milliseconds kNoopCheck{100};
constexpr std::chrono::seconds kUpgradeTimeout{10};

// The text of a Socket.IO event's first argument after its name: ["message","#12 ..."].
std::optional<std::string> event_text(const sio::Packet& packet) {
  if (!packet.data) return std::nullopt;
  const auto json = nlohmann::json::parse(*packet.data, nullptr, false);
  if (!json.is_array() || json.size() < 2 || !json[1].is_string()) return std::nullopt;
  return json[1].get<std::string>();
}

}  // namespace

Session::Session(Hub& hub, std::string sid, int client, bool socketio)
    : hub_(hub),
      sid_(std::move(sid)),
      client_(client),
      socketio_(socketio),
      connected_(!socketio),
      ping_timer_(hub.executor()),
      pong_timer_(hub.executor()),
      noop_timer_(hub.executor()),
      upgrade_timer_(hub.executor()) {}

Session::~Session() {
  if (token_) hub_.feed().unsubscribe(client_, *token_);
}

void Session::opened() {
  schedule_ping();
  if (!socketio_) subscribe();
}

bool Session::poll(AnswerPoll answer) {
  if (held_) {
    close();
    return false;
  }
  held_ = std::move(answer);
  flush();
  return true;
}

void Session::poll_gone() {
  held_ = nullptr;
  close();
}

void Session::post(std::string_view body) {
  const eio::DecodedPayload decoded = eio::decode_payload(body);
  auto keep = shared_from_this();  // a close packet ends the session while it is read
  for (const eio::Packet& packet : decoded.packets) {
    if (!open_) return;
    read_packet(packet);
  }
  if (decoded.error && open_) close();
}

void Session::attach_websocket(SendFrame send, CloseFrame close, bool probe) {
  if (!probe) {
    websocket_ = std::move(send);
    close_websocket_ = std::move(close);
    upgraded_ = true;
    return;
  }
  if (upgraded_ || probe_) {  // lib/server.ts onWebSocket: one upgrade per session
    close();
    return;
  }
  probe_ = std::move(send);
  close_probe_ = std::move(close);
  upgrade_timer_.expires_after(kUpgradeTimeout);
  upgrade_timer_.async_wait([weak = weak_from_this()](boost::system::error_code error) {
    auto self = weak.lock();
    if (error || !self || !self->probe_) return;
    self->probe_ = nullptr;
    if (auto close_probe = std::exchange(self->close_probe_, nullptr)) close_probe();
  });
}

void Session::websocket_packet(const eio::Packet& packet) {
  if (probe_) {
    probe_packet(packet);
  } else if (upgraded_) {
    read_packet(packet);
  }
}

void Session::websocket_gone() {
  if (probe_) {  // a probe that fails leaves the session on polling
    probe_ = nullptr;
    close_probe_ = nullptr;
    noop_timer_.cancel();
    return;
  }
  close_websocket_ = nullptr;
  websocket_ = nullptr;
  close();
}

void Session::close(Type ends_poll_with) {
  if (!open_) return;
  open_ = false;
  auto keep = shared_from_this();
  for (auto* timer : {&ping_timer_, &pong_timer_, &noop_timer_, &upgrade_timer_}) timer->cancel();
  if (token_) hub_.feed().unsubscribe(client_, *token_);
  token_.reset();
  if (held_)
    std::exchange(held_, nullptr)(eio::encode_payload({eio::Packet::text(ends_poll_with)}));
  for (auto* closer : {&close_websocket_, &close_probe_}) {
    if (auto close_frame = std::exchange(*closer, nullptr)) close_frame();
  }
  websocket_ = nullptr;
  probe_ = nullptr;
  hub_.forget(*this);
}

void Session::read_packet(const eio::Packet& packet) {
  switch (packet.type) {
    case Type::pong:
      pong_timer_.cancel();
      schedule_ping();  // the next ping is a pingInterval after this pong
      return;
    case Type::close:
      close(Type::noop);
      return;
    case Type::message:
      if (socketio_) {
        read_socketio(packet);
      } else {
        received(packet, packet.data);
      }
      return;
    default:
      return;
  }
}

void Session::read_socketio(const eio::Packet& packet) {
  const auto decoded = sio::decode(packet.data);
  const auto* inner = std::get_if<sio::Packet>(&decoded);
  if (inner == nullptr) {
    close();  // socket.io closes the connection on a packet it cannot decode
    return;
  }
  if (inner->nsp != "/") return;
  if (inner->type == sio::PacketType::connect && !connected_) {
    connected_ = true;
    send(eio::Packet::text(Type::message, sio::encode(sio::connect_packet(hub_.socketio_sid()))));
    subscribe();
  } else if (inner->type == sio::PacketType::event && connected_) {
    received(packet, event_text(*inner).value_or(inner->data.value_or("")));
  } else if (inner->type == sio::PacketType::disconnect) {
    connected_ = false;
  }
}

void Session::received(const eio::Packet& packet, std::string payload) {
  if (hub_.settings().echo) {
    send(packet);
    return;
  }
  hub_.feed().receive(client_, std::move(payload));
}

// 2probe is answered 3probe; then a noop ends the pending poll every 100 ms, so that the
// client can pause polling and send 5.
void Session::probe_packet(const eio::Packet& packet) {
  if (packet.type == Type::ping && packet.data == "probe") {
    probe_(eio::Packet::text(Type::pong, "probe"));
    check_for_noop();
    return;
  }
  if (packet.type == Type::upgrade) {
    upgrade();
    return;
  }
  probe_ = nullptr;
  if (auto close_probe = std::exchange(close_probe_, nullptr)) close_probe();
}

void Session::check_for_noop() {
  noop_timer_.expires_after(kNoopCheck);
  noop_timer_.async_wait([weak = weak_from_this()](boost::system::error_code error) {
    auto self = weak.lock();
    if (error || !self || !self->probe_) return;
    if (self->held_) self->answer_poll({eio::Packet::text(Type::noop)});
    self->check_for_noop();
  });
}

void Session::upgrade() {
  noop_timer_.cancel();
  upgrade_timer_.cancel();
  if (held_) answer_poll({eio::Packet::text(Type::noop)});
  websocket_ = std::exchange(probe_, nullptr);
  close_websocket_ = std::exchange(close_probe_, nullptr);
  upgraded_ = true;
  flush();
}

void Session::send(eio::Packet packet) {
  buffer_.push_back(std::move(packet));
  flush();
}

void Session::flush() {
  if (buffer_.empty() || !open_) return;
  if (upgraded_ && websocket_) {
    for (const eio::Packet& packet : std::exchange(buffer_, {})) websocket_(packet);
    return;
  }
  if (held_) answer_poll(std::exchange(buffer_, {}));
}

void Session::answer_poll(std::vector<eio::Packet> packets) {
  std::exchange(held_, nullptr)(eio::encode_payload(packets));
}

void Session::schedule_ping() {
  ping_timer_.expires_after(hub_.settings().ping_interval);
  ping_timer_.async_wait([weak = weak_from_this()](boost::system::error_code error) {
    if (auto self = weak.lock(); self && !error) self->ping();
  });
}

// Queued like any packet; the pong deadline runs from now (lib/socket.ts schedulePing).
void Session::ping() {
  if (!open_) return;
  send(eio::Packet::text(Type::ping));
  pong_timer_.expires_after(hub_.settings().ping_timeout);
  pong_timer_.async_wait([weak = weak_from_this()](boost::system::error_code error) {
    if (auto self = weak.lock(); self && !error) self->close();
  });
}

void Session::subscribe() {
  last_sent_ = hub_.start_of_session(client_);
  hub_.had_session(client_);
  token_ = hub_.feed().subscribe(client_, [weak = weak_from_this()] {
    if (auto self = weak.lock()) self->send_new_messages();
  });
  send_new_messages();
}

void Session::send_new_messages() {
  for (const FeedMessage& message : hub_.feed().since(client_, last_sent_)) {
    last_sent_ = static_cast<std::int64_t>(message.id);
    send(eio::Packet::text(
        Type::message,
        socketio_ ? sio::encode(sio::message_event("message", message.payload)) : message.payload));
  }
}

}  // namespace pushlab::live::engine_io
