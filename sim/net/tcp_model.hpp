#pragma once
// The numbers PushLab's TCP and TLS model uses. They are a model, and the Trace says so: frames
// of layer tcp and tls carry a modelled size, and transport_overhead is modelled too.

#include <chrono>
#include <cstdint>

#include "sim/engine/nanoseconds.hpp"

namespace pushlab::sim::tcp_model {

using namespace std::chrono_literals;

// Ethernet's 1500-byte MTU less 20 bytes of IPv4 and 20 of TCP header.
inline constexpr std::uint64_t kMss = 1460;
// IPv4 (20) + TCP (20) + the timestamps option Linux sends on every segment (12).
inline constexpr std::uint64_t kSegmentHeader = 52;
// A SYN or SYN-ACK carries more options: MSS, SACK permitted, timestamps, window scale.
inline constexpr std::uint64_t kSynHeader = 60;
// Delayed ACKs (RFC 1122 section 4.2.3.2): one pure ACK for every two full segments.
inline constexpr std::uint64_t kSegmentsPerAck = 2;

// RFC 6298: 1 s before any round trip has been measured; Linux never goes below 200 ms.
inline constexpr Nanoseconds kInitialRto = 1s;
inline constexpr Nanoseconds kMinRto = 200ms;
inline constexpr Nanoseconds kMaxRto = 60s;

// TLS 1.3 (RFC 8446) with AES-GCM: a record adds a 5-byte header, a 16-byte tag and the 1-byte
// inner content type, and holds at most 16384 bytes of plaintext.
inline constexpr std::uint64_t kTlsRecordOverhead = 22;
inline constexpr std::uint64_t kTlsMaxRecord = 16384;
// The full handshake, 1 round trip: sizes typical of a browser and a server with a 2048-bit RSA
// certificate chain. ClientHello (padded by browsers to 517 bytes); the server's flight
// (ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished); the client's
// Finished, sent just before its first application data.
inline constexpr std::uint64_t kTlsClientHello = 517;
inline constexpr std::uint64_t kTlsServerFlight = 2900;
inline constexpr std::uint64_t kTlsClientFinished = 64;

// TLS record overhead for `plaintext` bytes.
constexpr std::uint64_t tls_overhead(std::uint64_t plaintext) {
  const std::uint64_t records =
      plaintext == 0 ? 1 : (plaintext + kTlsMaxRecord - 1) / kTlsMaxRecord;
  return records * kTlsRecordOverhead;
}

// How a frame of `size` bytes travels: the bytes it takes in the TCP stream (TLS records
// included), the segments carrying them and the modelled header bytes spent (segments and
// their delayed ACKs, plus TLS record overhead).
struct Carriage {
  std::uint64_t stream_bytes = 0;
  std::uint64_t segments = 0;
  std::uint64_t overhead = 0;
};

constexpr Carriage carriage(std::uint64_t size, bool encrypted) {
  const std::uint64_t tls_bytes = encrypted ? tls_overhead(size) : 0;
  const std::uint64_t stream_bytes = size + tls_bytes;
  const std::uint64_t segments = (stream_bytes + kMss - 1) / kMss;
  const std::uint64_t acks = (segments + kSegmentsPerAck - 1) / kSegmentsPerAck;
  return {stream_bytes, segments, (segments + acks) * kSegmentHeader + tls_bytes};
}

}  // namespace pushlab::sim::tcp_model
