#include "live/target_query.hpp"

#include <doctest/doctest.h>

namespace pushlab::live {

// How a number is read is the contract's (http_contract_test); the live server adds a default.
TEST_CASE("the client a target names: 1 to the number of clients, or 1 when it names none") {
  CHECK(client_index("/poll", 3) == 0);
  CHECK(client_index("/poll?client=3", 3) == 2);
  CHECK_FALSE(client_index("/poll?client=4", 3));
  CHECK_FALSE(client_index("/poll?client=", 3));
}

}  // namespace pushlab::live
