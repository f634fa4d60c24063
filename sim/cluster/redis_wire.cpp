#include "sim/cluster/redis_wire.hpp"

#include <charconv>

namespace pushlab::sim {

namespace resp = wire::resp;

WireFrame resp_frame(std::string kind, wire::Bytes bytes, std::string note) {
  return {.layer = Layer::resp,
          .kind = std::move(kind),
          .bytes = std::move(bytes),
          .note = std::move(note)};
}

std::string publication_data(std::uint64_t publication, std::size_t payload_bytes) {
  std::string data = "pub " + std::to_string(publication) + " ";
  data.resize(data.size() + payload_bytes, '.');
  return data;
}

std::optional<std::uint64_t> publication_of(std::string_view data) {
  if (!data.starts_with("pub ")) return std::nullopt;
  std::uint64_t publication = 0;
  const auto [end, error] =
      std::from_chars(data.data() + 4, data.data() + data.size(), publication);
  if (error != std::errc{}) return std::nullopt;
  return publication;
}

std::vector<std::string_view> arguments_of(const resp::Value& value) {
  std::vector<std::string_view> arguments;
  if (value.type != resp::Type::array) return arguments;
  for (const resp::Value& element : value.elements) {
    if (element.type != resp::Type::bulk_string) return {};
    arguments.push_back(element.text);
  }
  return arguments;
}

}  // namespace pushlab::sim
