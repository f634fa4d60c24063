#pragma once
// Writes events as a server sends them on a text/event-stream (WHATWG HTML, section 9.2.5).
//
// Every field is written "name: value", one space after the colon, as servers commonly write
// it; the space is part of the syntax, since a parser drops exactly one, so a value that starts
// with a space keeps it. An empty value is written "name:" with nothing after the colon.

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/wire/sse/event.hpp"

namespace pushlab::sim::wire::sse {

// One block: comments, then "event", "id", "retry", then one "data" line per line of data, then
// the blank line that dispatches it. Data is split at CRLF, LF and CR, so a multi-line payload
// survives (a parser gives it back with LF line ends). Empty data still writes one "data:"
// line: every encoded Event makes the client fire exactly one MessageEvent, with data "".
// Throws std::invalid_argument for what cannot be encoded: a type, id or comment with a line
// break, an id with NUL (browsers ignore it), or any text that is not valid UTF-8.
std::string encode(const Event& event);

// ": text" and its line end, without a blank line: a heartbeat that keeps proxies from closing
// an idle stream and dispatches nothing. Safe between blocks, since each ends with its blank
// line. Throws std::invalid_argument for a line break or text that is not valid UTF-8.
std::string encode_comment(std::string_view text);

// "retry: N" and its line end: sets the client's reconnection time as soon as the line arrives,
// without dispatching anything.
std::string encode_retry(std::uint64_t milliseconds);

}  // namespace pushlab::sim::wire::sse
