#include "sim/transports/message_payload.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "sim/transports/http_contract.hpp"

namespace pushlab::sim {

void append_message_payload(std::string& out, std::uint64_t id, std::size_t size) {
  static constexpr std::string_view kFiller = "abcdefghijklmnopqrstuvwxyz0123456789";
  char prefix[24] = {contract::kPayloadTag};
  char* prefix_end = std::to_chars(prefix + 1, prefix + sizeof prefix - 1, id).ptr;
  *prefix_end++ = ' ';
  const std::size_t written = std::min(size, static_cast<std::size_t>(prefix_end - prefix));
  const std::size_t start = out.size();
  out.append(prefix, written);
  out.resize(start + size);
  std::size_t filler = id % kFiller.size();
  for (std::size_t i = start + written; i < out.size(); ++i) {
    out[i] = kFiller[filler];
    if (++filler == kFiller.size()) filler = 0;
  }
}

}  // namespace pushlab::sim
