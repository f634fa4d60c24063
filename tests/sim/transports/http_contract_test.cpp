#include "sim/transports/http_contract.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace pushlab::sim::contract {

TEST_CASE("http contract: a target's path and query values") {
  CHECK(path_of("/poll?client=2") == "/poll");
  CHECK(path_of("/") == "/");
  CHECK(query_value("/lp?client=2&received=5", "received") == "5");
  CHECK(query_value("/lp?client=2&received", "received") == "");
  CHECK_FALSE(query_value("/lp?client=2", "received"));
  CHECK_FALSE(query_value("/lp", "client"));
  CHECK_FALSE(query_value("/lp?clients=2", "client"));  // a whole name, not a prefix
}

TEST_CASE("http contract: targets are written as they are read") {
  std::string target = with_client("/lp", 2);
  CHECK(target == "/lp?client=3");
  append_query(target, kReceivedKey, 5);
  CHECK(target == "/lp?client=3&received=5");
  CHECK(client_in(target, 3) == 2);
  CHECK(number_in(target, kReceivedKey) == 5u);
  std::string bare = "/events";
  append_query(bare, kTabKey, 2);
  CHECK(bare == "/events?tab=2");
  CHECK(index_in(bare, kTabKey, 2) == 1);
}

TEST_CASE("http contract: an index counts from 1 to its limit, as a whole number") {
  CHECK_FALSE(client_in("/poll", 3));  // the simulated server answers such a request 400
  CHECK_FALSE(client_in("/poll?client=4", 3));
  CHECK_FALSE(client_in("/poll?client=0", 3));
  CHECK_FALSE(client_in("/poll?client=-1", 3));
  CHECK_FALSE(client_in("/poll?client=2x", 3));
  CHECK_FALSE(client_in("/poll?client=", 3));
  CHECK_FALSE(client_in("/poll?client=99999999999999999999", 3));
  CHECK_FALSE(number_in("/lp?received=-1", kReceivedKey));
  CHECK_FALSE(number_in("/lp?received=1e3", kReceivedKey));
}

TEST_CASE("http contract: each transport's endpoint, and nothing else, names it") {
  for (const TransportInfo& row : kTransports) {
    CAPTURE(row.name);
    CHECK(transport_at(row.path) == row.transport);
  }
  CHECK(transport_at(kSocketIoPath) == Transport::engine_io);
  CHECK_FALSE(transport_at(kSendPath));
  CHECK_FALSE(transport_at("/"));
}

TEST_CASE("http contract: a payload's tag names its message, among the run's") {
  CHECK(message_ids_in(R"(["#3 defg","#12 mnop"])", 20) == std::vector<MessageId>{3, 12});
  CHECK(message_ids_in("#3 defg #12 mnop", 10) == std::vector<MessageId>{3});  // 12 is not planned
  CHECK(message_ids_in("# 3 #x #4", 10).empty());  // a tag is '#', digits, then a space
}

// The demo page is the fifth speaker of the contract; it is JavaScript, so it is read here.
TEST_CASE("http contract: the demo page asks for the endpoints the servers serve") {
  std::ifstream file(PUSHLAB_ASSETS_DIR "/web/index.html");
  REQUIRE(file);
  std::ostringstream text;
  text << file.rdbuf();
  const std::string page = text.str();
  for (const TransportInfo& row : kTransports) {
    // The page has no Engine.IO lane until live mode speaks it.
    if (row.transport == Transport::engine_io) continue;
    const std::string call =
        "url(\"" + std::string(row.path) + "\", \"" + std::string(row.name) + "\")";
    CAPTURE(call);
    CHECK(page.find(call) != std::string::npos);
  }
  CHECK(page.find("url(\"" + std::string(kSendPath) + "\"") != std::string::npos);
  CHECK(page.find("\"?" + std::string(kClientKey) + "=\"") != std::string::npos);
  CHECK(page.find("\"&" + std::string(kReceivedKey) + "=\"") != std::string::npos);
}

}  // namespace pushlab::sim::contract
