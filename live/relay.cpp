#include "live/relay.hpp"

#include <boost/asio.hpp>

#include <stdexcept>

#include "live/detail/relay_core.hpp"
#include "live/detail/relay_pair.hpp"

namespace pushlab::live {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using detail::Pair;
using detail::RelayCore;

struct Relay::Impl : RelayCore {
  using RelayCore::RelayCore;
  void accept();
};

void Relay::Impl::accept() {
  acceptor.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error) return;  // the acceptor was closed: stopping
    socket.set_option(tcp::no_delay(true));
    RecordedConnection& record = connections.emplace_back();
    boost::system::error_code gone;
    record.client_port = socket.remote_endpoint(gone).port();
    auto pair = std::make_shared<Pair>(*this, std::move(socket), record);
    pairs.push_back(pair);
    pair->start();
    accept();
  });
}

Relay::Relay(asio::io_context& io, const sim::Scenario& scenario, unsigned short server_port,
             LiveClock clock, const ListenAddress& listen)
    : impl_(std::make_unique<Impl>(io, scenario, server_port, clock)) {
  const std::string where = listen.bind + ":" + std::to_string(listen.port);
  boost::system::error_code error;
  const auto address = asio::ip::make_address(listen.bind, error);
  if (error) {
    throw std::runtime_error("\"" + listen.bind +
                             "\" is not an IP address to listen on (e.g. 127.0.0.1, 0.0.0.0, ::1)");
  }
  const tcp::endpoint endpoint{address, listen.port};
  try {
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& failure) {
    throw std::runtime_error("cannot listen on " + where + ": " + failure.code().message());
  }
}

Relay::~Relay() = default;

unsigned short Relay::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void Relay::keep_recording(bool keep) {
  impl_->keep_pieces = keep;
}

void Relay::start() {
  impl_->accept();
}

void Relay::stop() {
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
  for (const std::weak_ptr<Pair>& weak : impl_->pairs) {
    if (const auto pair = weak.lock()) pair->close();
  }
}

Recording Relay::recording() const {
  Recording recording = impl_->recording;
  recording.connections.assign(impl_->connections.begin(), impl_->connections.end());
  return recording;
}

}  // namespace pushlab::live