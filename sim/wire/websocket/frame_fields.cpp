#include "sim/wire/websocket/frame_fields.hpp"

#include "sim/wire/hex.hpp"
#include "sim/wire/utf8_checker.hpp"
#include "sim/wire/websocket/close.hpp"
#include "sim/wire/websocket/mask.hpp"

namespace pushlab::sim::wire::websocket {

namespace {

FrameField bits(std::string name, std::string value, std::size_t first_bit, std::size_t count) {
  const std::size_t first_byte = first_bit / 8;
  const std::size_t last_byte = (first_bit + count - 1) / 8;
  return {
      std::move(name), std::move(value), first_byte, last_byte - first_byte + 1, first_bit, count};
}

FrameField bytes(std::string name, std::string value, std::size_t first_byte, std::size_t count) {
  return {std::move(name), std::move(value), first_byte, count, first_byte * 8, count * 8};
}

std::string flag(bool set) {
  return set ? "1" : "0";
}

std::string opcode_value(Opcode op) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[static_cast<int>(op)] + " (" + std::string(to_string(op)) +
         ")";
}

// Text in quotes with control characters escaped (a payload must not drive a terminal), or hex
// when it is not UTF-8.
std::string quoted_or_hex(ByteView payload) {
  if (!is_valid_utf8(payload)) return to_hex(payload);
  std::string quoted = "\"";
  for (const char c : as_text(payload)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\r') {
      quoted += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      quoted += "\\x" + to_hex(ByteView(&byte, 1));
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

void add_length_fields(std::vector<FrameField>& fields, const FrameHeader& header) {
  const std::string length = std::to_string(header.payload_length);
  switch (length_form(header.payload_length)) {
    case LengthForm::bits7:
      fields.push_back(bits("payload length", length + " (7-bit form)", 9, 7));
      break;
    case LengthForm::bits16:
      fields.push_back(bits("payload length", "126 (a 16-bit length follows)", 9, 7));
      fields.push_back(bytes("extended payload length", length + " (16-bit form)", 2, 2));
      break;
    case LengthForm::bits64:
      fields.push_back(bits("payload length", "127 (a 64-bit length follows)", 9, 7));
      fields.push_back(bytes("extended payload length", length + " (64-bit form)", 2, 8));
      break;
  }
}

void add_close_fields(std::vector<FrameField>& fields, ByteView payload, std::size_t start) {
  const ParsedClose parsed = parse_close_payload(payload);
  if (!parsed.close.code) return;
  const std::uint16_t code = *parsed.close.code;
  const auto name = close_code_name(code);
  fields.push_back(
      bytes("close code",
            std::to_string(code) + (name.empty() ? "" : " (" + std::string(name) + ")"), start, 2));
  if (payload.size() > 2) {
    fields.push_back(
        bytes("close reason", quoted_or_hex(payload.subspan(2)), start + 2, payload.size() - 2));
  }
}

}  // namespace

std::vector<FrameField> frame_fields(const Frame& frame) {
  const FrameHeader& header = frame.header;
  std::vector<FrameField> fields{
      bits("FIN", flag(header.fin), 0, 1),
      bits("RSV1", flag(header.rsv1), 1, 1),
      bits("RSV2", flag(header.rsv2), 2, 1),
      bits("RSV3", flag(header.rsv3), 3, 1),
      bits("opcode", opcode_value(header.opcode), 4, 4),
      bits("MASK", flag(header.masked), 8, 1),
  };
  add_length_fields(fields, header);
  const std::size_t payload_start = header_size(header);
  if (header.masked) {
    fields.push_back(bytes("masking key", to_hex(header.masking_key), payload_start - 4, 4));
  }
  const std::size_t size = frame.payload.size();
  if (size == 0) return fields;
  if (header.masked) {
    Bytes masked = frame.payload;
    apply_mask(masked, header.masking_key);
    fields.push_back(bytes("masked payload", to_hex(masked), payload_start, size));
  }
  if (header.opcode == Opcode::close) {
    add_close_fields(fields, frame.payload, payload_start);
  } else {
    const bool binary = header.opcode == Opcode::binary;
    fields.push_back(bytes(header.masked ? "unmasked payload" : "payload",
                           binary ? to_hex(frame.payload) : quoted_or_hex(frame.payload),
                           payload_start, size));
  }
  return fields;
}

}  // namespace pushlab::sim::wire::websocket
