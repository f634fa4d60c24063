#pragma once
// What a live client wrote and read on each of its connections, before TLS encrypts it and after
// TLS decrypts it. Over TLS the relay sees only records; a live Trace then takes the application
// bytes from here and their times from the records that carried them (tls_flow.hpp).

#include <map>

#include "sim/wire/bytes.hpp"

namespace pushlab::live {

struct EndpointLog {
  sim::wire::Bytes written;
  sim::wire::Bytes read;
};

// By the connection's local port on the client's side, which the relay sees as its peer's port.
using EndpointLogs = std::map<unsigned short, EndpointLog>;

}  // namespace pushlab::live
