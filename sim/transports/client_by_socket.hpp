#pragma once
// Which client a server-side socket serves, for a server that must find the client whose
// connection the peer closed. A lane numbers its connections from 0 without gaps, so a vector
// indexed by connection id does it with no hashing and no allocation per entry: a long-polling
// server sets and clears an entry for every request it holds.

#include <cstddef>
#include <optional>
#include <vector>

#include "sim/net/socket.hpp"

namespace pushlab::sim {

class ClientBySocket {
 public:
  void set(const Socket& socket, int client) {
    const std::size_t index = socket.connection_id();
    if (index >= clients_.size()) clients_.resize(index + 1, none);
    clients_[index] = client;
  }

  void erase(const Socket& socket) {
    const std::size_t index = socket.connection_id();
    if (index < clients_.size()) clients_[index] = none;
  }

  std::optional<int> find(const Socket& socket) const {
    const std::size_t index = socket.connection_id();
    if (index >= clients_.size() || clients_[index] == none) return std::nullopt;
    return clients_[index];
  }

 private:
  static constexpr int none = -1;
  std::vector<int> clients_;  // by connection id
};

}  // namespace pushlab::sim
