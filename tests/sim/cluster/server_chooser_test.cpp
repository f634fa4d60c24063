#include "sim/cluster/server_chooser.hpp"

#include <doctest/doctest.h>

#include <map>
#include <vector>

using namespace pushlab::sim;

TEST_CASE("round robin takes each server in turn and skips one that is down") {
  ServerChooser chooser(BalancerPolicy::round_robin, 3, Rng(1));
  std::vector<int> picks;
  for (int i = 0; i < 4; ++i) picks.push_back(*chooser.choose(0));
  CHECK(picks == std::vector<int>{0, 1, 2, 0});
  chooser.set_up(1, false);
  picks.clear();
  for (int i = 0; i < 4; ++i) picks.push_back(*chooser.choose(0));
  CHECK(picks == std::vector<int>{2, 0, 2, 0});
  for (int server = 0; server < 3; ++server) chooser.set_up(server, false);
  CHECK_FALSE(chooser.choose(0).has_value());
}

TEST_CASE("least connections sends a new connection to the emptiest server, as after a restart") {
  ServerChooser chooser(BalancerPolicy::least_connections, 3, Rng(1));
  for (int i = 0; i < 5; ++i) chooser.opened(0);
  for (int i = 0; i < 5; ++i) chooser.opened(1);
  // s3 came back empty: every new connection goes there until it catches up.
  for (int i = 0; i < 5; ++i) {
    const int pick = *chooser.choose(0);
    CHECK(pick == 2);
    chooser.opened(pick);
  }
  CHECK(*chooser.choose(0) == 0);  // all equal: the lowest number
}

TEST_CASE("ip-hash keeps each address on its server, and only a down server's addresses move") {
  ServerChooser chooser(BalancerPolicy::ip_hash, 4, Rng(1));
  std::map<EndpointId, int> before;
  for (EndpointId address = 0; address < 400; ++address) {
    before[address] = *chooser.choose(address);
    CHECK(*chooser.choose(address) == before[address]);
  }
  std::vector<int> per_server(4, 0);
  for (const auto& [address, server] : before) ++per_server[static_cast<std::size_t>(server)];
  for (const int count : per_server) CHECK(count > 60);  // spread, not piled on one
  chooser.set_up(2, false);
  for (const auto& [address, server] : before) {
    const int now = *chooser.choose(address);
    if (server == 2) {
      CHECK(now != 2);
    } else {
      CHECK(now == server);
    }
  }
}

TEST_CASE("random spreads over the servers that are up, the same for the same seed") {
  ServerChooser a(BalancerPolicy::random, 4, Rng(9));
  ServerChooser b(BalancerPolicy::random, 4, Rng(9));
  a.set_up(3, false);
  b.set_up(3, false);
  std::vector<int> counts(4, 0);
  for (int i = 0; i < 3000; ++i) {
    const int pick = *a.choose(0);
    CHECK(pick == *b.choose(0));
    ++counts[static_cast<std::size_t>(pick)];
  }
  CHECK(counts[3] == 0);
  for (int server = 0; server < 3; ++server) CHECK(counts[static_cast<std::size_t>(server)] > 800);
}
