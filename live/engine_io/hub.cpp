#include "live/engine_io/hub.hpp"

namespace pushlab::live::engine_io {

Hub::Hub(boost::asio::any_io_executor executor, Feed& feed, Settings settings)
    : executor_(std::move(executor)),
      feed_(feed),
      settings_(settings),
      had_session_(static_cast<std::size_t>(feed.clients()), false) {}

eio::SidNonce Hub::nonce() {
  eio::SidNonce bytes{};
  for (std::uint8_t& byte : bytes) byte = static_cast<std::uint8_t>(random_());
  return bytes;
}

std::shared_ptr<Session> Hub::open(int client, bool socketio) {
  auto session =
      std::make_shared<Session>(*this, eio::make_sid(nonce(), engine_ids_++), client, socketio);
  sessions_[session->sid()] = session;
  return session;
}

std::string Hub::socketio_sid() {
  return eio::make_sid(nonce(), socketio_ids_++);
}

std::shared_ptr<Session> Hub::find(std::string_view sid) const {
  const auto found = sessions_.find(sid);
  return found == sessions_.end() ? nullptr : found->second;
}

void Hub::forget(const Session& session) {
  const auto found = sessions_.find(session.sid());
  if (found != sessions_.end() && found->second.get() == &session) sessions_.erase(found);
}

std::optional<eio::ErrorCode> Hub::refusal(eio::RequestFacts request) const {
  if (const auto session = find(request.sid)) request.session_transport = session->transport();
  return eio::refusal(request);
}

eio::Packet Hub::open_packet(const Session& session, bool offers_websocket) const {
  const eio::OpenInfo info{
      .sid = session.sid(),
      .upgrades = offers_websocket && settings_.upgrades ? std::vector<std::string>{"websocket"}
                                                         : std::vector<std::string>{},
      .ping_interval_ms = static_cast<std::uint64_t>(settings_.ping_interval.count()),
      .ping_timeout_ms = static_cast<std::uint64_t>(settings_.ping_timeout.count()),
      .max_payload = settings_.max_payload};
  return eio::Packet::text(eio::PacketType::open, eio::encode_open(info));
}

std::int64_t Hub::start_of_session(int client) const {
  if (!had_session_[static_cast<std::size_t>(client)]) return -1;
  const std::vector<FeedMessage> all = feed_.since(client, -1);
  return all.empty() ? -1 : static_cast<std::int64_t>(all.back().id);
}

void Hub::had_session(int client) {
  had_session_[static_cast<std::size_t>(client)] = true;
}

}  // namespace pushlab::live::engine_io
