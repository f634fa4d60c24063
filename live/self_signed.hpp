#pragma once
// A certificate made at run time, signed by its own key, for serving https:// and wss:// on a
// class's machine without a certificate authority. Browsers warn about it (that is what a
// self-signed certificate is); the tests' peers are told to accept it.

#include <string>

namespace pushlab::live {

struct SelfSignedCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
};

// An ECDSA P-256 key and an X.509 certificate for "localhost" and 127.0.0.1, valid from now for
// 30 days. Throws std::runtime_error if OpenSSL fails.
SelfSignedCertificate make_self_signed_certificate();

}  // namespace pushlab::live
