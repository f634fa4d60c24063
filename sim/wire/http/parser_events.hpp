#pragma once
// What a parser reports, in stream order: the head of a message, pieces of its body, and its
// end. Offsets count bytes from the start of everything fed to the parser, so that a caller can
// cut each message's exact bytes out of a recorded stream.

#include <cstddef>
#include <cstdint>
#include <variant>

#include "sim/wire/bytes.hpp"
#include "sim/wire/http/fields.hpp"

namespace pushlab::sim::wire::http {

template <class Message>
struct Head {
  Message message;           // start line and fields; the body is left empty
  std::uint64_t offset = 0;  // the start line's first byte
  std::size_t size = 0;      // through the empty line that ends the head

  bool operator==(const Head&) const = default;
};

struct BodyData {
  Bytes data;                // body bytes, with chunked framing removed
  std::uint64_t offset = 0;  // data[0]; the bytes lie next to each other on the wire

  bool operator==(const BodyData&) const = default;
};

struct MessageEnd {
  std::uint64_t offset = 0;  // just past the message's last byte
  Fields trailers;           // the fields after a chunked body, if any

  bool operator==(const MessageEnd&) const = default;
};

template <class Message>
using Event = std::variant<Head<Message>, BodyData, MessageEnd>;

// A message read to its end, for callers that do not need the body as it arrives. The body has
// its chunked framing removed, while the fields still say how it was framed.
template <class Message>
struct WholeMessage {
  Message message;
  std::uint64_t offset = 0;      // as Head::offset
  std::size_t head_size = 0;     // as Head::size
  std::uint64_t end_offset = 0;  // as MessageEnd::offset
  Fields trailers{};

  bool operator==(const WholeMessage&) const = default;
};

}  // namespace pushlab::sim::wire::http
