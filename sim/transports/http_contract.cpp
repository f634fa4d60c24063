#include "sim/transports/http_contract.hpp"

#include <charconv>

namespace pushlab::sim::contract {

namespace {

// The whole of `text` as a number, or nothing.
template <typename Number>
std::optional<Number> whole_number(std::string_view text) {
  Number number{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

}  // namespace

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::optional<Transport> transport_at(std::string_view path) {
  for (const TransportInfo& row : kTransports) {
    if (row.path == path) return row.transport;
  }
  if (path == kSocketIoPath) return Transport::engine_io;
  return std::nullopt;
}

std::optional<std::string_view> query_value(std::string_view target, std::string_view name) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string with_client(std::string_view path, int client) {
  std::string target(path);
  append_query(target, kClientKey, static_cast<std::uint64_t>(client) + 1);
  return target;
}

void append_query(std::string& target, std::string_view name, std::uint64_t value) {
  target += target.find('?') == std::string::npos ? '?' : '&';
  target += name;
  target += '=';
  target += std::to_string(value);
}

std::optional<std::uint64_t> number_in(std::string_view target, std::string_view name) {
  const auto value = query_value(target, name);
  return value ? whole_number<std::uint64_t>(*value) : std::nullopt;
}

std::optional<int> index_in(std::string_view target, std::string_view name, int count) {
  const auto value = query_value(target, name);
  if (!value) return std::nullopt;
  const auto number = whole_number<int>(*value);
  if (!number || *number < 1 || *number > count) return std::nullopt;
  return *number - 1;
}

std::vector<MessageId> message_ids_in(std::string_view text, std::size_t planned) {
  std::vector<MessageId> ids;
  for (std::size_t at = text.find(kPayloadTag); at != std::string_view::npos;
       at = text.find(kPayloadTag, at + 1)) {
    MessageId id = 0;
    const char* first = text.data() + at + 1;
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, id);
    if (error == std::errc{} && end != first && end < last && *end == ' ' && id < planned) {
      ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace pushlab::sim::contract
