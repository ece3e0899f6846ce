#include "digest.h"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>

namespace posenet::cli {
namespace {

std::string Hex(const unsigned char* md, unsigned int size) {
  std::string out;
  char buf[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", md[i]);
    out += buf;
  }
  return out;
}

// The digest of the concatenated parts; "" if OpenSSL fails.
std::string Digest(const EVP_MD* type, std::initializer_list<std::span<const uint8_t>> parts) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), type, nullptr) != 1) return "";
  for (std::span<const uint8_t> p : parts) {
    if (EVP_DigestUpdate(ctx.get(), p.data(), p.size()) != 1) return "";
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), md, &size) != 1) return "";
  return Hex(md, size);
}

}  // namespace

std::string Sha256Hex(std::span<const uint8_t> bytes) { return Digest(EVP_sha256(), {bytes}); }

std::string GitBlobIdHex(std::span<const uint8_t> bytes) {
  const std::string header = "blob " + std::to_string(bytes.size()) + std::string(1, '\0');
  return Digest(EVP_sha1(),
                {std::span(reinterpret_cast<const uint8_t*>(header.data()), header.size()), bytes});
}

}  // namespace posenet::cli
