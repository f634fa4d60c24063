#include "live/target_query.hpp"

#include "sim/transports/http_contract.hpp"

namespace pushlab::live {

namespace contract = sim::contract;

std::optional<int> client_index(std::string_view target, int clients) {
  if (!contract::query_value(target, contract::kClientKey)) return 0;
  return contract::client_in(target, clients);
}

}  // namespace pushlab::live
