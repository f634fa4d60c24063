#include "apps/cli/frame_report.hpp"

#include <ostream>
#include <string>

#include "apps/cli/hex_dump.hpp"
#include "apps/cli/text_table.hpp"
#include "sim/wire/hex.hpp"
#include "sim/wire/websocket/frame_fields.hpp"

namespace pushlab::cli {

namespace {

using sim::wire::websocket::FrameField;

constexpr std::size_t kMaxValueWidth = 64;

std::string byte_range(std::uint64_t first, std::uint64_t count) {
  if (count == 1) return std::to_string(first);
  return std::to_string(first) + "-" + std::to_string(first + count - 1);
}

// "1... ...." : the field's bits as they are, the byte's other bits as dots.
std::string bit_picture(const FrameField& field, const sim::wire::Bytes& bytes) {
  if (field.bit_count % 8 == 0 && field.first_bit % 8 == 0) return "";
  const std::uint8_t byte = bytes.at(field.first_byte);
  std::string picture;
  for (std::size_t bit = 0; bit < 8; ++bit) {
    if (bit == 4) picture += ' ';
    const std::size_t absolute = field.first_byte * 8 + bit;
    const bool inside = absolute >= field.first_bit && absolute < field.first_bit + field.bit_count;
    picture += inside ? ((byte >> (7 - bit)) & 1 ? '1' : '0') : '.';
  }
  return picture;
}

// Long values are cut at a space (hex stays whole bytes) or else at a character boundary.
std::string shorten(const std::string& value) {
  if (value.size() <= kMaxValueWidth) return value;
  std::size_t cut = value.rfind(' ', kMaxValueWidth - 3);
  if (cut == std::string::npos || cut < kMaxValueWidth / 2) {
    cut = kMaxValueWidth - 3;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xc0) == 0x80) --cut;
  }
  return value.substr(0, cut) + " ...";
}

}  // namespace

void print_frame(std::ostream& out, const ReportedFrame& reported, std::size_t number) {
  const std::size_t header = sim::wire::websocket::header_size(reported.frame.header);
  out << "Frame " << number << ": bytes " << byte_range(reported.offset, reported.bytes.size())
      << " (" << reported.bytes.size() << " bytes: " << header << " of header, "
      << reported.frame.payload.size() << " of payload)\n";
  print_hex_dump(out, reported.bytes, reported.offset);
  out << "\n";
  TextTable table({"bytes", "bits", "field", "value"});
  for (const FrameField& field : sim::wire::websocket::frame_fields(reported.frame)) {
    table.add_row({byte_range(reported.offset + field.first_byte, field.byte_count),
                   bit_picture(field, reported.bytes), field.name, shorten(field.value)});
  }
  table.print(out, "  ");
}

nlohmann::ordered_json frame_json(const ReportedFrame& reported) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const FrameField& field : sim::wire::websocket::frame_fields(reported.frame)) {
    fields.push_back({{"name", field.name},
                      {"value", field.value},
                      {"byte_offset", reported.offset + field.first_byte},
                      {"byte_count", field.byte_count},
                      {"bit_offset", reported.offset * 8 + field.first_bit},
                      {"bit_count", field.bit_count}});
  }
  return {{"offset", reported.offset},
          {"size", reported.bytes.size()},
          {"hex", sim::wire::to_hex(reported.bytes, "")},
          {"fields", std::move(fields)}};
}

}  // namespace pushlab::cli
