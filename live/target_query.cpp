#include "live/target_query.hpp"

#include <charconv>

namespace pushlab::live {

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

std::optional<int> client_index(std::string_view target, int clients) {
  const auto value = query_value(target, "client");
  if (!value) return 0;
  const auto number = whole_number<int>(*value);
  if (!number || *number < 1 || *number > clients) return std::nullopt;
  return *number - 1;
}

std::optional<std::size_t> received_count(std::string_view target) {
  const auto value = query_value(target, "received");
  return value ? whole_number<std::size_t>(*value) : std::nullopt;
}

}  // namespace pushlab::live
