#include "core/crypto.hpp"

#include <sodium.h>

#include "core/error.hpp"

namespace arbiter {

void crypto_init() {
  static const int rc = sodium_init();
  if (rc < 0) fail("libsodium failed to initialise");
}

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string s(n * 2 + 1, '\0');
  sodium_bin2hex(s.data(), s.size(), p, n);
  s.pop_back();
  return s;
}

bool from_hex(std::string_view hex, unsigned char* out, std::size_t n) {
  if (hex.size() != n * 2) return false;
  std::size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

std::string sha256_hex(std::string_view bytes) {
  crypto_init();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return to_hex(h, sizeof h);
}

uint64_t secure_random_u64() {
  crypto_init();
  uint64_t v;
  randombytes_buf(&v, sizeof v);
  return v;
}

}  // namespace arbiter
