#pragma once
// The HTTP messages a lane sends, as real bytes from sim/wire: every request carries Host and
// the scenario's request header fields (a browser's User-Agent, cookies), every response the
// scenario's response header fields, so that the overhead a learner sees is what a real browser
// and server would spend. A scenario field the message writes itself (Accept on an event
// stream's request, say) is written once, with the message's value.

#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/http/message.hpp"

namespace pushlab::sim {

// The scenario's header fields as HTTP fields, in the order of the file.
wire::http::Fields fields_of(const std::vector<HeaderField>& headers);

class HttpFrames {
 public:
  explicit HttpFrames(const Scenario& scenario);

  // Host (the scenario's), then `fields`, then Content-Type and Content-Length for a body, then
  // the scenario's other request fields. Kind "request".
  WireFrame request(std::string_view method, std::string_view target,
                    const wire::http::Fields& fields, std::string_view body = {},
                    std::string_view content_type = {}) const;

  // A whole response: `fields`, then Content-Type and Content-Length when there is a body (or
  // Content-Length: 0 for a status that allows one), then the scenario's response fields.
  // Kind "response".
  WireFrame response(int status, const wire::http::Fields& fields, std::string_view body = {},
                     std::string_view content_type = {}) const;

  // A response whose fields are exactly `fields`, in their order, body fields included, then
  // the scenario's response fields: for a server whose header order is copied byte for byte
  // (the Engine.IO reference server's). Kind "response".
  WireFrame response_as_written(int status, const wire::http::Fields& fields,
                                std::string_view body) const;

  // The head of a response whose body follows in chunks (Transfer-Encoding: chunked), as a
  // stream of events does. Kind "response-head".
  WireFrame streamed_response_head(int status, const wire::http::Fields& fields) const;

  // One chunk of a chunked body carrying `data`; the caller sets layer and kind.
  static wire::Bytes chunk(std::string_view data);
  // The chunk that ends a chunked body. Kind "last-chunk".
  static WireFrame last_chunk();

  // What a request and a response without body or extra fields cost here: for notes.
  const HttpHeaders& headers() const { return headers_; }

 private:
  wire::Bytes write_request(std::string_view method, std::string_view target,
                            const wire::http::Fields& fields, std::string_view body,
                            std::string_view content_type) const;
  wire::Bytes write_response(int status, const wire::http::Fields& fields, std::string_view body,
                             std::string_view content_type) const;
  // `own` (the message's fields after its start line, and Host), then the scenario's fields it
  // lacks, then the empty line.
  static void write_fields_and_tail(wire::Bytes& out, const wire::http::Fields& own,
                                    const wire::http::Fields& scenario, const wire::Bytes& tail);

  const HttpHeaders& headers_;
  // The scenario's fields but Host, which every request writes itself.
  wire::http::Fields request_fields_;
  wire::http::Fields response_fields_;
  // The same as written at the end of a head, with the empty line after them: written once, as
  // a server sends the same ones thousands of times, for the heads that write none of them.
  wire::Bytes request_tail_;
  wire::Bytes response_tail_;
};

}  // namespace pushlab::sim
