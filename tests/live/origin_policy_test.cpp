#include "live/origin_policy.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pushlab::live;

TEST_CASE("origins compare as RFC 6454 serializes them") {
  CHECK(normalized_origin("HTTP://LocalHost:80") == "http://localhost");
  CHECK(normalized_origin("https://example.com:443") == "https://example.com");
  CHECK(normalized_origin("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
  CHECK(normalized_origin("http://[::1]:8080") == "http://[::1]:8080");
  CHECK(normalized_origin("http://[::1]") == "http://[::1]");
  for (const char* broken :
       {"null", "ftp://a.example", "http://", "http://a.example:", "http://a.example:99999",
        "http://a.example/", "http://a b", "http://[::1", "a.example"}) {
    CAPTURE(broken);
    CHECK_FALSE(normalized_origin(broken).has_value());
  }
}

TEST_CASE("a server's own origins: its address and port, localhost on loopback") {
  CHECK(own_origins(false, "127.0.0.1", 8080) ==
        std::vector<std::string>{"http://127.0.0.1:8080", "http://localhost:8080"});
  CHECK(own_origins(true, "127.0.0.1", 443) ==
        std::vector<std::string>{"https://127.0.0.1", "https://localhost"});
  CHECK(own_origins(false, "::1", 9000) ==
        std::vector<std::string>{"http://[::1]:9000", "http://localhost:9000"});
  // Listening on every address: this machine's loopback among them.
  const std::vector<std::string> every = own_origins(false, "0.0.0.0", 8080);
  CHECK(std::find(every.begin(), every.end(), "http://127.0.0.1:8080") != every.end());
  CHECK(std::find(every.begin(), every.end(), "http://0.0.0.0:8080") == every.end());
}

TEST_CASE(
    "the policy: no Origin, the own, the allowed; everything else refused with how to allow") {
  const OriginPolicy policy{.own = own_origins(false, "127.0.0.1", 8080),
                            .allowed = {"http://teacher.local:8080", "null"}};
  CHECK(policy.allows(std::nullopt));
  CHECK(policy.allows("http://127.0.0.1:8080"));
  CHECK(policy.allows("http://LOCALHOST:8080"));
  CHECK(policy.allows("http://teacher.local:8080"));
  CHECK(policy.allows("null"));
  CHECK_FALSE(policy.allows("http://evil.example"));
  CHECK_FALSE(policy.allows("http://127.0.0.1:8081"));
  CHECK_FALSE(policy.allows("https://127.0.0.1:8080"));
  CHECK_FALSE(policy.allows(""));
  CHECK(OriginPolicy{.own = {}, .allowed = {"*"}}.allows("http://evil.example"));
  CHECK(policy.refusal("http://evil.example") ==
        "403 Forbidden: a page of origin http://evil.example may not use this server, which "
        "serves pages of http://127.0.0.1:8080, http://localhost:8080. To allow that page, start "
        "the server with --allow-origin http://evil.example (or --allow-origin '*' for any "
        "page).");
}

TEST_CASE("--allow-origin takes an origin, null or *, and says what else it expected") {
  CHECK_FALSE(why_not_an_allowed_origin("*").has_value());
  CHECK_FALSE(why_not_an_allowed_origin("null").has_value());
  CHECK_FALSE(why_not_an_allowed_origin("https://a.example:8443").has_value());
  CHECK(why_not_an_allowed_origin("a.example:8080") ==
        "\"a.example:8080\" is not an origin (expected scheme://host[:port] with http or https, "
        "such as http://192.168.1.5:8080; null for a page opened from a file; or * for any "
        "page)");
}
