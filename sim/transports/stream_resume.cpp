#include "sim/transports/stream_resume.hpp"

#include "sim/transports/http_contract.hpp"

namespace pushlab::sim {

void append_resume_point(std::string& target, std::optional<MessageId> last) {
  if (last) {
    contract::append_query(target, kLastKey, *last);
  } else {
    target += target.find('?') == std::string::npos ? '?' : '&';
    target += std::string(kLastKey) + "=none";
  }
}

bool carries_resume_point(std::string_view target) {
  const std::optional<std::string_view> value = contract::query_value(target, kLastKey);
  return value && (*value == "none" || contract::number_in(target, kLastKey));
}

std::optional<MessageId> resume_point_in(std::string_view target) {
  const std::optional<std::uint64_t> id = contract::number_in(target, kLastKey);
  if (!id) return std::nullopt;
  return static_cast<MessageId>(*id);
}

}  // namespace pushlab::sim
