#include "sim/wire/engineio/payload.hpp"

namespace pushlab::sim::wire::engineio {

std::string encode_payload(const std::vector<Packet>& packets) {
  std::string body;
  for (std::size_t i = 0; i < packets.size(); ++i) {
    if (i > 0) body += kRecordSeparator;
    body += encode_polling_packet(packets[i]);
  }
  return body;
}

DecodedPayload decode_payload(std::string_view body) {
  DecodedPayload decoded;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(body.find(kRecordSeparator, start), body.size());
    auto packet = decode_text_packet(body.substr(start, end - start), start);
    if (auto* error = std::get_if<DecodeError>(&packet)) {
      decoded.error = std::move(*error);
      return decoded;
    }
    decoded.packets.push_back(std::get<Packet>(std::move(packet)));
    decoded.spans.push_back({start, end - start});
    if (end == body.size()) return decoded;
    start = end + 1;
  }
}

}  // namespace pushlab::sim::wire::engineio
