#pragma once
// The machinery RequestParser and ResponseParser share: buffering, line scanning, the head, the
// three ways a body is delimited, limits, errors and the handoff after an upgrade. The only thing
// a role decides is how the body of a message is framed, once its head is known.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "sim/wire/bytes.hpp"
#include "sim/wire/decode_error.hpp"
#include "sim/wire/http/detail/framing.hpp"
#include "sim/wire/http/message.hpp"
#include "sim/wire/http/parser_events.hpp"
#include "sim/wire/http/parser_limits.hpp"

namespace pushlab::sim::wire::http::detail {

template <class Message>
class BasicParser {
 public:
  using message_type = Message;

  explicit BasicParser(ParserLimits limits = {}) : limits_(limits) {}
  virtual ~BasicParser() = default;
  BasicParser(const BasicParser&) = default;
  BasicParser(BasicParser&&) noexcept = default;
  BasicParser& operator=(const BasicParser&) = default;
  BasicParser& operator=(BasicParser&&) noexcept = default;

  // More bytes of the stream, split anywhere. They are only read by next(), one event at a
  // time, so a caller can call mark_upgraded() before the bytes after an upgrade are taken for
  // HTTP. Feeding after finish() is a caller's bug (std::logic_error).
  void feed(ByteView bytes);

  // The stream has ended (the connection closed): a body read until close ends here, and a
  // message cut short is an error.
  void finish() { closed_ = true; }

  // The next event, or nullopt when more bytes are needed, after the end, after an error and
  // after an upgrade.
  std::optional<Event<Message>> next();

  // The next whole message, or nullopt as next(). Pulls events itself: use either this or next().
  std::optional<WholeMessage<Message>> next_message();

  // Stop reading HTTP at the end of the current message (at once if between messages): every
  // later byte belongs to the protocol the connection switched to.
  void mark_upgraded();
  bool upgraded() const { return state_ == State::kUpgraded; }
  // Stream offset of the first byte that is not HTTP.
  std::uint64_t upgraded_offset() const { return upgraded_offset_; }
  // The bytes after the upgrade that have not been taken yet.
  const Bytes& upgraded_bytes() const { return upgraded_; }
  Bytes take_upgraded_bytes();

  bool failed() const { return error_.has_value(); }
  const std::optional<DecodeError>& error() const { return error_; }

  std::uint64_t bytes_fed() const { return bytes_fed_; }
  const ParserLimits& limits() const { return limits_; }

 private:
  // How the body after this head is delimited; called once per head, in stream order.
  virtual std::variant<BodyPlan, DecodeError> plan_body(const Message& head,
                                                        const FramingFacts& facts) = 0;

  enum class State {
    kStartLine,
    kFieldLine,
    kBody,  // a known number of bytes: a Content-Length body or a chunk's data
    kUntilClose,
    kChunkSize,
    kChunkDataEnd,
    kTrailer,
    kEnd,
    kClosed,
    kUpgraded,
    kFailed,
  };
  enum class Progress { kContinue, kNeedMore, kStop };
  enum class Section { kHead, kChunkLine, kTrailer };  // what a too long line is part of

  struct Line {
    Progress progress = Progress::kContinue;
    std::string_view text{};  // without the line end; valid until the next feed()
    std::uint64_t offset = 0;
  };

  // What is known about the message being read.
  struct Current {
    Message head;
    FramingFacts facts;
    std::uint64_t head_offset = 0;
    std::uint64_t body_size = 0;
    std::uint64_t remaining = 0;  // kBody
    State after_body = State::kEnd;
    std::uint64_t trailer_offset = 0;
    Fields trailers;
    bool upgrade_after = false;
  };

  using EventOut = std::optional<Event<Message>>;

  Progress step(EventOut& out);
  Progress read_start_line();
  Progress read_field_line(EventOut& out);
  Progress end_head(EventOut& out);
  Progress read_body(EventOut& out);
  Progress read_until_close(EventOut& out);
  Progress read_chunk_size();
  Progress read_chunk_data_end();
  Progress read_trailer();
  Progress end_message(EventOut& out);
  EventOut end_stream();

  Line read_line(std::size_t max_size, Section section);
  std::optional<DecodeError> add_field(Fields& fields, const Line& line, Section section);
  ByteView unread() const { return ByteView(buffer_).subspan(read_); }
  std::uint64_t read_offset() const { return buffer_offset_ + read_; }
  void consume(std::size_t count);
  BodyData take_body(std::size_t count);
  void become_upgraded();
  Progress fail(DecodeError error);
  std::string too_large(Section section) const;

  ParserLimits limits_;
  State state_ = State::kStartLine;
  Current current_;
  bool closed_ = false;
  std::optional<DecodeError> error_;

  Bytes buffer_;  // fed bytes not yet read, after `read_` bytes already read
  std::size_t read_ = 0;
  std::size_t scan_from_ = 0;        // how far the line being scanned has been searched
  std::uint64_t buffer_offset_ = 0;  // stream offset of buffer_[0]
  std::uint64_t bytes_fed_ = 0;

  Bytes upgraded_;
  std::uint64_t upgraded_offset_ = 0;

  std::optional<WholeMessage<Message>> assembling_;  // next_message()'s message so far
};

extern template class BasicParser<Request>;
extern template class BasicParser<Response>;

}  // namespace pushlab::sim::wire::http::detail
