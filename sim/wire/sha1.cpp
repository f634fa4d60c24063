#include "sim/wire/sha1.hpp"

#include <openssl/sha.h>

namespace pushlab::sim::wire {

Sha1Digest sha1(ByteView bytes) {
  Sha1Digest digest{};
  SHA1(bytes.data(), bytes.size(), digest.data());
  return digest;
}

}  // namespace pushlab::sim::wire
