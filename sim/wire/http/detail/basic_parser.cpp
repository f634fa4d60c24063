#include "sim/wire/http/detail/basic_parser.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/wire/http/detail/chunk_line.hpp"
#include "sim/wire/http/detail/field_line.hpp"
#include "sim/wire/http/detail/line_scanner.hpp"
#include "sim/wire/http/detail/start_line.hpp"

namespace pushlab::sim::wire::http::detail {

template <class Message>
void BasicParser<Message>::feed(ByteView bytes) {
  if (closed_) throw std::logic_error("HTTP parser: feed() after finish()");
  bytes_fed_ += bytes.size();
  if (state_ == State::kUpgraded) {
    append(upgraded_, bytes);
    return;
  }
  if (state_ == State::kFailed || state_ == State::kClosed) return;
  if (read_ > 0 && read_ * 2 >= buffer_.size()) {  // drop what was read, now and then
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_));
    buffer_offset_ += read_;
    read_ = 0;
  }
  append(buffer_, bytes);
}

template <class Message>
std::optional<Event<Message>> BasicParser<Message>::next() {
  while (true) {
    EventOut event;
    const Progress progress = step(event);
    if (event) return event;
    if (progress == Progress::kStop) return std::nullopt;
    if (progress == Progress::kNeedMore) return closed_ ? end_stream() : std::nullopt;
  }
}

template <class Message>
std::optional<WholeMessage<Message>> BasicParser<Message>::next_message() {
  while (auto event = next()) {
    if (auto* head = std::get_if<Head<Message>>(&*event)) {
      assembling_ = WholeMessage<Message>{
          .message = std::move(head->message), .offset = head->offset, .head_size = head->size};
    } else if (!assembling_) {
      continue;  // the caller took this message's head with next()
    } else if (auto* body = std::get_if<BodyData>(&*event)) {
      append(assembling_->message.body, body->data);
    } else {
      auto& end = std::get<MessageEnd>(*event);
      WholeMessage<Message> whole = std::move(*assembling_);
      assembling_.reset();
      whole.end_offset = end.offset;
      whole.trailers = std::move(end.trailers);
      return whole;
    }
  }
  return std::nullopt;
}

template <class Message>
void BasicParser<Message>::mark_upgraded() {
  switch (state_) {
    case State::kStartLine:
      become_upgraded();
      break;
    case State::kClosed:
    case State::kUpgraded:
    case State::kFailed:
      break;
    default:
      current_.upgrade_after = true;
  }
}

template <class Message>
Bytes BasicParser<Message>::take_upgraded_bytes() {
  Bytes taken;
  taken.swap(upgraded_);
  return taken;
}

template <class Message>
auto BasicParser<Message>::step(EventOut& out) -> Progress {
  switch (state_) {
    case State::kStartLine:
      return read_start_line();
    case State::kFieldLine:
      return read_field_line(out);
    case State::kBody:
      return read_body(out);
    case State::kUntilClose:
      return read_until_close(out);
    case State::kChunkSize:
      return read_chunk_size();
    case State::kChunkDataEnd:
      return read_chunk_data_end();
    case State::kTrailer:
      return read_trailer();
    case State::kEnd:
      return end_message(out);
    case State::kClosed:
    case State::kUpgraded:
    case State::kFailed:
      return Progress::kStop;
  }
  return Progress::kStop;
}

template <class Message>
auto BasicParser<Message>::read_start_line() -> Progress {
  const Line line = read_line(limits_.max_head_bytes, Section::kHead);
  if (line.progress != Progress::kContinue) return line.progress;
  if (line.text.empty()) return Progress::kContinue;  // RFC 9112 section 2.2: skip empty lines
  current_.head_offset = line.offset;
  if (auto error = parse_start_line(line.text, line.offset, current_.head)) return fail(*error);
  state_ = State::kFieldLine;
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_field_line(EventOut& out) -> Progress {
  const std::uint64_t head_end = current_.head_offset + limits_.max_head_bytes;
  const Line line = read_line(static_cast<std::size_t>(head_end - read_offset()), Section::kHead);
  if (line.progress != Progress::kContinue) return line.progress;
  if (line.text.empty()) return end_head(out);
  if (auto error = add_field(current_.head.fields, line, Section::kHead)) return fail(*error);
  return Progress::kContinue;
}

template <class Message>
std::optional<DecodeError> BasicParser<Message>::add_field(Fields& fields, const Line& line,
                                                           Section section) {
  if (fields.size() == limits_.max_fields) {
    const char* kind = section == Section::kHead ? " header fields" : " trailer fields";
    return DecodeError{"more than " + std::to_string(limits_.max_fields) + kind, line.offset};
  }
  auto parsed = parse_field_line(line.text, line.offset, fields.empty());
  if (auto* error = std::get_if<DecodeError>(&parsed)) return *error;
  auto& field_line = std::get<FieldLine>(parsed);
  if (section == Section::kHead) {
    if (auto error = note_framing_field(current_.facts, field_line, line.offset)) return error;
  }
  fields.add(std::move(field_line.field.name), std::move(field_line.field.value));
  return std::nullopt;
}

template <class Message>
auto BasicParser<Message>::end_head(EventOut& out) -> Progress {
  auto planned = plan_body(current_.head, current_.facts);
  if (auto* error = std::get_if<DecodeError>(&planned)) return fail(*error);
  const BodyPlan plan = std::get<BodyPlan>(planned);
  if (plan.kind == BodyKind::kLength && plan.length > limits_.max_body_bytes) {
    return fail({"body larger than " + std::to_string(limits_.max_body_bytes) + " bytes",
                 current_.facts.content_length_offset});
  }
  current_.upgrade_after = current_.upgrade_after || plan.then_upgrade;
  current_.remaining = plan.length;
  switch (plan.kind) {
    case BodyKind::kNone:
      state_ = State::kEnd;
      break;
    case BodyKind::kLength:
      state_ = State::kBody;
      break;
    case BodyKind::kChunked:
      state_ = State::kChunkSize;
      break;
    case BodyKind::kUntilClose:
      state_ = State::kUntilClose;
      break;
  }
  const auto size = static_cast<std::size_t>(read_offset() - current_.head_offset);
  out = Head<Message>{std::move(current_.head), current_.head_offset, size};
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_body(EventOut& out) -> Progress {
  if (current_.remaining == 0) {
    state_ = current_.after_body;
    return Progress::kContinue;
  }
  const auto count =
      static_cast<std::size_t>(std::min<std::uint64_t>(current_.remaining, unread().size()));
  if (count == 0) return Progress::kNeedMore;
  out = take_body(count);
  current_.remaining -= count;
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_until_close(EventOut& out) -> Progress {
  if (unread().empty()) return Progress::kNeedMore;
  const std::uint64_t room = limits_.max_body_bytes - current_.body_size;
  if (room == 0) {
    return fail(
        {"body larger than " + std::to_string(limits_.max_body_bytes) + " bytes", read_offset()});
  }
  out = take_body(static_cast<std::size_t>(std::min<std::uint64_t>(room, unread().size())));
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_chunk_size() -> Progress {
  const Line line = read_line(limits_.max_head_bytes, Section::kChunkLine);
  if (line.progress != Progress::kContinue) return line.progress;
  auto parsed = parse_chunk_size_line(line.text, line.offset);
  if (auto* error = std::get_if<DecodeError>(&parsed)) return fail(*error);
  const std::uint64_t size = std::get<std::uint64_t>(parsed);
  if (size == 0) {
    current_.trailer_offset = read_offset();
    state_ = State::kTrailer;
  } else if (size > limits_.max_body_bytes - current_.body_size) {
    return fail(
        {"body larger than " + std::to_string(limits_.max_body_bytes) + " bytes", line.offset});
  } else {
    current_.remaining = size;
    current_.after_body = State::kChunkDataEnd;
    state_ = State::kBody;
  }
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_chunk_data_end() -> Progress {
  const ByteView bytes = unread();
  if (bytes.empty()) return Progress::kNeedMore;
  if (bytes[0] == '\r') {
    if (bytes.size() < 2) return Progress::kNeedMore;
    if (bytes[1] != '\n') return fail({"bare CR", read_offset()});
    consume(2);
  } else if (bytes[0] == '\n') {
    consume(1);
  } else {
    return fail({"chunk data must be followed by CRLF", read_offset()});
  }
  state_ = State::kChunkSize;
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::read_trailer() -> Progress {
  const std::uint64_t section_end = current_.trailer_offset + limits_.max_head_bytes;
  const Line line =
      read_line(static_cast<std::size_t>(section_end - read_offset()), Section::kTrailer);
  if (line.progress != Progress::kContinue) return line.progress;
  if (line.text.empty()) {
    state_ = State::kEnd;
    return Progress::kContinue;
  }
  if (auto error = add_field(current_.trailers, line, Section::kTrailer)) return fail(*error);
  return Progress::kContinue;
}

template <class Message>
auto BasicParser<Message>::end_message(EventOut& out) -> Progress {
  out = MessageEnd{read_offset(), std::move(current_.trailers)};
  const bool upgrade = current_.upgrade_after;
  current_ = Current{};
  state_ = State::kStartLine;
  if (upgrade) become_upgraded();
  return Progress::kContinue;
}

// Called when more bytes are needed and none will come.
template <class Message>
auto BasicParser<Message>::end_stream() -> EventOut {
  if (state_ == State::kUntilClose) {
    state_ = State::kClosed;
    return MessageEnd{read_offset(), {}};
  }
  if (state_ == State::kStartLine && unread().empty()) {
    state_ = State::kClosed;
    return std::nullopt;
  }
  fail({"connection closed before the message was complete", read_offset() + unread().size()});
  return std::nullopt;
}

template <class Message>
auto BasicParser<Message>::read_line(std::size_t max_size, Section section) -> Line {
  const LineScan scan = scan_line(unread(), scan_from_, max_size);
  switch (scan.status) {
    case LineScan::Status::kNeedMore:
      scan_from_ = scan.position;
      return {.progress = Progress::kNeedMore};
    case LineScan::Status::kBareCr:
      return {.progress = fail({"bare CR", read_offset() + scan.position})};
    case LineScan::Status::kTooLong:
      return {.progress = fail({too_large(section), read_offset() + scan.position})};
    case LineScan::Status::kComplete:
      break;
  }
  const Line line{Progress::kContinue, as_text(unread().first(scan.text_size)), read_offset()};
  consume(scan.wire_size);
  return line;
}

template <class Message>
std::string BasicParser<Message>::too_large(Section section) const {
  const std::string limit = std::to_string(limits_.max_head_bytes);
  switch (section) {
    case Section::kHead:
      return "header section larger than " + limit + " bytes";
    case Section::kChunkLine:
      return "chunk size line longer than " + limit + " bytes";
    case Section::kTrailer:
      return "trailer section larger than " + limit + " bytes";
  }
  return {};
}

template <class Message>
void BasicParser<Message>::consume(std::size_t count) {
  read_ += count;
  scan_from_ = 0;
}

template <class Message>
BodyData BasicParser<Message>::take_body(std::size_t count) {
  BodyData body{Bytes(unread().begin(), unread().begin() + static_cast<std::ptrdiff_t>(count)),
                read_offset()};
  consume(count);
  current_.body_size += count;
  return body;
}

template <class Message>
void BasicParser<Message>::become_upgraded() {
  state_ = State::kUpgraded;
  upgraded_offset_ = read_offset();
  append(upgraded_, unread());
  buffer_offset_ += buffer_.size();
  buffer_ = Bytes{};
  read_ = 0;
}

template <class Message>
auto BasicParser<Message>::fail(DecodeError error) -> Progress {
  error_ = std::move(error);
  state_ = State::kFailed;
  return Progress::kStop;
}

template class BasicParser<Request>;
template class BasicParser<Response>;

}  // namespace pushlab::sim::wire::http::detail
