#include "sim/wire/base64.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;

TEST_CASE("base64 encodes the RFC 4648 section 10 test vectors") {
  CHECK(base64_encode(to_bytes("")) == "");
  CHECK(base64_encode(to_bytes("f")) == "Zg==");
  CHECK(base64_encode(to_bytes("fo")) == "Zm8=");
  CHECK(base64_encode(to_bytes("foo")) == "Zm9v");
  CHECK(base64_encode(to_bytes("foob")) == "Zm9vYg==");
  CHECK(base64_encode(to_bytes("fooba")) == "Zm9vYmE=");
  CHECK(base64_encode(to_bytes("foobar")) == "Zm9vYmFy");
}

TEST_CASE("base64 decodes what it encodes, for every length and byte value") {
  Bytes bytes;
  for (int n = 0; n < 300; ++n) {
    CHECK(base64_decode(base64_encode(bytes)) == bytes);
    bytes.push_back(static_cast<std::uint8_t>(n * 37 + 11));
  }
}

TEST_CASE("base64 rejects malformed text") {
  CHECK_FALSE(base64_decode("Zg=").has_value());       // length not a multiple of 4
  CHECK_FALSE(base64_decode("Z===").has_value());      // too much padding
  CHECK_FALSE(base64_decode("Zg==Zg==").has_value());  // padding before the end
  CHECK_FALSE(base64_decode("Zm9*").has_value());      // not in the alphabet
  CHECK_FALSE(base64_decode("Zm=v").has_value());      // data after padding
}
