#include "sim/scenario/transport.hpp"

#include <stdexcept>

namespace pushlab::sim {

const TransportInfo& info(Transport transport) {
  const auto row = static_cast<std::size_t>(transport);
  if (row >= kTransports.size())
    throw std::out_of_range("a transport without a row in kTransports");
  return kTransports[row];
}

std::string_view to_string(Transport transport) {
  return info(transport).name;
}

std::optional<Transport> parse_transport(std::string_view name) {
  for (const TransportInfo& row : kTransports) {
    if (row.name == name) return row.transport;
  }
  return std::nullopt;
}

std::vector<std::string> transport_names() {
  std::vector<std::string> names;
  for (const TransportInfo& row : kTransports) names.emplace_back(row.name);
  return names;
}

std::string transport_name_list() {
  std::string list;
  for (const TransportInfo& row : kTransports) {
    if (!list.empty()) list += ", ";
    list += row.name;
  }
  return list;
}

}  // namespace pushlab::sim
