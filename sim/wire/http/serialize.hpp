#pragma once
// Writing HTTP/1.1 messages byte for byte (RFC 9112): the start line, each field as
// `Name: value` in order, CRLF line ends, an empty line, then the body as it is.
//
// Serialization writes what the message holds and adds nothing of its own: a caller who wants
// Content-Length sets it (set_body() does). What would make a malformed or misleading message
// throws std::invalid_argument naming the problem: a field name that is not a token, a value with
// CR, LF, NUL or another control character, a body that its framing fields do not describe.

#include <string_view>

#include "sim/wire/bytes.hpp"
#include "sim/wire/http/fields.hpp"
#include "sim/wire/http/message.hpp"

namespace pushlab::sim::wire::http {

// The whole message. Content-Length, if present, must match the body; a request with a body
// needs Content-Length or Transfer-Encoding; 1xx, 204 and 304 responses have no body. With
// Transfer-Encoding: chunked the body must already be chunk-encoded (encode_chunk, last_chunk).
Bytes serialize(const Request& request);
Bytes serialize(const Response& response);

// The start line and fields only, for a body that follows in pieces (a stream of events, chunks)
// or that is not sent at all (the response to HEAD, a 304).
Bytes serialize_head(const Request& request);
Bytes serialize_head(const Response& response);

// A head piece by piece, for a writer that sends many messages alike and writes their common
// fields once: a start line, then field lines (`Name: value` CRLF each), then an empty line
// (CRLF) that the caller appends. Each checks what it writes as serialize_head does, and throws
// the same way; framing fields are the caller's to keep consistent with the body.
void write_request_line(Bytes& out, std::string_view method, std::string_view target,
                        std::string_view version = "HTTP/1.1");
void write_status_line(Bytes& out, int status, std::string_view reason,
                       std::string_view version = "HTTP/1.1");
void write_field_lines(Bytes& out, const Fields& fields);

// Makes `body` the message's body and sets Content-Length and Content-Type (removed if
// `content_type` is empty). Removes Transfer-Encoding, which cannot go with Content-Length.
void set_body(Request& request, Bytes body, std::string_view content_type);
void set_body(Response& response, Bytes body, std::string_view content_type);

// One chunk of a chunked body (RFC 9112 section 7.1): size in hex, CRLF, data, CRLF. Empty data
// gives no bytes, since an empty chunk would end the body.
Bytes encode_chunk(ByteView data);

// The chunk that ends a chunked body, with optional trailer fields: "0\r\n\r\n".
Bytes last_chunk(const Fields& trailers = {});

}  // namespace pushlab::sim::wire::http
