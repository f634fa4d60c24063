#pragma once
// One direction of a TLS connection as the relay recorded it (records, RFC 8446 section 5),
// read back with the application bytes the endpoint itself wrote or read: the handshake's
// records, and the application bytes in pieces, one per record that carried them, each timed by
// its record. The relay cannot decrypt; it does not need to, because TLS 1.3 adds the same 17
// bytes to every record (a 16-byte tag, the inner content type) and the server sends no session
// tickets, so the application data are the last records and their sizes give each one's share.

#include <vector>

#include "live/recording.hpp"

namespace pushlab::live {

struct TlsFlow {
  // Records sent together before the first application data (a ClientHello; the server's
  // flight; the client's Finished), each group one piece with its ciphertext.
  std::vector<RecordedPiece> handshake;
  RecordedFlow application;  // the endpoint's bytes, timed by their records; with the FIN
};

// TLSInnerPlaintext's content type and AEAD tag (AES-GCM and ChaCha20-Poly1305 both use 16).
inline constexpr std::size_t kTls13RecordExpansion = 17;
inline constexpr std::size_t kTlsRecordHeader = 5;

TlsFlow read_tls_flow(const RecordedFlow& records, const sim::wire::Bytes& application);

}  // namespace pushlab::live
