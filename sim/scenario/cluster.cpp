#include "sim/scenario/cluster.hpp"

namespace pushlab::sim {

std::string server_name(int server) {
  return "s" + std::to_string(server);
}

}  // namespace pushlab::sim
