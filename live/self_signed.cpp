#include "live/self_signed.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <functional>
#include <memory>
#include <stdexcept>

namespace pushlab::live {

namespace {

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* pointer) const { Free(pointer); }
};
using Key = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Freer<X509, X509_free>>;
using Memory = std::unique_ptr<BIO, Freer<BIO, BIO_free_all>>;
using Extension = std::unique_ptr<X509_EXTENSION, Freer<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("making a self-signed certificate: ") + what);
}

std::string to_pem(const std::function<int(BIO*)>& write) {
  const Memory memory(BIO_new(BIO_s_mem()));
  check(memory != nullptr && write(memory.get()) == 1, "PEM encoding failed");
  char* data = nullptr;
  const long size = BIO_get_mem_data(memory.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void add_extension(X509* certificate, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  const Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  check(extension != nullptr && X509_add_ext(certificate, extension.get(), -1) == 1,
        "adding an extension failed");
}

}  // namespace

SelfSignedCertificate make_self_signed_certificate() {
  const Key key(EVP_EC_gen("P-256"));
  check(key != nullptr, "generating the key failed");
  const Certificate certificate(X509_new());
  check(certificate != nullptr, "X509_new failed");
  X509_set_version(certificate.get(), 2);  // version 3, which has extensions
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 30L * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("PushLab (self-signed)"), -1,
                             -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  add_extension(certificate.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  check(X509_set_pubkey(certificate.get(), key.get()) == 1, "setting the public key failed");
  check(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "signing failed");
  return {
      .certificate_pem =
          to_pem([&](BIO* out) { return PEM_write_bio_X509(out, certificate.get()); }),
      .private_key_pem = to_pem([&](BIO* out) {
        return PEM_write_bio_PrivateKey(out, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
      }),
  };
}

}  // namespace pushlab::live
