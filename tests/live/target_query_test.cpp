#include "live/target_query.hpp"

#include <doctest/doctest.h>

namespace pushlab::live {

TEST_CASE("a target's path and query values") {
  CHECK(path_of("/poll?client=2") == "/poll");
  CHECK(path_of("/") == "/");
  CHECK(query_value("/lp?client=2&received=5", "received") == "5");
  CHECK(query_value("/lp?client=2&received", "received") == "");
  CHECK_FALSE(query_value("/lp?client=2", "received"));
  CHECK_FALSE(query_value("/lp", "client"));
  CHECK_FALSE(query_value("/lp?clients=2", "client"));  // a whole name, not a prefix
}

TEST_CASE("the client a target names: 1 to the number of clients, or 1 when it names none") {
  CHECK(client_index("/poll", 3) == 0);
  CHECK(client_index("/poll?client=3", 3) == 2);
  CHECK_FALSE(client_index("/poll?client=4", 3));
  CHECK_FALSE(client_index("/poll?client=0", 3));
  CHECK_FALSE(client_index("/poll?client=-1", 3));
  CHECK_FALSE(client_index("/poll?client=2x", 3));
  CHECK_FALSE(client_index("/poll?client=", 3));
  CHECK_FALSE(client_index("/poll?client=99999999999999999999", 3));
}

TEST_CASE("received=K, only as a whole number") {
  CHECK(received_count("/lp?received=12") == 12u);
  CHECK_FALSE(received_count("/lp?received=-1"));
  CHECK_FALSE(received_count("/lp?received=1e3"));
  CHECK_FALSE(received_count("/lp"));
}

}  // namespace pushlab::live
