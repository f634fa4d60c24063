#include "sim/wire/http/fields.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire::http;

TEST_CASE("fields keep their order and spelling, and are found by any spelling") {
  Fields fields;
  fields.add("Host", "example.com");
  fields.add("accept", "text/event-stream");
  fields.add("X-Seq", "1");
  fields.add("x-seq", "2");

  REQUIRE(fields.size() == 4);
  CHECK((fields.begin() + 1)->name == "accept");
  REQUIRE(fields.find("HOST") != nullptr);
  CHECK(*fields.find("HOST") == "example.com");
  CHECK(*fields.find("X-SEQ") == "1");  // the first of its name
  CHECK(fields.count("x-Seq") == 2);
  CHECK(fields.find("Content-Length") == nullptr);
  CHECK(fields.count("Content-Length") == 0);
}

TEST_CASE("set replaces every field of that name in the place of the first, or appends") {
  Fields fields{{"A", "1"}, {"Cache-Control", "no-cache"}, {"B", "2"}, {"cache-control", "x"}};
  fields.set("Cache-Control", "no-store");
  CHECK(fields == Fields{{"A", "1"}, {"Cache-Control", "no-store"}, {"B", "2"}});

  fields.set("Content-Length", "0");
  CHECK(fields ==
        Fields{{"A", "1"}, {"Cache-Control", "no-store"}, {"B", "2"}, {"Content-Length", "0"}});
}

TEST_CASE("remove drops every field of that name and says how many") {
  Fields fields{{"Via", "a"}, {"Host", "h"}, {"VIA", "b"}};
  CHECK(fields.remove("via") == 2);
  CHECK(fields == Fields{{"Host", "h"}});
  CHECK(fields.remove("via") == 0);
  CHECK_FALSE(fields.empty());
  CHECK(fields.remove("Host") == 1);
  CHECK(fields.empty());
}

TEST_CASE("has_token looks through comma-separated lists of every field of that name") {
  const Fields fields{{"Connection", "keep-alive, Upgrade"},
                      {"Upgrade", "  WebSocket\t"},
                      {"Accept-Encoding", "gzip"},
                      {"accept-encoding", "br ,deflate"}};
  CHECK(fields.has_token("connection", "upgrade"));
  CHECK(fields.has_token("Connection", "keep-alive"));
  CHECK(fields.has_token("Upgrade", "websocket"));
  CHECK(fields.has_token("Accept-Encoding", "deflate"));  // in the second field
  CHECK(fields.has_token("Accept-Encoding", "br"));
  CHECK_FALSE(fields.has_token("Connection", "close"));
  CHECK_FALSE(fields.has_token("Connection", "keep"));     // whole elements only
  CHECK_FALSE(fields.has_token("Upgrade", "keep-alive"));  // other fields do not count
}

TEST_CASE("fields are equal only with the same names, spellings, values and order") {
  const Fields a{{"A", "1"}, {"B", "2"}};
  CHECK(a == Fields{{"A", "1"}, {"B", "2"}});
  CHECK_FALSE(a == Fields{{"B", "2"}, {"A", "1"}});
  CHECK_FALSE(a == Fields{{"a", "1"}, {"B", "2"}});
  CHECK_FALSE(a == Fields{{"A", "1"}});
}

TEST_CASE("extra fields are added once: the message's own stay, Connection's options join") {
  Fields message{{"Host", "a.example"}, {"Connection", "Upgrade"}, {"Accept", "x/y"}};
  add_missing_fields(message, {{"host", "b.example"},
                               {"Connection", "keep-alive, upgrade"},
                               {"accept", "*/*"},
                               {"Keep-Alive", "300"}});
  CHECK(message == Fields{{"Host", "a.example"},
                          {"Connection", "keep-alive, Upgrade"},
                          {"Accept", "x/y"},
                          {"Keep-Alive", "300"}});
  Fields bare;
  add_missing_fields(bare, {{"Connection", "keep-alive"}});
  CHECK(bare == Fields{{"Connection", "keep-alive"}});
}
